using System.Text.Json.Nodes;
using PixLint.Benchmarks;

namespace PixLint.Tests;

/// <summary>
/// The code the benchmarks time (tests/PixLint.Benchmarks) finds what `pixlint lint --format json`
/// finds on the same generated configurations, so the benchmark figures are for the real thing.
/// With PIXLINT_BIN set, the CLI side is the Native AOT binary.
/// </summary>
public class BenchmarkPipelineTests
{
    [Theory]
    [InlineData("asa", "inspect")]
    [InlineData("asa", "map")]
    [InlineData("asa", "unapplied")]
    [InlineData("pix", "inspect")]
    public void The_benchmarked_pipeline_reports_what_the_cli_reports(string mode, string smtp)
    {
        string path = GeneratedConfigs.PathFor(10_000, mode, smtp);
        var report = BenchmarkPipeline.Lint(BenchmarkPipeline.CreateLinter(), path);
        using var json = new MemoryStream();
        BenchmarkPipeline.WriteJson(report, json);

        var cli = CliRunner.Run(["lint", "--format", "json", "--no-config", path]);
        Assert.True(cli.ExitCode is 0 or 1, cli.Stderr);

        var expected = JsonNode.Parse(cli.StdoutBytes)!["files"]!;
        var actual = JsonNode.Parse(json.ToArray())!["files"]!;
        Assert.True(JsonNode.DeepEquals(expected, actual), $"CLI:\n{expected}\nbenchmark pipeline:\n{actual}");
        Assert.NotEmpty(actual[0]!["findings"]!.AsArray());
    }
}
