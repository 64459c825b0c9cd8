using PixLint.Remediation;
using PixLint.Rules;

namespace PixLint.Tests;

/// <summary>
/// Fix fixtures (ruff's convergence loop): every rule fixture is fixed with the default pack; when
/// that changes it, `NAME.fixed.cfg` beside it holds the exact expected bytes (the `! ruleid:`
/// annotations are comments and stay; the annotation harness never reads `.fixed.cfg` files);
/// when it does not, there is no `.fixed.cfg`. The result lints clean of SMTP001/010/011/014, and
/// fixing it again changes nothing.
/// </summary>
public class FixFixtureTests
{
    public static TheoryData<string> Fixtures() => [.. Fixing.RuleFixtures()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixing_gives_the_fixed_file(string fixture)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, fixture));
        var result = Fixing.Fix(fixture, original);
        Assert.True(result.Converged);
        string expected = Fixing.FixedPathFor(fixture);
        if (result.Changed)
        {
            GoldenBytes.Check(expected, result.Text.ToBytes());
        }
        else
        {
            Assert.False(File.Exists(expected), $"{fixture} has nothing to fix, so {Path.GetFileName(expected)} should not exist");
            Assert.Equal(original, result.Text.ToBytes());
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_fixed_file_lints_clean_and_fixing_it_again_changes_nothing(string fixture)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, fixture));
        byte[] once = Fixing.Fix(fixture, original).Text.ToBytes();

        var report = Fixing.Lint(once, fixture);
        var left = report.Findings.Where(f => Fixing.MustConverge.Contains(f.RuleId)).ToList();
        Assert.True(left.Count == 0, string.Join("\n", left.Select(f => $"{f.RuleId} at {report.Source.GetPosition(f.Span.Start)}: {f.Message}")));

        var again = Fixing.Fix(fixture, once);
        Assert.False(again.Changed, $"fixing {fixture} a second time changed it");
        Assert.DoesNotContain(again.Applied, a => a.Fix.Edits.Count > 0);
    }

    /// <summary>
    /// Flattened and tab-indented (the harness's variants), each fixture fixes to the same variant
    /// of its fixed file (flat lines inserted into a flat file), the fixes converge, and the fixed
    /// variant gives the same findings at the same lines as the fixed file.
    /// </summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Flattened_and_tab_indented_fixtures_fix_to_the_same_variant_of_the_fixed_file(string fixture)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, fixture));
        string fixedPath = Fixing.FixedPathFor(fixture);
        byte[] expected = File.Exists(fixedPath) ? File.ReadAllBytes(fixedPath) : original;
        var failures = FixFixtureHarness.Run(fixture, original, expected, Fixing.Rules, Fixing.Options);
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        var plain = Findings(expected);
        foreach (var (name, variant) in FixtureVariants.Of(expected))
        {
            Assert.True(plain.SequenceEqual(Findings(variant)), $"{fixture} ({name}): the fixed file's findings differ");
        }
    }

    private static List<(int Line, string RuleId)> Findings(byte[] bytes)
    {
        var report = Fixing.Lint(bytes);
        return [.. report.Findings.Select(f => (report.Source.GetPosition(f.Span.Start).Line, f.RuleId)).Order()];
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Line_endings_bom_and_a_missing_final_newline_are_kept(string fixture)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, fixture));
        byte[] expected = Fixing.Fix(fixture, original).Text.ToBytes();
        foreach (string variant in new[] { "crlf", "cr", "bom", "no-final-newline" })
        {
            byte[] fixedVariant = Fixing.Fix(fixture, Variants.Make(original, variant)).Text.ToBytes();
            Assert.True(Variants.Make(expected, variant).AsSpan().SequenceEqual(fixedVariant), $"{fixture} ({variant}): the fixed file is not the {variant} form of the fixed original");
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Invalid_utf8_bytes_on_untouched_lines_survive(string fixture)
    {
        byte[] original = Variants.Make(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, fixture)), "invalid-utf8");
        var result = Fixing.Fix(fixture, original);
        byte[] fixedBytes = result.Text.ToBytes();
        if (!result.Changed)
        {
            Assert.Equal(original, fixedBytes);
            return;
        }

        // Every original line the fixes did not touch is in the output, byte for byte.
        var untouched = result.Text.Changes().Aggregate(
            Enumerable.Range(0, result.Text.Original.LineCount).ToHashSet(),
            (set, change) => { set.ExceptWith(Enumerable.Range(change.OldStart, change.OldCount)); return set; });
        string fixedText = result.Text.Text;
        foreach (int line in untouched)
        {
            Assert.Contains(result.Text.OriginalLine(line), fixedText, StringComparison.Ordinal);
        }

        Assert.Equal(0xF0, fixedBytes[^2]);
        Assert.Equal(0x9F, fixedBytes[^1]);
    }

    [Fact]
    public void Every_fixable_rule_has_a_fixed_fixture()
    {
        var fixedFiles = Directory.EnumerateFiles(TestPaths.Rules, "*.fixed.cfg").Select(Path.GetFileName).ToList();
        foreach (var rule in Fixing.Rules.Rules.Where(r => r.Remediation.Strategies.Count > 0))
        {
            Assert.Contains(fixedFiles, f => f!.StartsWith(rule.Id + ".", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_fixed_file_belongs_to_a_fixture()
    {
        var fixtures = Fixing.RuleFixtures().Select(f => Path.GetFileName(Fixing.FixedPathFor(f))).ToHashSet(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(TestPaths.Rules, "*.fixed.cfg"))
        {
            Assert.Contains(Path.GetFileName(file), fixtures);
        }
    }

    [Fact]
    public void The_annotation_harness_ignores_fixed_files()
    {
        Assert.DoesNotContain(Fixing.RuleFixtures(), f => f.EndsWith(".fixed.cfg", StringComparison.Ordinal));
        Assert.NotEmpty(Directory.EnumerateFiles(TestPaths.Rules, "*.fixed.cfg"));
    }

    [Fact]
    public void Fixes_apply_in_one_round_when_nothing_conflicts() =>
        Assert.All(Fixing.RuleFixtures(), fixture =>
            Assert.All(Fixing.Fix(fixture, File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, fixture))).Applied, a => Assert.Equal(1, a.Round)));

    [Fact]
    public void Applicability_is_never_display_only_for_the_default_strategies()
    {
        foreach (string fixture in Fixing.RuleFixtures())
        {
            var result = Fixing.Fix(fixture, File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, fixture)));
            Assert.All(result.Applied, a => Assert.NotEqual(FixApplicability.DisplayOnly, a.Fix.Applicability));
        }
    }
}
