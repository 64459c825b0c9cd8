using System.Text;
using PixLint.Cli;
using PixLint.Model;
using PixLint.Remediation;
using PixLint.Rules;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>The default rule pack, and fixing a configuration with it (in process, no CLI).</summary>
internal static class Fixing
{
    private static readonly Lazy<RuleSet> Pack = new(() =>
    {
        var errors = new List<LoadError>();
        var rules = RuleSet.Load(includeDefault: true, [], TestPaths.RepoRoot, errors);
        Assert.Empty(errors);
        return rules;
    });

    public static RuleSet Rules => Pack.Value;

    public static ModelOptions Options { get; } = new(DefaultsLoader.Default);

    /// <summary>The rules whose findings must be gone once the fixes are applied.</summary>
    public static readonly string[] MustConverge = ["SMTP001", "SMTP010", "SMTP011", "SMTP014"];

    public static Linter Linter(string? strategy = null, ModelOptions? options = null) =>
        new(options ?? Options, Rules, remediator: new Remediator(new RemediationOptions { Strategy = strategy }));

    public static FixResult Fix(string path, byte[] bytes, string? strategy = null, ModelOptions? options = null)
    {
        var linter = Linter(strategy, options);
        return new FileFixer(linter).Fix(SourceText.From(path, bytes));
    }

    public static FixResult Fix(string text, string? strategy = null, ModelOptions? options = null) =>
        Fix("test.cfg", Encoding.UTF8.GetBytes(text), strategy, options);

    public static FileReport Lint(byte[] bytes, string path = "test.cfg") => Linter().Lint(path, bytes);

    /// <summary>The rule fixtures of the default pack (`rules/NAME*.cfg`, not the `.fixed.cfg` files), relative to the repository.</summary>
    public static IEnumerable<string> RuleFixtures() =>
        Directory.EnumerateFiles(TestPaths.Rules, "*.yaml")
            .Where(f => Path.GetFileName(f) != "defaults.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(FixtureHarness.FixturesFor)
            .Select(f => Path.GetRelativePath(TestPaths.RepoRoot, f).Replace('\\', '/'));

    /// <summary>The path of the expected result beside a fixture: `NAME.cfg` → `NAME.fixed.cfg`.</summary>
    public static string FixedPathFor(string fixture) => Path.Combine(TestPaths.RepoRoot, fixture[..^".cfg".Length] + ".fixed.cfg");
}

/// <summary>
/// Byte-exact golden files (configurations keep their line endings and invalid bytes): on a
/// mismatch write `FILE.actual`; PIXLINT_ACCEPT=1 accepts the new bytes.
/// </summary>
internal static class GoldenBytes
{
    public static void Check(string expectedPath, byte[] actual)
    {
        string actualPath = expectedPath + ".actual";
        if (Environment.GetEnvironmentVariable("PIXLINT_ACCEPT") == "1")
        {
            File.WriteAllBytes(expectedPath, actual);
            File.Delete(actualPath);
            return;
        }

        byte[] expected = File.Exists(expectedPath) ? File.ReadAllBytes(expectedPath) : [];
        if (expected.AsSpan().SequenceEqual(actual))
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllBytes(actualPath, actual);
        Assert.Fail($"{Path.GetRelativePath(TestPaths.RepoRoot, expectedPath)} differs from the output (written to .actual); run with PIXLINT_ACCEPT=1 to accept");
    }
}

/// <summary>Runs the CLI in process with a chosen file system (to simulate write failures).</summary>
internal static class FixRunner
{
    public static CliRunner.Result Run(string[] args, string workingDirectory, IFileSystem? fileSystem = null) =>
        CliRunner.RunInProcess(args, workingDirectory, env => fileSystem is null ? env : env with { FileSystem = fileSystem });
}
