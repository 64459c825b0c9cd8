using PixLint.Diagnosis;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>Reads and diagnoses a transcript file (optionally a line-ending/encoding variant of it).</summary>
internal static class Analyze
{
    public static string Fixtures => Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Diagnosis.Tests", "Fixtures");

    public static Transcript Read(string path, string variant = "original") =>
        TranscriptReader.Read(SourceText.From(Path.GetFileName(path), Variants.Make(System.IO.File.ReadAllBytes(path), variant)));

    public static SessionDiagnosis File(string path, string variant = "original") => SessionAnalyzer.Analyze(Read(path, variant));

    public static SessionDiagnosis Text(string text) => SessionAnalyzer.Analyze(TranscriptReader.Read("test.txt", text));

    /// <summary>`kind@line` for each piece of evidence, in order: compact to compare.</summary>
    /// <summary>Each transcript (in name order) with each line-ending and BOM variant it is read in.</summary>
    public static TheoryData<string, string> EveryVariantOf(IEnumerable<string> files)
    {
        var data = new TheoryData<string, string>();
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            foreach (string variant in new[] { "original", "crlf", "cr", "bom", "no-final-newline" })
            {
                data.Add(file, variant);
            }
        }

        return data;
    }

    public static string[] Evidence(SessionDiagnosis diagnosis) => [.. diagnosis.Evidence.Select(e => $"{e.Kind}@{e.Line}")];
}
