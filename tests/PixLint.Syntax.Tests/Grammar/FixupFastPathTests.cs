using CsCheck;
using PixLint.Syntax.Commands;
using PixLint.Syntax.Grammar;

namespace PixLint.Tests.Grammar;

/// <summary>
/// The fixup fast path against <see cref="FixupGrammar.Fixup"/>: whenever it answers, the grammar
/// accepts the line and gives the same command; the corpus's fixup lines take it.
/// </summary>
public class FixupFastPathTests
{
    private static readonly string[] Vocabulary =
    [
        "fixup", "FIXUP", "protocol", "Protocol", "smtp", "SMTP", "esmtp", "ftp", "h323", "ras", "http", "icmp", "error", "25", "2525-2530",
        "2530-2525", "25-", "-25", "0", "65535", "65536", "smtps", "strict", "1718-1719", "\t", "caf\u00E9", "no",
    ];

    private static readonly Gen<string> RandomTail =
        Gen.Int[0, Vocabulary.Length - 1].Array[0, 5].Select(ix => string.Join(' ', ix.Select(i => Vocabulary[i])));

    [Fact]
    public void Random_lines_never_make_the_fast_path_disagree_with_the_grammar()
    {
        Gen.Select(Gen.OneOfConst("fixup protocol", "fixup protocol smtp", "fixup", "FIXUP PROTOCOL SMTP"), RandomTail)
            .Select(t => $"{t.Item1} {t.Item2}")
            .Sample(AssertAgrees, iter: 10_000);
    }

    [Theory]
    [InlineData("fixup protocol smtp 25", true)]
    [InlineData("fixup protocol SMTP 2525-2530", true)]
    [InlineData("fixup protocol smtp", true)]
    [InlineData("fixup protocol h323 ras 1718-1719", true)]
    [InlineData("fixup protocol icmp error", true)]
    [InlineData("fixup protocol smtp 25 strict", false)] // the grammar rejects it and says why
    [InlineData("fixup protocol smtp 2530-2525", false)]
    [InlineData("fixup protocol ftp caf\u00E9", false)]
    public void Usual_lines_take_the_fast_path_and_the_rest_fall_back(string line, bool quick)
    {
        AssertAgrees(line);
        Assert.Equal(quick, FixupGrammar.Fast(line, default) is not null);
    }

    [Fact]
    public void Every_fixup_line_of_the_corpus_agrees_and_takes_the_fast_path()
    {
        var lines = Directory.EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(TestPaths.Samples))
            .Where(f => !f.EndsWith(".tsv", StringComparison.Ordinal))
            .SelectMany(File.ReadLines)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("fixup ", StringComparison.OrdinalIgnoreCase))
            .ToList();
        int accepted = 0, quick = 0;
        foreach (string line in lines)
        {
            AssertAgrees(line);
            accepted += FixupGrammar.Fixup(new LineInput(line)).WasSuccessful ? 1 : 0;
            quick += FixupGrammar.Fast(line, default) is not null ? 1 : 0;
        }

        Assert.True(accepted > 10, $"only {accepted} fixup lines of the corpus parse");
        Assert.True(quick >= accepted * 9 / 10, $"the fast path took {quick} of the {accepted} fixup lines the grammar accepts");
    }

    private static void AssertAgrees(string line)
    {
        if (FixupGrammar.Fast(line, default) is not FixupCommand quick)
        {
            return;
        }

        var result = FixupGrammar.Fixup(new LineInput(line));
        Assert.True(result.WasSuccessful, $"the fast path accepted what the grammar rejects: {line}");
        var slow = Assert.IsType<FixupCommand>(result.Value);
        Assert.Equal(slow.Protocol, quick.Protocol);
        Assert.Equal(slow.Ports, quick.Ports);
        Assert.Equal(slow.Arguments, quick.Arguments);
        Assert.Equal((slow.Line, slow.Span, slow.Negated), (quick.Line, quick.Span, quick.Negated));
    }
}
