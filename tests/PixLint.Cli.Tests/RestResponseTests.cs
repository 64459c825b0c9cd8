using System.Text.Json;

namespace PixLint.Tests;

/// <summary>
/// The ASA REST API CLI response saved as it came (`{"response":["..."]}` on one line): lint and
/// `fix --format commands` read its decoded configuration, `parse --format source` prints it back
/// byte for byte, and the edits that would rewrite the file are refused (exit 2, nothing written).
/// </summary>
public class RestResponseTests
{
    private const string Sample = "samples/asa98-default-policy.cfg";

    private static string Json() => JsonSerializer.Serialize(new { response = new[] { File.ReadAllText(Path.Combine(TestPaths.RepoRoot, Sample)) } });

    [Fact]
    public void Lint_reports_the_findings_of_the_plain_file_at_the_decoded_lines()
    {
        using var dir = new TempDir();
        string path = dir.Write("fw.json", System.Text.Encoding.UTF8.GetBytes(Json()));
        var plain = CliRunner.Run(["lint", Sample, "--format", "text", "--no-config"]);
        var rest = CliRunner.Run(["lint", path, "--format", "text", "--no-config"]);

        Assert.Equal(plain.ExitCode, rest.ExitCode);
        Assert.Contains("ASA REST API response", rest.Stdout, StringComparison.Ordinal);
        string[] Findings(string output, string name) => [.. output.Split('\n').Where(l => l.StartsWith(name + ":", StringComparison.Ordinal) && l.Contains("SMTP", StringComparison.Ordinal)).Select(l => l[name.Length..])];
        var expected = Findings(plain.Stdout, Sample);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Findings(rest.Stdout, path));
    }

    [Fact]
    public void Parse_source_prints_the_json_back_and_the_tree_is_of_the_decoded_configuration()
    {
        using var dir = new TempDir();
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(Json() + "\n");
        string path = dir.Write("fw.json", bytes);
        Assert.Equal(bytes, CliRunner.Run(["parse", path, "--format", "source"]).StdoutBytes);
        var tree = CliRunner.Run(["parse", path]);
        Assert.Equal(0, tree.ExitCode);
        Assert.Contains("inspect esmtp", tree.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Fix_commands_work_and_edits_of_the_file_are_refused()
    {
        using var dir = new TempDir();
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(Json());
        string path = dir.Write("fw.json", bytes);
        var plain = CliRunner.Run(["fix", Sample, "--format", "commands", "--no-config"]);
        var commands = CliRunner.Run(["fix", path, "--format", "commands", "--no-config"]);
        Assert.Equal(plain.ExitCode, commands.ExitCode);
        Assert.Contains("no inspect esmtp", commands.Stdout, StringComparison.Ordinal);
        Assert.Equal(plain.Stdout.Replace(Sample, path, StringComparison.Ordinal), commands.Stdout);

        foreach (string[] args in new[] { new[] { "--write" }, ["--format", "config"], ["--format", "diff"] })
        {
            var refused = CliRunner.Run(["fix", path, "--no-config", .. args]);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("ASA REST API response (JSON)", refused.Stderr, StringComparison.Ordinal);
            Assert.Contains("--format commands", refused.Stderr, StringComparison.Ordinal);
            Assert.Equal(bytes, File.ReadAllBytes(path));
        }
    }
}
