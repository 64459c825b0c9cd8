namespace PixLint.Tests;

/// <summary>Where the fuzz targets' inputs live: the seeds tests/fuzz/run.sh starts AFL with, and the regression inputs.</summary>
internal static class FuzzInputs
{
    public static string Regressions => Path.Combine(TestPaths.RepoRoot, "tests", "fuzz", "regressions");

    /// <summary>Real configurations: the corpus, the samples, the rule fixtures and the secrets fixtures.</summary>
    public static IEnumerable<string> ConfigSeeds() =>
        TestPaths.CorpusFiles().Select(f => Path.Combine(TestPaths.Corpus, f))
            .Concat(Directory.EnumerateFiles(TestPaths.Samples, "*.cfg"))
            .Concat(Directory.EnumerateFiles(TestPaths.Rules, "*.cfg", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Cli.Tests", "Fixtures", "secrets"), "*.cfg"))
            .Order(StringComparer.Ordinal);

    /// <summary>Rule, defaults and project configuration files.</summary>
    public static IEnumerable<string> RuleSeeds() =>
        Directory.EnumerateFiles(TestPaths.Rules, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tests", "fuzz", "seeds", "rules")))
            .Order(StringComparer.Ordinal);

    /// <summary>SMTP transcripts: the real ones of the corpus and the diagnosis fixtures.</summary>
    public static IEnumerable<string> TranscriptSeeds() =>
        Directory.EnumerateFiles(TestPaths.Transcripts, "*.txt")
            .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Diagnosis.Tests", "Fixtures"), "*.txt"))
            .Order(StringComparer.Ordinal);

    /// <summary>What servers send: tests/fuzz/seeds/probe (a Postfix session, a masked PIX banner, endless continuation lines...).</summary>
    public static IEnumerable<string> ProbeSeeds() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tests", "fuzz", "seeds", "probe")).Order(StringComparer.Ordinal);

    /// <summary>The minimised inputs of crashes and hangs AFL found, per target (tests/fuzz/regressions/TARGET/*).</summary>
    public static IEnumerable<string> RegressionFiles(string target)
    {
        string dir = Path.Combine(Regressions, target);
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];
    }
}
