using PixLint.Rules;

namespace PixLint.Tests;

/// <summary>Every fixture of the default pack, strictly: no unexpected finding, no missed one.</summary>
public class FixtureTests
{
    public static TheoryData<string> Fixtures() =>
        [.. Pack.Fixtures().Select(x => Path.GetRelativePath(TestPaths.RepoRoot, x.Fixture).Replace('\\', '/'))];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_matches_its_annotations(string fixture)
    {
        var result = FixtureHarness.Run(fixture, File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, fixture)), Pack.Rules, Pack.Options);
        Assert.True(result.Failures.Count == 0, string.Join(Environment.NewLine, result.Failures));
        Assert.True(result.TruePositives + result.Failures.Count > 0 || fixture.Contains("text-not-commands", StringComparison.Ordinal) || fixture.Contains("disabled", StringComparison.Ordinal) || fixture.Contains("allows", StringComparison.Ordinal),
            "a fixture should exercise at least one finding or be an explicit negative case");
    }

    /// <summary>Acceptance: on the fixtures, the default pack's precision and recall are 1.0.</summary>
    [Fact]
    public void Precision_and_recall_are_one()
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (_, fixture) in Pack.Fixtures())
        {
            var r = FixtureHarness.Run(fixture, File.ReadAllBytes(fixture), Pack.Rules, Pack.Options);
            tp += r.TruePositives;
            fp += r.FalsePositives;
            fn += r.FalseNegatives;
        }

        Assert.True(tp > 30, $"only {tp} true positives across the fixtures");
        Assert.Equal(1.0, tp / (double)(tp + fp));
        Assert.Equal(1.0, tp / (double)(tp + fn));
    }

    [Fact]
    public void The_harness_reports_misses_and_unexpected_hits()
    {
        byte[] bytes = "ASA Version 9.6(1)\npolicy-map global_policy\n class inspection_default\n! ok: SMTP010\n  inspect esmtp\n! ruleid: SMTP015\n  inspect ftp\nservice-policy global_policy global\n"u8.ToArray();
        var result = FixtureHarness.Run("t.cfg", bytes, Pack.Rules, Pack.Options);
        Assert.Contains(result.Failures, f => f.Line == 5 && f.RuleId == "SMTP010" && f.Problem.StartsWith("unexpected finding (the line is marked ok)", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.Line == 5 && f.RuleId == "SMTP012" && f.Problem.StartsWith("unexpected finding:", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.Line == 7 && f.RuleId == "SMTP015" && f.Problem.StartsWith("expected a finding", StringComparison.Ordinal));
    }
}
