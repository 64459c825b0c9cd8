using System.Text;
using PixLint.Syntax;
using PixLint.Syntax.Commands;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>
/// Lines a terminal broke at its width (`terminal width 80`, the default): a line of exactly 80 (or
/// 132) characters followed by one that starts in column 1 with no known command is read as one
/// command; the file still prints back byte for byte.
/// </summary>
public class WrappedLineTests
{
    private static SyntaxTree Parse(string text) => ConfigParser.Parse(SourceText.FromString("t.cfg", text));

    private static string Wrap(string line, int width) => line.Length <= width ? line : line[..width] + "\n" + line[width..];

    private static byte[] PrintBack(SyntaxTree tree)
    {
        using var output = new MemoryStream();
        tree.WriteSource(output);
        return output.ToArray();
    }

    [Fact]
    public void An_access_list_broken_at_80_columns_is_read_as_one_command()
    {
        const string acl = "access-list OUTSIDE_IN extended permit tcp any object-group MAIL_RELAYS object mx-inside eq smtp";
        string text = "ASA Version 9.8(4)\n" + Wrap(acl, 80) + "\naccess-group OUTSIDE_IN in interface outside\n";
        var tree = Parse(text);

        Assert.Equal(80, text.Split('\n')[1].Length);
        Assert.Equal(LineKind.WrappedContinuation, tree.GetKind(2));
        Assert.Equal(acl, tree.GetCommandText(1));
        var command = Assert.IsType<AccessListCommand>(tree.GetCommand(1));
        Assert.Equal("OUTSIDE_IN", command.Name);
        Assert.Equal(PortOperator.Eq, command.Entry!.DestinationPort!.Operator);
        Assert.Equal(1, tree.Source.GetPosition(tree.GetCommandSpan(1).Start).Column);
        Assert.Equal(19 + 80, tree.GetCommandSpan(1).End); // findings point at the first half
        Assert.DoesNotContain(tree.Diagnostics, d => d.Code is ParseDiagnostic.UnrecognizedLine or ParseDiagnostic.SyntaxError);
        Assert.Equal(Encoding.UTF8.GetBytes(text), PrintBack(tree));
    }

    [Fact]
    public void A_timeout_line_broken_at_80_columns_with_crlf_endings_is_read_as_one_command()
    {
        const string timeout = "timeout conn 1:00:00 half-closed 0:10:00 udp 0:02:00 sctp 0:02:00 icmp 0:00:02 floating-conn 0:00:00";
        string text = "ASA Version 9.8(4)\r\n" + Wrap(timeout, 80).Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n";
        var tree = Parse(text);

        Assert.Equal(LineKind.WrappedContinuation, tree.GetKind(2));
        Assert.Equal(timeout, tree.GetCommandText(1));
        Assert.Equal(0, tree.UnrecognizedCount);
        Assert.Equal(Encoding.UTF8.GetBytes(text), PrintBack(tree));
    }

    [Fact]
    public void An_unknown_command_broken_at_the_width_is_one_unrecognised_line_not_two()
    {
        string unknown = "frobnicate " + new string('x', 100);
        var tree = Parse("ASA Version 9.8(4)\n" + Wrap(unknown, 80) + "\n");
        Assert.Equal(1, tree.UnrecognizedCount);
        var note = Assert.Single(tree.Diagnostics, d => d.Code == ParseDiagnostic.UnrecognizedLine);
        Assert.Equal(TextSpan.FromBounds(19, 19 + 80), note.Span);
    }

    [Theory]
    [InlineData(79)] // not at the width: two lines
    [InlineData(81)]
    public void A_line_not_at_the_width_is_not_joined(int width)
    {
        const string acl = "access-list OUTSIDE_IN extended permit tcp any object-group MAIL_RELAYS object mx-inside eq smtp";
        var tree = Parse(Wrap(acl, width) + "\n");
        Assert.Equal(LineKind.Command, tree.GetKind(1));
        Assert.True(tree.IsUnrecognized(1));
    }

    [Fact]
    public void A_line_at_the_width_followed_by_a_command_comment_or_indented_line_is_not_joined()
    {
        string full = "access-list OUTSIDE_IN remark " + new string('m', 50);
        Assert.Equal(80, full.Length);
        foreach (string next in new[] { "access-group OUTSIDE_IN in interface outside", "!", " description x", "no names", "fw# show run" })
        {
            var tree = Parse(full + "\n" + next + "\n");
            Assert.NotEqual(LineKind.WrappedContinuation, tree.GetKind(1));
            Assert.Equal(full, tree.GetCommandText(0));
        }
    }
}
