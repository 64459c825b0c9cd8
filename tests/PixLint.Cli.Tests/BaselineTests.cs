using System.Text.Json;

namespace PixLint.Tests;

/// <summary>`--write-baseline` and `--baseline`: accepted findings stay quiet, new ones do not, stale entries are reported.</summary>
public class BaselineTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(TestPaths.Samples, name));

    [Fact]
    public void Written_baseline_suppresses_everything_after_lines_shift()
    {
        using var dir = new TempDir();
        dir.Write("configs/edge.cfg", Sample("asa98-default-policy.cfg"));
        dir.Write("configs/mail.cfg", Sample("asa84-strict-mail.cfg"));

        var write = CliRunner.Run(["lint", "configs", "--write-baseline", "baseline.json"], workingDirectory: dir.Path);
        Assert.Equal(0, write.ExitCode);
        Assert.Contains("pixlint: wrote 6 findings to the baseline baseline.json", write.Stderr, StringComparison.Ordinal);
        Assert.Contains("Found 6 findings", write.Stdout, StringComparison.Ordinal);

        // Unrelated lines added above and inside the files: every finding moves.
        dir.Write("configs/edge.cfg", "! backed up by oxidized\n!\n" + Sample("asa98-default-policy.cfg").Replace("hostname asa-edge\n", "hostname asa-edge\nbanner motd authorised access only\n", StringComparison.Ordinal));
        dir.Write("configs/mail.cfg", Sample("asa84-strict-mail.cfg").Replace("hostname mailgw\n", "hostname mailgw\nntp server 192.0.2.123\nclock timezone UTC 0\n", StringComparison.Ordinal));

        var lint = CliRunner.Run(["lint", "configs", "--baseline", "baseline.json"], workingDirectory: dir.Path);
        Assert.Equal(0, lint.ExitCode);
        Assert.Equal("No findings in 2 files. 6 findings suppressed by the baseline.\n", lint.Stdout);
        Assert.Equal(string.Empty, lint.Stderr);
    }

    [Fact]
    public void New_findings_still_fail_and_stale_entries_are_reported()
    {
        using var dir = new TempDir();
        dir.Write("edge.cfg", Sample("asa98-default-policy.cfg"));
        dir.Write("mail.cfg", Sample("asa84-strict-mail.cfg"));
        Assert.Equal(0, CliRunner.Run(["lint", ".", "--write-baseline", "base.json"], workingDirectory: dir.Path).ExitCode);

        // mail.cfg: the STARTTLS match is removed (SMTP011 fixed); edge.cfg: a second policy inspects ESMTP (new SMTP010).
        dir.Write("mail.cfg", Sample("asa84-strict-mail.cfg").Replace(" match cmd verb STARTTLS\n  drop-connection log\n", string.Empty, StringComparison.Ordinal));
        dir.Write("edge.cfg", Sample("asa98-default-policy.cfg") + "class-map SUBMISSION\n match port tcp eq 587\npolicy-map OUTSIDE\n class SUBMISSION\n  inspect esmtp\nservice-policy OUTSIDE interface outside\n");

        var lint = CliRunner.Run(["lint", ".", "--baseline", "base.json", "-f", "json"], workingDirectory: dir.Path);
        Assert.Equal(1, lint.ExitCode);
        using var doc = JsonDocument.Parse(lint.StdoutBytes);
        var findings = doc.RootElement.GetProperty("files").EnumerateArray()
            .SelectMany(f => f.GetProperty("findings").EnumerateArray().Select(x => (f.GetProperty("path").GetString(), x.GetProperty("ruleId").GetString())))
            .ToList();
        Assert.Equal([("edge.cfg", "SMTP010"), ("edge.cfg", "SMTP012")], findings);

        var baseline = doc.RootElement.GetProperty("summary").GetProperty("baseline");
        Assert.Equal("base.json", baseline.GetProperty("file").GetString());
        Assert.Equal(5, baseline.GetProperty("suppressed").GetInt32());
        var unmatched = baseline.GetProperty("unmatched").EnumerateArray().Single();
        Assert.Equal("mail.cfg", unmatched.GetProperty("path").GetString());
        Assert.Equal("SMTP011", unmatched.GetProperty("ruleId").GetString());
        Assert.Equal("policy-map type inspect esmtp STRICT_MAIL > match cmd verb STARTTLS", unmatched.GetProperty("identity").GetString());

        Assert.Contains("pixlint: note: base.json: 1 entry matches no finding any more", lint.Stderr, StringComparison.Ordinal);
        Assert.Contains("  mail.cfg: SMTP011 policy-map type inspect esmtp STRICT_MAIL > match cmd verb STARTTLS", lint.Stderr, StringComparison.Ordinal);

        var text = CliRunner.Run(["lint", ".", "--baseline", "base.json"], workingDirectory: dir.Path);
        Assert.EndsWith("5 findings suppressed by the baseline; 1 baseline entry no longer matches anything (listed on standard error).\n", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_of_files_not_linted_are_not_stale()
    {
        using var dir = new TempDir();
        dir.Write("edge.cfg", Sample("asa98-default-policy.cfg"));
        dir.Write("mail.cfg", Sample("asa84-strict-mail.cfg"));
        CliRunner.Run(["lint", ".", "--write-baseline", "base.json"], workingDirectory: dir.Path);
        var lint = CliRunner.Run(["lint", "edge.cfg", "--baseline", "base.json"], workingDirectory: dir.Path);
        Assert.Equal(0, lint.ExitCode);
        Assert.Equal(string.Empty, lint.Stderr);
    }

    [Fact]
    public void Paths_are_relative_to_the_baseline_file_wherever_pixlint_runs()
    {
        using var dir = new TempDir();
        dir.Write("repo/configs/edge.cfg", Sample("asa98-default-policy.cfg"));
        dir.Write("repo/ci/.keep", string.Empty);
        string repo = Path.Combine(dir.Path, "repo");
        CliRunner.Run(["lint", "configs", "--write-baseline", "ci/pixlint-baseline.json"], workingDirectory: repo);
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(repo, "ci", "pixlint-baseline.json"))))
        {
            Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
            Assert.All(doc.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Equal("../configs/edge.cfg", f.GetProperty("path").GetString()));
        }

        var fromElsewhere = CliRunner.Run(["lint", "repo/configs/edge.cfg", "--baseline", "repo/ci/pixlint-baseline.json"], workingDirectory: dir.Path);
        Assert.Equal(0, fromElsewhere.ExitCode);
        Assert.Contains("2 findings suppressed by the baseline", fromElsewhere.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_findings_are_counted()
    {
        using var dir = new TempDir();

        // Two identical blocks (a pasted script run twice would merge them; here they are separate files).
        dir.Write("a.cfg", Sample("pix63-mailguard.cfg"));
        dir.Write("b.cfg", Sample("pix63-mailguard.cfg"));
        CliRunner.Run(["lint", "a.cfg", "--write-baseline", "base.json"], workingDirectory: dir.Path);
        var lint = CliRunner.Run(["lint", "a.cfg", "b.cfg", "--baseline", "base.json", "-f", "json"], workingDirectory: dir.Path);
        using var doc = JsonDocument.Parse(lint.StdoutBytes);
        var files = doc.RootElement.GetProperty("files");
        Assert.Equal(0, files[0].GetProperty("findings").GetArrayLength());
        Assert.Equal(1, files[1].GetProperty("findings").GetArrayLength());
        Assert.Equal(1, lint.ExitCode);
    }

    [Theory]
    [InlineData("{ \"version\": 1, \"findings\": [ { \"path\": \"a.cfg\", \"ruleId\": \"SMTP001\" } ] }", "base.json:1:31: finding without 'identity'")]
    [InlineData("{ \"version\": 2, \"findings\": [] }", "base.json:1:14: unsupported baseline version 2, expected 1")]
    [InlineData("{\n  \"version\": 1,\n  \"findigs\": []\n}", "base.json:3:3: unknown key 'findigs', expected one of version, tool, about, findings")]
    [InlineData("{ \"version\": 1, \"findings\": [ { \"path\": \"a.cfg\", \"ruleId\": \"X\", \"identity\": \"y\", \"count\": 0 } ] }", "base.json:1:91: 'count' must be a whole number of at least 1")]
    [InlineData("{ \"version\": 1, \"findings\": [", "base.json:1:30: unexpected end of file: an object or list is not closed")]
    [InlineData("[]", "base.json:1:1: expected a JSON object")]
    [InlineData("{ \"version\": 1 }", "base.json:1:16: missing 'findings'")]
    [InlineData("{ \"version\": 1, \"findings\": [ } ", "base.json:1:31: ")]
    public void Malformed_baselines_are_errors_with_a_position(string content, string expected)
    {
        using var dir = new TempDir();
        dir.Write("base.json", content);
        dir.Write("a.cfg", Sample("pix63-mailguard.cfg"));
        var lint = CliRunner.Run(["lint", "a.cfg", "--baseline", "base.json"], workingDirectory: dir.Path);
        Assert.Equal(2, lint.ExitCode);
        Assert.StartsWith(expected, lint.Stderr, StringComparison.Ordinal);
        Assert.Empty(lint.StdoutBytes);
    }

    [Fact]
    public void Missing_baseline_says_how_to_create_one()
    {
        using var dir = new TempDir();
        dir.Write("a.cfg", Sample("pix63-mailguard.cfg"));
        var lint = CliRunner.Run(["lint", "a.cfg", "--baseline", "nope.json"], workingDirectory: dir.Path);
        Assert.Equal(2, lint.ExitCode);
        Assert.Equal("nope.json: error: no such file (create it with --write-baseline nope.json)\n", lint.Stderr);
    }

    [Fact]
    public void Baseline_holds_no_secrets()
    {
        using var dir = new TempDir();
        dir.Write("rules/SEC900.yaml", SecretsTests.SecretRuleYaml);
        dir.Write("fw.cfg", File.ReadAllBytes(Path.Combine(SecretsTests.Fixtures, "asa-secrets.cfg")));
        var write = CliRunner.Run(["lint", "fw.cfg", "--rules", "rules", "--write-baseline", "base.json"], workingDirectory: dir.Path);
        Assert.Equal(0, write.ExitCode);
        string baseline = File.ReadAllText(Path.Combine(dir.Path, "base.json"));
        Assert.Contains("\"ruleId\": \"SEC900\"", baseline, StringComparison.Ordinal);
        Assert.Contains("snmp-server community <redacted>", baseline, StringComparison.Ordinal);
        SecretsTests.AssertNoSecrets("baseline", baseline);

        var lint = CliRunner.Run(["lint", "fw.cfg", "--rules", "rules", "--baseline", "base.json"], workingDirectory: dir.Path);
        Assert.Equal(0, lint.ExitCode);
    }
}
