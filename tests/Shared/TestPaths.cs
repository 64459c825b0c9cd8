namespace PixLint.Tests;

/// <summary>Locations in the repository (tests never read ../shared: the corpus is copied under tests/corpus).</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Corpus => Path.Combine(RepoRoot, "tests", "corpus", "real");

    public static string Transcripts => Path.Combine(RepoRoot, "tests", "corpus", "transcripts");

    public static string Samples => Path.Combine(RepoRoot, "samples");

    public static string Rules => Path.Combine(RepoRoot, "rules");

    /// <summary>Every corpus configuration (relative path under tests/corpus/real), sorted.</summary>
    public static IEnumerable<string> CorpusFiles() =>
        Directory.EnumerateFiles(Corpus, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tsv", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Corpus, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>The corpus's SOURCES.tsv rows by local file name.</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, string>> CorpusSources()
    {
        var lines = File.ReadAllLines(Path.Combine(Corpus, "SOURCES.tsv"));
        string[] header = lines[0].Split('\t');
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split('\t');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length && i < cells.Length; i++)
            {
                row[header[i]] = cells[i];
            }

            rows[row["local_file"]] = row;
        }

        return rows;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PixLint.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (PixLint.sln) above " + AppContext.BaseDirectory);
    }
}
