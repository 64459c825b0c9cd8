using PixLint.Model;
using PixLint.Rules;

namespace PixLint.Tests;

/// <summary>The default pack, loaded once (from the binary's embedded copy, which the build makes from rules/).</summary>
internal static class Pack
{
    private static readonly Lazy<RuleSet> Default = new(() =>
    {
        var errors = new List<LoadError>();
        var rules = RuleSet.Load(includeDefault: true, [], TestPaths.RepoRoot, errors);
        Assert.Empty(errors);
        return rules;
    });

    public static RuleSet Rules => Default.Value;

    public static ModelOptions Options { get; } = new(DefaultsLoader.Default);

    /// <summary>Rule files of the default pack in the repository (rules/*.yaml except defaults.yaml).</summary>
    public static IEnumerable<string> RuleFiles() =>
        Directory.EnumerateFiles(TestPaths.Rules, "*.yaml").Where(f => Path.GetFileName(f) != "defaults.yaml").Order(StringComparer.Ordinal);

    public static IEnumerable<(string Rule, string Fixture)> Fixtures() =>
        RuleFiles().SelectMany(r => FixtureHarness.FixturesFor(r).Select(f => (r, f)));
}
