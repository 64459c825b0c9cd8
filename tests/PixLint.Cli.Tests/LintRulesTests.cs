using System.Text.Json;

namespace PixLint.Tests;

/// <summary>`pixlint lint` with the rule pack: text and JSON output, thresholds, rule selection, exit codes.</summary>
public class LintRulesTests
{
    private const string Default = "samples/asa98-default-policy.cfg";

    [Fact]
    public void Text_output_has_location_rule_message_excerpt_and_summary()
    {
        var result = CliRunner.Run(["lint", Default]);
        Assert.Equal(1, result.ExitCode);
        string[] lines = result.Stdout.Split('\n');
        Assert.StartsWith("samples/asa98-default-policy.cfg:105:3: error SMTP010 `inspect esmtp` in class `inspection_default` of policy-map `global_policy` (applied global)", lines[0], StringComparison.Ordinal);
        Assert.Equal("  105 |   inspect esmtp ", lines[1]);
        Assert.Equal("      |   ^^^^^^^^^^^^^", lines[2]);
        Assert.Equal("  = affected: mail to 203.0.113.25:25 (object mx-inside, 192.0.2.25, inside) (line 39, NAT line 54)", lines[3]);
        Assert.StartsWith("  = note: `_default_esmtp_map` is the built-in default and no source documents it for asa 9.8(4)", lines[4], StringComparison.Ordinal);
        Assert.Contains("Found 2 findings (1 error, 0 warnings, 1 note) in 1 file.", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Colour_only_on_a_terminal_without_NO_COLOR()
    {
        Assert.Contains("\u001b[", CliRunner.Run(["lint", Default], terminal: true).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", CliRunner.Run(["lint", Default], terminal: true, environment: new() { ["NO_COLOR"] = "1" }).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_findings_have_the_documented_shape()
    {
        var result = CliRunner.Run(["lint", "samples/pix63-mailguard.cfg", "-f", "json"]);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var finding = doc.RootElement.GetProperty("files")[0].GetProperty("findings")[0];
        Assert.Equal("SMTP001", finding.GetProperty("ruleId").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal(24, finding.GetProperty("line").GetInt32());
        Assert.Equal(1, finding.GetProperty("column").GetInt32());
        Assert.Equal(24, finding.GetProperty("endLine").GetInt32());
        Assert.Equal(23, finding.GetProperty("endColumn").GetInt32());
        Assert.StartsWith("`fixup protocol smtp` is in force for TCP 25", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("errors").GetInt32());
    }

    [Theory]
    [InlineData("error", 1)]
    [InlineData("warning", 1)]
    [InlineData("note", 1)]
    [InlineData("none", 0)]
    public void Fail_on_sets_the_threshold(string failOn, int exit) =>
        Assert.Equal(exit, CliRunner.Run(["lint", Default, "--fail-on", failOn]).ExitCode);

    [Fact]
    public void Notes_alone_pass_the_default_threshold() =>
        Assert.Equal(0, CliRunner.Run(["lint", "samples/asa916-allow-tls.cfg"]).ExitCode);

    [Fact]
    public void Notes_fail_when_asked() =>
        Assert.Equal(1, CliRunner.Run(["lint", "samples/asa916-allow-tls.cfg", "--fail-on", "note"]).ExitCode);

    [Fact]
    public void Select_and_ignore_pick_rules_by_id_or_prefix()
    {
        Assert.DoesNotContain("SMTP012", CliRunner.Run(["lint", Default, "--ignore", "SMTP012"]).Stdout, StringComparison.Ordinal);
        string only = CliRunner.Run(["lint", Default, "--select", "SMTP012"]).Stdout;
        Assert.Contains("SMTP012", only, StringComparison.Ordinal);
        Assert.DoesNotContain("SMTP010", only, StringComparison.Ordinal);
        Assert.Contains("SMTP010", CliRunner.Run(["lint", Default, "--select", "SMTP01"]).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_rule_ids_are_usage_errors()
    {
        var result = CliRunner.Run(["lint", Default, "--select", "SMTP999,SMPT010"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pixlint: error: unknown rule 'SMPT010' (did you mean 'SMTP010'?)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_rules_load_with_rules_and_the_pack_can_be_left_out()
    {
        using var dir = new TempDir();
        string config = dir.Write("fw.cfg", "ASA Version 9.8(4)\nhttp 0.0.0.0 0.0.0.0 outside\npolicy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n");
        var both = CliRunner.Run(["lint", config, "--rules", "rules/examples", "-f", "json"]);
        var ids = RuleIds(both);
        Assert.Contains("MGMT001", ids);
        Assert.Contains("SMTP010", ids);

        var only = CliRunner.Run(["lint", config, "--rules", "rules/examples/MGMT001.yaml", "--no-default-rules", "-f", "json"]);
        Assert.Equal(["MGMT001"], RuleIds(only));
    }

    [Fact]
    public void A_bad_rule_file_exits_2_with_every_error_located()
    {
        using var dir = new TempDir();
        string rule = dir.Write("bad.yaml", "id: X1\ntitle: t\nseverity: fatal\nmatch:\n  find: inspect\n  where: { protokol: esmtp }\nmessage: m\ndocs: { summary: s, why: w }\n");
        var result = CliRunner.Run(["lint", Default, "--rules", rule]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.yaml:3:11: error: severity must be error, warning or note, not 'fatal'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:6:12: error: 'protokol' is not a property of inspect (did you mean 'protocol'?)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Rules_list_show_and_test()
    {
        var list = CliRunner.Run(["rules", "list"]);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("SMTP010  error    ESMTP inspection without `allow-tls` strips STARTTLS", list.Stdout, StringComparison.Ordinal);

        var show = CliRunner.Run(["rules", "show", "smtp001"]);
        Assert.StartsWith("# SMTP001: PIX MailGuard", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("## Why it matters", show.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run(["rules", "show", "SMTP01"]).ExitCode);

        var test = CliRunner.Run(["rules", "test"]);
        Assert.Equal(0, test.ExitCode);
        Assert.Contains("fixtures", test.Stdout, StringComparison.Ordinal);
        Assert.Contains("all pass", test.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_test_fails_on_a_bad_fixture()
    {
        using var dir = new TempDir();
        File.Copy(Path.Combine(TestPaths.Rules, "examples", "MGMT001.yaml"), Path.Combine(dir.Path, "MGMT001.yaml"));
        dir.Write("MGMT001.cfg", "ASA Version 9.8(4)\n! ok: MGMT001\ntelnet 0.0.0.0 0.0.0.0 outside\n! ruleid: MGMT001\ntelnet 192.0.2.0 255.255.255.0 inside\n");
        var result = CliRunner.Run(["rules", "test", dir.Path], workingDirectory: dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MGMT001.cfg:3: MGMT001: unexpected finding (the line is marked ok)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("MGMT001.cfg:5: MGMT001: expected a finding here, but the rule did not fire", result.Stderr, StringComparison.Ordinal);
    }

    private static List<string> RuleIds(CliRunner.Result result)
    {
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        return [.. doc.RootElement.GetProperty("files").EnumerateArray().SelectMany(f => f.GetProperty("findings").EnumerateArray()).Select(x => x.GetProperty("ruleId").GetString()!).Distinct()];
    }
}
