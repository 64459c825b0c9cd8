using PixLint.Model;
using PixLint.Output;
using PixLint.Rules;
using PixLint.Text;

namespace PixLint.Benchmarks;

/// <summary>
/// The lint pipeline as the CLI runs it by default (`pixlint lint --format json FILE`: the default
/// rule pack, no project configuration), one stage at a time, so the benchmarks time the same code
/// and a test (PixLint.Cli.Tests, BenchmarkPipelineTests) checks that it finds what the CLI finds.
/// </summary>
public static class BenchmarkPipeline
{
    /// <summary>The default rule pack, loaded as `pixlint lint` loads it.</summary>
    public static RuleSet DefaultRules()
    {
        var errors = new List<LoadError>();
        var rules = RuleSet.Load(includeDefault: true, [], Directory.GetCurrentDirectory(), errors);
        return errors.Count == 0 ? rules : throw new InvalidOperationException($"the default rules do not load: {errors[0]}");
    }

    public static ModelOptions DefaultModelOptions() => new(DefaultsLoader.Default);

    public static Linter CreateLinter() => new(DefaultModelOptions(), DefaultRules());

    /// <summary>Reads, parses, models and checks one file, as `pixlint lint` does.</summary>
    public static FileReport Lint(Linter linter, string path) => linter.Lint(SourceText.FromFile(path, path));

    /// <summary>Writes one file's report as `--format json` does.</summary>
    public static void WriteJson(FileReport report, Stream output) => Write(new JsonFormatter(), report, output);

    /// <summary>Writes one file's report as `--format text` does.</summary>
    public static void WriteText(FileReport report, Stream output) => Write(new TextFormatter(), report, output);

    private static void Write(IReportFormatter formatter, FileReport report, Stream output)
    {
        using (formatter)
        {
            formatter.Write(new LintReport([report]), output, new FormatOptions());
        }
    }
}
