using CsCheck;
using PixLint.Syntax.Commands;
using PixLint.Syntax.Grammar;
using Sprache;

namespace PixLint.Tests.Grammar;

/// <summary>
/// The access-list fast path against the grammar it stands in for: whenever it answers, the grammar
/// gives the same command; the public parser (fast path, then grammar) gives the grammar's results
/// and errors on every line, real or random.
/// </summary>
public class AccessListFastPathTests
{
    // Words that steer every branch of the grammar, valid and not.
    private static readonly string[] Vocabulary =
    [
        "access-list", "ACCESS-LIST", "OUTSIDE_IN", "101", "line", "3", "x", "extended", "Extended", "advanced", "standard", "webtype",
        "ethertype", "remark", "mode", "commit", "permit", "PERMIT", "deny", "tcp", "TCP", "udp", "ip", "icmp", "6", "esp", "tcp-udp",
        "object", "object-group", "OBJ", "GRP", "host", "HOST", "any", "any4", "Any6", "interface", "inside", "192.0.2.25",
        "198.51.100.0", "255.255.255.0", "255.255.255.256", "2001:db8::/32", "eq", "EQ", "lt", "gt", "neq", "range", "smtp",
        "www", "syslog", "25", "587", "65535", "65536", "0025", "log", "inactive", "time-range", "T", "informational", "\t", "  ",
        "caf\u00E9", "\u0130nterface",
    ];

    private static readonly Gen<string> RandomLine =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, Vocabulary.Length - 1].Array[0, 16]).Select(t =>
        {
            var words = t.Item2.Select(i => Vocabulary[i]);
            string prefix = t.Item1 switch
            {
                0 => string.Empty,
                1 => "access-list A ",
                2 => "access-list A extended permit tcp ",
                _ => "access-list A permit ",
            };
            return prefix + string.Join(' ', words);
        });

    // Entries built part by part, mostly well formed, so the fast path answers for most of them.
    private static readonly Gen<string> Address = Gen.OneOfConst(
        "any", "any4", "ANY6", "host 192.0.2.1", "host mx", "object MX", "object-group MAIL", "interface outside",
        "198.51.100.0 255.255.255.0", "198.51.100.0 255.255.255.999", "2001:db8::/32", "eq", "host");

    private static readonly Gen<string> Ports = Gen.OneOfConst(
        "", "", "eq 25", "eq smtp", "eq syslog", "lt 1024", "gt 1023", "neq www", "range 25 587", "range smtp 25",
        "object-group SMTP_PORTS", "eq 70000", "range 25");

    private static readonly Gen<string> Entry =
        Gen.Select(
            Gen.OneOfConst("access-list A ", "access-list 101 ", "access-list A line 4 ", "access-list A line x "),
            Gen.OneOfConst("", "extended ", "advanced ", "standard ", "remark  a b "),
            Gen.OneOfConst("permit ", "deny ", "Permit "),
            Gen.OneOfConst("tcp", "udp", "ip", "6", "object-group SVC", "object SVC", "any", "eq"),
            Gen.Select(Address, Ports, Address, Ports),
            Gen.OneOfConst("", " log", " log 6 interval 300", " inactive", " time-range T"))
        .Select(t => $"{t.Item1}{t.Item2}{t.Item3}{t.Item4} {t.Item5.Item1} {t.Item5.Item2} {t.Item5.Item3} {t.Item5.Item4}{t.Item6}");

    [Fact]
    public void Random_lines_get_the_grammars_results_and_errors() =>
        RandomLine.Sample(AssertSameAsGrammar, iter: 20_000);

    [Fact]
    public void Random_entries_get_the_grammars_results_and_errors() =>
        Entry.Sample(AssertSameAsGrammar, iter: 20_000);

    [Fact]
    public void Every_access_list_line_of_the_corpus_and_samples_gets_the_grammars_result()
    {
        var lines = Directory.EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(TestPaths.Samples))
            .Concat(Directory.EnumerateFiles(TestPaths.Rules, "*.cfg", SearchOption.AllDirectories))
            .Where(f => !f.EndsWith(".tsv", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("access-list ", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(lines.Count > 500, $"only {lines.Count} access-list lines found");

        int fast = 0, accepted = 0;
        foreach (string line in lines)
        {
            AssertSameAsGrammar(line);
            accepted += AccessListGrammar.GrammarOnly(new LineInput(line)).WasSuccessful ? 1 : 0;
            fast += AccessListFastPath.TryParse(line) is not null ? 1 : 0;
        }

        // The fast path must carry the real lines, not just agree by declining them.
        Assert.True(fast >= accepted * 95 / 100, $"the fast path took {fast} of the {accepted} lines the grammar accepts");
    }

    [Theory]
    [InlineData("access-list OUTSIDE_IN extended permit tcp any host 203.0.113.25 eq smtp log")]
    [InlineData("access-list 101 permit tcp any host mx-inside eq 587")]
    [InlineData("access-list A line 3 extended permit tcp 198.51.100.0 255.255.255.0 object-group MAIL range 2530 2525 log")]
    [InlineData("access-list A extended permit object-group MAIL_SVC any object mx")]
    [InlineData("access-list A extended permit tcp host 192.0.2.1 object-group SRC_PORTS any eq 25")]
    [InlineData("access-list A extended permit tcp any object-group MX object-group SMTP_PORTS")]
    [InlineData("access-list A extended deny udp any4 2001:db8::/32 neq syslog inactive")]
    [InlineData("access-list A remark   keep   the spacing  ")]
    [InlineData("access-list A standard permit 192.0.2.0 255.255.255.0")]
    public void Usual_lines_take_the_fast_path(string line)
    {
        Assert.NotNull(AccessListFastPath.TryParse(line));
        AssertSameAsGrammar(line);
    }

    [Theory]
    [InlineData("access-list mode auto")]
    [InlineData("access-list A extended permit tcp any host 192.0.2.1 eq 99999")]
    [InlineData("access-list A extended permit tcp any host")]
    [InlineData("access-list A line x permit ip any any")]
    [InlineData("access-list A remark caf\u00E9")]
    public void Unusual_or_wrong_lines_are_left_to_the_grammar(string line)
    {
        Assert.Null(AccessListFastPath.TryParse(line));
        AssertSameAsGrammar(line);
    }

    private static void AssertSameAsGrammar(string line)
    {
        var grammar = AccessListGrammar.GrammarOnly(new LineInput(line));
        var combined = AccessListGrammar.AccessList(new LineInput(line));
        var fast = AccessListFastPath.TryParse(line);
        if (fast is not null)
        {
            Assert.True(grammar.WasSuccessful, $"the fast path accepted what the grammar rejects: {line}");
            AssertSame((AccessListCommand)grammar.Value, fast, line);
        }

        Assert.Equal(grammar.WasSuccessful, combined.WasSuccessful);
        if (grammar.WasSuccessful)
        {
            AssertSame((AccessListCommand)grammar.Value, (AccessListCommand)combined.Value, line);
        }
        else
        {
            Assert.Equal(grammar.Message, combined.Message);
            Assert.Equal(grammar.Expectations, combined.Expectations);
            Assert.Equal(grammar.Remainder.Position, combined.Remainder.Position);
        }
    }

    private static void AssertSame(AccessListCommand expected, AccessListCommand actual, string line)
    {
        Assert.True(expected.Name == actual.Name && expected.Kind == actual.Kind && expected.Remark == actual.Remark, line);
        Assert.Equal(expected.Entry is null, actual.Entry is null);
        if (expected.Entry is { } e && actual.Entry is { } a)
        {
            Assert.True(
                e.Permit == a.Permit && e.Protocol == a.Protocol && e.Source == a.Source && e.SourcePort == a.SourcePort
                && e.Destination == a.Destination && e.DestinationPort == a.DestinationPort && e.Options.SequenceEqual(a.Options),
                $"{line}\n  grammar:   {e}\n  fast path: {a}");
        }
    }
}
