using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace PixLint.Tests;

/// <summary>`pixlint fix` end to end: formats, strategies, exit codes, usage errors, secrets; the JSON and text fix output of `lint`.</summary>
public class FixCommandTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(TestPaths.Rules, name));

    [Theory]
    [InlineData("SMTP010.cfg")]
    [InlineData("SMTP010.capture-paging.cfg")]
    [InlineData("SMTP001.capture-crlf.cfg")]
    [InlineData("SMTP014.cfg")]
    [InlineData("SMTP011.class-map.cfg")]
    public void The_diff_applies_with_git_and_gives_the_fixed_file(string fixture)
    {
        using var dir = new TempDir();
        string file = dir.Write("fw.cfg", Fixture(fixture));
        var result = FixRunner.Run(["fix", "fw.cfg", "--format", "diff"], dir.Path);
        Assert.Equal(0, result.ExitCode);
        string patch = dir.Write("fix.patch", result.StdoutBytes);
        var (code, output) = RunTool("git", dir.Path, "apply", "--whitespace=nowarn", patch);
        Assert.True(code == 0, $"git apply failed: {output}");
        Assert.Equal(Fixture(fixture[..^4] + ".fixed.cfg"), File.ReadAllBytes(file));
    }

    [Fact]
    public void A_file_without_a_final_newline_gets_the_diff_marker()
    {
        using var dir = new TempDir();
        string file = dir.Write("fw.cfg", Variants.Make(Fixture("SMTP001.fwsm.cfg"), "no-final-newline"));
        var result = FixRunner.Run(["fix", "fw.cfg", "-f", "diff"], dir.Path);
        Assert.Contains("-fixup protocol smtp 25\n\\ No newline at end of file\n+no fixup protocol smtp 25\n\\ No newline at end of file\n", result.Stdout, StringComparison.Ordinal);
        var (code, output) = RunTool("git", dir.Path, "apply", dir.Write("fix.patch", result.StdoutBytes));
        Assert.True(code == 0, output);
        Assert.Equal(Variants.Make(Fixture("SMTP001.fwsm.fixed.cfg"), "no-final-newline"), File.ReadAllBytes(file));
    }

    [Fact]
    public void Nothing_to_fix_gives_an_empty_diff_and_exit_0()
    {
        var result = CliRunner.Run(["fix", "rules/SMTP010.allow-tls.cfg", "-f", "diff"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdoutBytes);
        Assert.Contains("nothing to fix", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_near_a_change_are_redacted_in_the_diff_but_not_in_the_config()
    {
        byte[] config = "ASA Version 9.8(4)\nhostname fw\nsnmp-server host inside 192.0.2.10 community S3cretCommunity version 2c\npolicy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n"u8.ToArray();
        var diff = CliRunner.Run(["fix", "-", "-f", "diff"], stdin: config);
        Assert.DoesNotContain("S3cretCommunity", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("community <redacted>", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("--show-secrets gives a diff that patch can apply", diff.Stderr, StringComparison.Ordinal);
        Assert.Contains("S3cretCommunity", CliRunner.Run(["fix", "-", "-f", "diff", "--show-secrets"], stdin: config).Stdout, StringComparison.Ordinal);
        Assert.Contains("S3cretCommunity", CliRunner.Run(["fix", "-", "-f", "config"], stdin: config).Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ASA Version 8.0(2)", "asa 8.0(2) does not accept `allow-tls` (it needs 7.2(3) or later, before 8.0; or 8.0(3) or later)")]
    [InlineData("PIX Version 6.3(5)", "pix 6.3(5) does not accept `allow-tls`")]
    [InlineData("hostname only-a-name", "the software version of this asa is unknown, so PixLint cannot tell whether it accepts `allow-tls`: give --os-version")]
    public void Asking_for_allow_tls_where_the_version_lacks_it_is_an_error(string header, string message)
    {
        byte[] config = Encoding.UTF8.GetBytes(header + "\npolicy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n");
        var result = CliRunner.Run(["fix", "-", "--strategy", "allow-tls"], stdin: config);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("-: error: --strategy allow-tls: " + message, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.StdoutBytes);
    }

    [Fact]
    public void The_version_from_the_command_line_makes_allow_tls_possible()
    {
        byte[] config = "hostname fw\npolicy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n"u8.ToArray();
        var result = CliRunner.Run(["fix", "-", "--strategy", "allow-tls", "--platform", "asa", "--os-version", "9.8(4)"], stdin: config);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  inspect esmtp ESMTP_ALLOW_TLS", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Disable_inspection_on_request()
    {
        var result = CliRunner.Run(["fix", "rules/SMTP010.cfg", "--strategy", "disable-inspection", "-f", "diff"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("-  inspect esmtp\n", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ESMTP_ALLOW_TLS", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_strategy_is_a_usage_error()
    {
        var result = CliRunner.Run(["fix", "rules/SMTP010.cfg", "--strategy", "remove-everything"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("remove-everything", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--backup" }, "--backup only makes sense with --write")]
    [InlineData(new[] { "--write", "--format", "config" }, "use one or the other")]
    public void Contradictory_options_are_usage_errors(string[] options, string message)
    {
        var result = CliRunner.Run(["fix", "rules/SMTP010.cfg", .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_config_format_takes_one_file()
    {
        var result = CliRunner.Run(["fix", "rules/SMTP010.cfg", "rules/SMTP011.cfg", "--format", "config"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("give exactly one file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_left_without_a_fix_exit_1_unless_below_fail_on()
    {
        var result = CliRunner.Run(["fix", "rules/SMTP013.cfg"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("! Remaining after these changes (no automatic fix):\n!   SMTP013 ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("only the person who wrote the configuration knows", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run(["fix", "rules/SMTP013.cfg", "--fail-on", "none"]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["fix", "rules/SMTP012.cfg"]).ExitCode); // a note stays below the default threshold
        Assert.Equal(1, CliRunner.Run(["fix", "rules/SMTP012.cfg", "--fail-on", "note"]).ExitCode);
    }

    [Fact]
    public void Select_limits_what_is_fixed()
    {
        var result = CliRunner.Run(["fix", "samples/asa84-strict-mail.cfg", "--select", "SMTP011", "-f", "diff"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("- match cmd verb STARTTLS\n", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ESMTP_ALLOW_TLS", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_configuration_is_an_error()
    {
        using var dir = new TempDir();
        dir.Write("notes.cfg", "just some notes about the firewall\n");
        var result = FixRunner.Run(["fix", "notes.cfg"], dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("notes.cfg: error: not a PIX/ASA/FWSM/FTD configuration", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_system_context_has_nothing_to_fix_and_says_to_lint_each_context()
    {
        var result = CliRunner.Run(["fix", "samples/asa-system-context.cfg"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("! Nothing to fix automatically.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("lint each context's configuration", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_findings_carry_their_fix_and_its_edits_rebuild_the_fixed_file()
    {
        var result = CliRunner.Run(["lint", "rules/SMTP010.no-allow-tls.cfg", "-f", "json"]);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var findings = doc.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, findings.Count);
        var fix = findings[0].GetProperty("fix");
        Assert.Equal("allow-tls", fix.GetProperty("strategy").GetString());
        Assert.Equal("safe", fix.GetProperty("applicability").GetString());
        Assert.Equal("cli", fix.GetProperty("delivery").GetString());
        Assert.Equal("write memory", fix.GetProperty("save").GetString());
        Assert.Equal(["policy-map type inspect esmtp MAIL_MAP", " parameters", "  allow-tls", "  exit", " exit"], fix.GetProperty("commands").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["policy-map type inspect esmtp MAIL_MAP", " parameters", "  no allow-tls", "  exit", " exit"], fix.GetProperty("rollback").EnumerateArray().Select(c => c.GetString()));
        Assert.StartsWith("Add `allow-tls` to inspect map `MAIL_MAP`", fix.GetProperty("title").GetString(), StringComparison.Ordinal);

        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.Rules, "SMTP010.no-allow-tls.fixed.cfg")), ApplyJsonEdits("SMTP010.no-allow-tls.cfg"));
    }

    [Theory]
    [InlineData("SMTP010.cfg")]
    [InlineData("SMTP011.cfg")]
    [InlineData("SMTP014.cfg")]
    [InlineData("SMTP001.range.cfg")]
    public void Json_edits_insert_and_delete_whole_lines(string fixture) =>
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.Rules, fixture[..^4] + ".fixed.cfg")), ApplyJsonEdits(fixture));

    /// <summary>Applies every finding's edits from `lint --format json` by line and column, last first (an LF file).</summary>
    private static string ApplyJsonEdits(string fixture)
    {
        string text = File.ReadAllText(Path.Combine(TestPaths.Rules, fixture));
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var result = CliRunner.Run(["lint", "rules/" + fixture, "-f", "json"]);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var edits = doc.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray()
            .Where(f => f.TryGetProperty("fix", out _))
            .SelectMany(f => f.GetProperty("fix").GetProperty("edits").EnumerateArray())
            .Select(e => (
                Start: lineStarts[e.GetProperty("line").GetInt32() - 1] + e.GetProperty("column").GetInt32() - 1,
                End: lineStarts[e.GetProperty("endLine").GetInt32() - 1] + e.GetProperty("endColumn").GetInt32() - 1,
                Text: e.GetProperty("newText").GetString()!))
            .Distinct()
            .OrderByDescending(e => e.Start).ThenByDescending(e => e.End)
            .ToList();
        Assert.NotEmpty(edits);
        foreach (var (start, end, newText) in edits)
        {
            text = text[..start] + newText + text[end..];
        }

        return text;
    }

    [Fact]
    public void Json_findings_without_a_fix_have_no_fix_member()
    {
        var result = CliRunner.Run(["lint", "rules/SMTP013.cfg", "-f", "json"]);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var smtp013 = doc.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "SMTP013");
        Assert.False(smtp013.TryGetProperty("fix", out _));
    }

    [Fact]
    public void Json_fix_of_an_ftd_finding_is_a_flexconfig_without_save()
    {
        var result = CliRunner.Run(["lint", "rules/SMTP010.ftd.cfg", "-f", "json"]);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var fix = doc.RootElement.GetProperty("files")[0].GetProperty("findings")[0].GetProperty("fix");
        Assert.Equal("flexconfig", fix.GetProperty("delivery").GetString());
        Assert.Equal(JsonValueKind.Null, fix.GetProperty("save").ValueKind);
        Assert.Contains(fix.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("FlexConfig", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_output_shows_the_fix_title()
    {
        var result = CliRunner.Run(["lint", "samples/pix63-mailguard.cfg"]);
        Assert.Contains("  = fix: Turn MailGuard off: `no fixup protocol smtp` for TCP 25 [safe] (`pixlint fix`)\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_test_checks_fixed_files()
    {
        using var dir = new TempDir();
        dir.Write("SMTP001.yaml", Fixture("SMTP001.yaml"));
        dir.Write("SMTP001.cfg", Fixture("SMTP001.cfg"));
        dir.Write("SMTP001.fixed.cfg", Fixture("SMTP001.fixed.cfg"));
        var pass = FixRunner.Run(["rules", "test", "."], dir.Path);
        Assert.Equal(0, pass.ExitCode);
        Assert.Contains("1 fixed files: all pass", pass.Stdout, StringComparison.Ordinal);

        dir.Write("SMTP001.fixed.cfg", Fixture("SMTP001.cfg"));
        var fail = FixRunner.Run(["rules", "test", "."], dir.Path);
        Assert.Equal(1, fail.ExitCode);
        Assert.Contains("SMTP001.cfg:13: fix: fixing it does not give SMTP001.fixed.cfg (first difference at line 13 of the fixed file)", fail.Stderr, StringComparison.Ordinal);
    }

    private static (int Code, string Output) RunTool(string tool, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(tool, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool}: the tests need it on PATH");
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
