using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>Every real configuration, and CRLF / CR / BOM / no-final-newline / invalid-UTF-8 variants of it, parse without an exception and print back byte for byte.</summary>
public class CorpusRoundTripTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in TestPaths.CorpusFiles())
        {
            foreach (string variant in Variants.All)
            {
                data.Add(file, variant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses_and_prints_back_exactly(string file, string variant)
    {
        byte[] bytes = Variants.Make(File.ReadAllBytes(Path.Combine(TestPaths.Corpus, file)), variant);
        var tree = ConfigParser.Parse(SourceText.From(file, bytes));
        tree.ParseAll();

        using var output = new MemoryStream();
        tree.WriteSource(output);
        Assert.Equal(bytes, output.ToArray());
        SpanChecks.AssertInside(tree);
    }
}

internal static class SpanChecks
{
    /// <summary>Every command span and diagnostic span lies inside the text.</summary>
    public static void AssertInside(SyntaxTree tree)
    {
        int length = tree.Source.Length;
        for (int i = 0; i < tree.LineCount; i++)
        {
            var line = tree.Source.GetLine(i);
            Assert.InRange(line.Start, 0, length);
            Assert.InRange(line.EndIncludingEnding, line.Start, length);
            if (tree.IsCommand(i))
            {
                var span = tree.GetCommandSpan(i);
                Assert.InRange(span.Start, line.Start, line.End);
                Assert.InRange(span.End, span.Start, line.End);
            }
        }

        foreach (var d in tree.Diagnostics)
        {
            Assert.InRange(d.Span.Start, 0, length);
            Assert.InRange(d.Span.End, d.Span.Start, length);
        }
    }
}
