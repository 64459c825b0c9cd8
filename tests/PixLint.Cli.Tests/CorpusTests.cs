using System.Text;
using System.Text.Json;

namespace PixLint.Tests;

/// <summary>The default pack over every real configuration: no crash, and the verdicts recorded in Golden/corpus-verdicts.txt.</summary>
public class CorpusTests
{
    [Fact]
    public void Every_corpus_config_lints_and_the_verdicts_are_the_recorded_ones()
    {
        var files = TestPaths.CorpusFiles().Select(f => "tests/corpus/real/" + f).ToArray();
        var result = CliRunner.Run(["lint", "-f", "json", "--fail-on", "none", .. files]);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var sb = new StringBuilder();
        foreach (var file in doc.RootElement.GetProperty("files").EnumerateArray())
        {
            string findings = string.Join(" ", file.GetProperty("findings").EnumerateArray().Select(x => $"{x.GetProperty("ruleId").GetString()}@{x.GetProperty("line").GetInt32()}"));
            sb.Append($"{file.GetProperty("path").GetString()}\t{file.GetProperty("platform").GetString()} {file.GetProperty("osVersion")}\t{(findings.Length == 0 ? "-" : findings)}\n");
        }

        Golden.Check(Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Cli.Tests", "Golden", "corpus-verdicts.txt"), sb.ToString());
    }
}
