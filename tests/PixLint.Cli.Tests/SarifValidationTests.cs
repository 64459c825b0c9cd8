using System.Text.Json;

namespace PixLint.Tests;

/// <summary>
/// The SARIF that PixLint writes for the samples passes the SARIF multitool's validator twice: with
/// SARIF's own rules, and with GitHub code scanning's ingestion rules (`--rule-kind Gh`). Errors and
/// warnings both fail the test.
/// </summary>
public class SarifValidationTests
{
    [Theory]
    [InlineData("samples")]
    [InlineData("tests/PixLint.Cli.Tests/Fixtures/secrets")]
    public void Multitool_accepts_the_sarif(string input)
    {
        string multitool = ExternalTools.SarifMultitool();
        using var dir = new TempDir();
        string sarif = Path.Combine(dir.Path, "pixlint.sarif");
        var lint = CliRunner.Run(["lint", input, "-f", "sarif", "-o", sarif]);
        Assert.True(File.Exists(sarif), lint.Stderr);

        foreach (string[] kind in new[] { Array.Empty<string>(), ["--rule-kind", "Gh"] })
        {
            string report = Path.Combine(dir.Path, $"validation{kind.Length}.sarif");
            var run = ExternalTools.Run(multitool, ["validate", sarif, "--output", report, "--log", "ForceOverwrite", .. kind], dir.Path, TimeSpan.FromMinutes(3));
            Assert.True(run.ExitCode == 0 && File.Exists(report), $"sarif-multitool validate {string.Join(' ', kind)} failed: {run}");

            using var doc = JsonDocument.Parse(File.ReadAllBytes(report));
            var problems = doc.RootElement.GetProperty("runs").EnumerateArray()
                .SelectMany(r => r.TryGetProperty("results", out var results) ? results.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Select(r => $"{(r.TryGetProperty("level", out var level) ? level.GetString() : "warning")} {r.GetProperty("ruleId").GetString()}: {r.GetProperty("message").GetProperty("text").GetString()}")
                .ToList();
            Assert.True(problems.Count == 0, $"sarif-multitool validate {string.Join(' ', kind)} on {input}:\n{string.Join('\n', problems)}");
        }
    }
}
