namespace PixLint.Tests;

/// <summary>
/// Fixing every real configuration of the corpus: no crash, convergence, nothing left of
/// SMTP001/010/011/014, a second fix changes nothing, and lines the fixes do not touch stay byte for byte.
/// </summary>
public class CorpusFixTests
{
    public static TheoryData<string> Files() => [.. TestPaths.CorpusFiles()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Real_configurations_fix_cleanly(string file)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(TestPaths.Corpus, file));
        var result = Fixing.Fix(file, original);
        Assert.True(result.Converged);
        Assert.DoesNotContain(result.After.Findings, f => Fixing.MustConverge.Contains(f.RuleId));

        byte[] once = result.Text.ToBytes();
        Assert.False(Fixing.Fix(file, once).Changed);

        var changed = result.Text.Changes().SelectMany(c => Enumerable.Range(c.OldStart, c.OldCount)).ToHashSet();
        string text = result.Text.Text;
        int at = 0;
        for (int line = 0; line < result.Text.Original.LineCount; line++)
        {
            if (changed.Contains(line))
            {
                continue;
            }

            string expected = result.Text.OriginalLine(line);
            int found = text.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"{file}: line {line + 1} is not in the output unchanged");
            at = found + expected.Length;
        }
    }

    [Fact]
    public void The_corpus_has_something_to_fix()
    {
        int fixes = TestPaths.CorpusFiles().Sum(f => Fixing.Fix(f, File.ReadAllBytes(Path.Combine(TestPaths.Corpus, f))).Applied.Count);
        Assert.True(fixes > 10, $"only {fixes} fixes across the corpus");
    }
}
