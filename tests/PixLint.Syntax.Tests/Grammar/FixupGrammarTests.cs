using PixLint.Model;
using PixLint.Syntax.Commands;
using static PixLint.Tests.ParseHelper;

namespace PixLint.Tests.Grammar;

public class FixupGrammarTests
{
    [Theory]
    [InlineData("fixup protocol smtp 25", 25, 25)]
    [InlineData("fixup protocol smtp 2525-2530", 2525, 2530)]
    [InlineData("fixup protocol smtp smtp", 25, 25)]
    [InlineData("FIXUP PROTOCOL SMTP 25  ", 25, 25)]
    public void Smtp_fixups(string line, int low, int high)
    {
        var fixup = Parsed<FixupCommand>(line);
        Assert.Equal("smtp", fixup.Protocol);
        Assert.Equal(new PortRange(low, high), fixup.Ports);
    }

    [Fact]
    public void Negated_fixups()
    {
        var fixup = Parsed<FixupCommand>("no fixup protocol smtp 25");
        Assert.True(fixup.Negated);
        Assert.Null(Parsed<FixupCommand>("no fixup protocol smtp").Ports);
    }

    [Theory]
    [InlineData("fixup protocol h323 ras 1718-1719", "h323", new[] { "ras", "1718-1719" })]
    [InlineData("fixup protocol icmp error ", "icmp", new[] { "error" })]
    [InlineData("fixup protocol rsh ", "rsh", new string[0])]
    [InlineData("fixup protocol dns maximum-length 512", "dns", new[] { "maximum-length", "512" })]
    public void Other_fixups_keep_their_arguments(string line, string protocol, string[] args)
    {
        var fixup = Parsed<FixupCommand>(line);
        Assert.Equal(protocol, fixup.Protocol);
        Assert.Equal(args, fixup.Arguments);
    }

    [Theory]
    [InlineData("fixup protocol smtp twenty", "unexpected 'twenty', expected port number or range (PORT or LOW-HIGH) or end of line", 21)]
    [InlineData("fixup protocol smtp 30-25", "unexpected '30-25', expected port number or range (PORT or LOW-HIGH) or end of line", 21)]
    [InlineData("fixup protocol smtp 25 26", "unexpected '26', expected end of line", 24)]
    [InlineData("fixup protocol smtp 70000", "unexpected '70000', expected port number or range (PORT or LOW-HIGH) or end of line", 21)]
    [InlineData("fixup smtp 25", "unexpected 'smtp', expected 'protocol'", 7)]
    [InlineData("fixup protocol", "unexpected end of line, expected 'smtp' or protocol name", 15)]
    public void Malformed_fixups(string line, string message, int column) => Rejected(line, message, column);
}
