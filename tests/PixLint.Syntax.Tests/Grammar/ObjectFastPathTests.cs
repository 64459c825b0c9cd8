using CsCheck;
using PixLint.Syntax.Commands;
using PixLint.Syntax.Grammar;
using Sprache;

namespace PixLint.Tests.Grammar;

/// <summary>
/// The object, object-group and NAT fast paths against the grammars they stand in for: whenever a
/// fast path answers, its grammar accepts the line and gives an equal command; real lines from the
/// corpus mostly take the fast path; random lines built from the words that steer each grammar
/// never make the two disagree.
/// </summary>
public class ObjectFastPathTests
{
    public static TheoryData<string> Families => new() { "object", "object-group", "object-member", "group-member", "object-nat", "twice-nat" };

    // Each family: the first words its lines start with, the fast path, and the grammar.
    private static (string[] FirstWords, CommandGrammars.FastParser Fast, Parser<Command> Grammar) Family(string name) => name switch
    {
        "object" => (["object"], ObjectFastPath.Object, AccessListGrammar.Object),
        "object-group" => (["object-group"], ObjectFastPath.ObjectGroup, AccessListGrammar.ObjectGroup),
        "object-member" => (["host", "subnet", "range", "fqdn", "service"], ObjectFastPath.ObjectMember, AccessListGrammar.ObjectMember),
        "group-member" => (["network-object", "port-object", "group-object", "service-object", "protocol-object"], ObjectFastPath.GroupMember, AccessListGrammar.GroupMember),
        "object-nat" => (["nat"], ObjectFastPath.ObjectNat, NetworkGrammar.ObjectNat),
        "twice-nat" => (["nat"], ObjectFastPath.TwiceNat, NetworkGrammar.Nat),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    // Words that steer every branch of these grammars, valid and not.
    private static readonly string[] Vocabulary =
    [
        "object", "OBJECT", "object-group", "network", "service", "Service", "protocol", "icmp-type", "MX", "mx-inside", "GRP", "tcp", "udp",
        "tcp-udp", "host", "HOST", "subnet", "range", "fqdn", "v4", "v6", "mail.example.com", "192.0.2.25", "198.51.100.0",
        "255.255.255.0", "255.255.255.256", "2001:db8::/32", "2001:db8::1", "network-object", "port-object", "group-object",
        "service-object", "protocol-object", "eq", "range", "lt", "gt", "neq", "smtp", "25", "587", "65536", "any", "any4",
        "interface", "nat", "NAT", "(inside,outside)", "(inside,)", "(,outside)", "(inside)", "()", "(a,b)", "static", "STATIC",
        "dynamic", "source", "destination", "after-auto", "1", "no-proxy-arp", "route-lookup", "dns", "\t", "caf\u00E9",
    ];

    private static readonly Gen<string> RandomTail =
        Gen.Int[0, Vocabulary.Length - 1].Array[0, 9].Select(ix => string.Join(' ', ix.Select(i => Vocabulary[i])));

    [Theory]
    [MemberData(nameof(Families))]
    public void Random_lines_never_make_the_fast_path_disagree_with_the_grammar(string family)
    {
        var (firstWords, fast, grammar) = Family(family);
        Gen.Select(Gen.OneOfConst(firstWords), RandomTail)
            .Select(t => $"{t.Item1} {t.Item2}")
            .Sample(line => AssertAgrees(line, fast, grammar), iter: 10_000);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_line_of_the_corpus_and_samples_agrees_and_most_take_the_fast_path(string family)
    {
        var (firstWords, fast, grammar) = Family(family);
        var lines = CorpusLines()
            .Where(l => firstWords.Any(w => l.StartsWith(w + " ", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        int accepted = 0, quick = 0;
        foreach (string line in lines)
        {
            AssertAgrees(line, fast, grammar);
            accepted += grammar(new LineInput(line)).WasSuccessful ? 1 : 0;
            quick += fast(line, default) is not null ? 1 : 0;
        }

        Assert.True(accepted > 0, $"no {family} line of the corpus parses");
        if (family is "object" or "object-group")
        {
            Assert.True(quick >= accepted * 9 / 10, $"the fast path took {quick} of the {accepted} {family} lines the grammar accepts");
        }
        else
        {
            // protocol-object and ICMP services stay with the grammar, and so does the PIX 6
            // `nat (IF) ID` form; the corpus's nat lines mix object NAT and twice NAT.
            Assert.True(quick > 0, $"the fast path took none of the {accepted} {family} lines");
        }
    }

    [Theory]
    [InlineData("object network MX")]
    [InlineData("object-group service SMTP_PORTS tcp")]
    [InlineData("host 192.0.2.25")]
    [InlineData("subnet 198.51.100.0 255.255.255.0")]
    [InlineData("subnet 2001:db8::/32")]
    [InlineData("range 192.0.2.10 192.0.2.20")]
    [InlineData("fqdn v4 mail.example.com")]
    [InlineData("network-object host 192.0.2.25")]
    [InlineData("network-object 198.51.100.0 255.255.255.0")]
    [InlineData("port-object eq smtp")]
    [InlineData("group-object MAIL")]
    [InlineData("service tcp destination eq smtp")]
    [InlineData("service tcp source range 1024 65535 destination eq 25")]
    [InlineData("service-object tcp destination eq smtp")]
    [InlineData("service-object tcp-udp eq domain")]
    [InlineData("service-object object SMTP")]
    [InlineData("service-object tcp destination object-group MAIL_PORTS")]
    [InlineData("nat (inside,outside) static 203.0.113.25")]
    [InlineData("nat (inside,outside) static interface service tcp smtp smtp")]
    [InlineData("nat (inside,outside) source static MX MX-PUBLIC service SMTP SMTP")]
    [InlineData("nat (inside,outside) after-auto source dynamic any interface")]
    public void Usual_lines_take_the_fast_path(string line)
    {
        var hits = new[] { "object", "object-group", "object-member", "group-member", "object-nat", "twice-nat" }
            .Select(Family)
            .Where(f => f.FirstWords.Any(w => line.StartsWith(w + " ", StringComparison.Ordinal)))
            .Count(f =>
            {
                AssertAgrees(line, f.Fast, f.Grammar);
                return f.Fast(line, default) is not null;
            });
        Assert.True(hits > 0, $"no fast path took: {line}");
    }

    private static void AssertAgrees(string line, CommandGrammars.FastParser fast, Parser<Command> grammar)
    {
        var quick = fast(line, default);
        if (quick is null)
        {
            return;
        }

        var result = grammar(new LineInput(line));
        Assert.True(result.WasSuccessful, $"the fast path accepted what the grammar rejects: {line}");
        Assert.Equal(result.Value, quick);
    }

    private static IEnumerable<string> CorpusLines() =>
        Directory.EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(TestPaths.Samples))
            .Concat(Directory.EnumerateFiles(TestPaths.Rules, "*.cfg", SearchOption.AllDirectories))
            .Where(f => !f.EndsWith(".tsv", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Select(l => l.Trim());
}
