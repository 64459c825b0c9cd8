using System.Text.Json;

namespace PixLint.Tests;

/// <summary>`.pixlint.yaml`: discovery, every setting, validation, and command-line precedence.</summary>
public class ProjectConfigTests
{
    private const string Ftd = "NGFW Version 7.2.5\nhostname ftd\npolicy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n";

    private static JsonElement[] Findings(CliRunner.Result result)
    {
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        return [.. doc.RootElement.GetProperty("files").EnumerateArray().SelectMany(f => f.GetProperty("findings").EnumerateArray()).Select(e => e.Clone())];
    }

    [Fact]
    public void Found_upward_and_applied()
    {
        using var dir = new TempDir();
        dir.Write(".pixlint.yaml", "severity:\n  SMTP012: warning\nignore: [SMTP010]\nfail-on: error\n");
        dir.Write("configs/site/fw.cfg", Ftd);
        var result = CliRunner.Run(["lint", "fw.cfg", "-f", "json"], workingDirectory: Path.Combine(dir.Path, "configs", "site"));
        var findings = Findings(result);
        var only = Assert.Single(findings);
        Assert.Equal("SMTP012", only.GetProperty("ruleId").GetString());
        Assert.Equal("warning", only.GetProperty("severity").GetString());
        Assert.Equal(0, result.ExitCode); // fail-on: error, and the only finding is a warning
    }

    [Fact]
    public void Command_line_options_win()
    {
        using var dir = new TempDir();
        dir.Write(".pixlint.yaml", "fail-on: none\nselect: [SMTP012]\n");
        dir.Write("fw.cfg", Ftd);
        var result = CliRunner.Run(["lint", "fw.cfg", "--fail-on", "error", "--select", "SMTP010"], workingDirectory: dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SMTP010", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("SMTP012", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Exclude_and_per_path_ignores()
    {
        using var dir = new TempDir();
        dir.Write(".pixlint.yaml", "exclude: [\"lab/**\"]\nper-path-ignores:\n  \"legacy/*.cfg\": [SMTP01]\n");
        dir.Write("lab/test.cfg", Ftd);
        dir.Write("legacy/old.cfg", Ftd);
        dir.Write("prod/fw.cfg", Ftd);
        var result = CliRunner.Run(["lint", ".", "-f", "json"], workingDirectory: dir.Path);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("findings").GetArrayLength());
        Assert.Equal(new Dictionary<string, int> { ["legacy/old.cfg"] = 0, ["prod/fw.cfg"] = 2 }, files);
    }

    [Fact]
    public void Defaults_override_confirms_an_assumption()
    {
        using var dir = new TempDir();
        dir.Write(".pixlint.yaml", """
            defaults:
              inspect-maps:
                - name: _default_esmtp_map
                  protocol: esmtp
                  also-for: [smtp]
                  applies:
                    - platforms: [ftd]
                      evidence: documented
                      source: "show running-config all policy-map on ftd-edge, 2026-10"
                  config: |
                    policy-map type inspect esmtp _default_esmtp_map
                     parameters
                      mask-banner
                      no allow-tls
            """);
        dir.Write("fw.cfg", Ftd);
        var assumed = CliRunner.Run(["lint", "fw.cfg", "-f", "json", "--no-config"], workingDirectory: dir.Path);
        Assert.Contains(Findings(assumed), f => f.TryGetProperty("notes", out _));
        var confirmed = CliRunner.Run(["lint", "fw.cfg", "-f", "json"], workingDirectory: dir.Path);
        Assert.Contains(Findings(confirmed), f => f.GetProperty("ruleId").GetString() == "SMTP010");
        Assert.DoesNotContain(Findings(confirmed), f => f.TryGetProperty("notes", out _));
    }

    [Fact]
    public void Defaults_override_can_say_the_default_allows_tls()
    {
        using var dir = new TempDir();
        dir.Write("team.yaml", "defaults:\n  inspect-maps:\n    - name: _default_esmtp_map\n      protocol: esmtp\n      applies: [{ platforms: [ftd], evidence: documented }]\n      config: |\n        policy-map type inspect esmtp _default_esmtp_map\n         parameters\n          allow-tls\n");
        dir.Write("fw.cfg", Ftd);
        var result = CliRunner.Run(["lint", "fw.cfg", "--config", "team.yaml"], workingDirectory: dir.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No findings", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_configuration_exits_2_with_located_errors()
    {
        using var dir = new TempDir();
        dir.Write(".pixlint.yaml", "fail_on: error\nseverity: { SMTP012: loud }\nplatform: cisco\nmax-unknown: lots\n");
        dir.Write("fw.cfg", Ftd);
        var result = CliRunner.Run(["lint", "fw.cfg"], workingDirectory: dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(".pixlint.yaml:1:1: error: unknown key 'fail_on' in the configuration file (did you mean 'fail-on'?)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(".pixlint.yaml:2:22: error: severity must be error, warning or note, not 'loud'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(".pixlint.yaml:3:11: error: unknown platform 'cisco' (expected pix, asa, fwsm or ftd)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(".pixlint.yaml:4:14: error: max-unknown must be a count (10) or a percentage (\"5%\"), not 'lots'", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", 1)]
    [InlineData("3", 0)]
    [InlineData("40%", 1)]
    [InlineData("80%", 0)]
    public void Max_unknown_fails_files_pixlint_did_not_understand(string limit, int exit)
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", "ASA Version 9.8(4)\nhostname fw\nfoo bar\nbaz qux\nquux\n");
        var result = CliRunner.Run(["lint", "fw.cfg", "--max-unknown", limit], workingDirectory: dir.Path);
        Assert.Equal(exit, result.ExitCode);
        if (exit == 1)
        {
            Assert.Contains("too-many-unrecognized", result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Jobs_do_not_change_the_output()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 40; i++)
        {
            dir.Write($"site{i % 5}/fw{i:D2}.cfg", i % 3 == 0 ? Ftd : $"PIX Version 6.3(5)\nhostname p{i}\nfixup protocol smtp 25\n");
        }

        var one = CliRunner.Run(["lint", ".", "-f", "json", "--jobs", "1"], workingDirectory: dir.Path);
        var many = CliRunner.Run(["lint", ".", "-f", "json", "--jobs", "8"], workingDirectory: dir.Path);
        Assert.Equal(one.Stdout, many.Stdout);
        Assert.Equal(40, JsonDocument.Parse(one.StdoutBytes).RootElement.GetProperty("files").GetArrayLength());
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("github")]
    [InlineData("junit")]
    [InlineData("html")]
    public void Jobs_do_not_change_any_format_errors_included(string format)
    {
        // Findings, clean files, files that are not configurations, binary data and a larger file, interleaved.
        using var dir = new TempDir();
        for (int i = 0; i < 30; i++)
        {
            string name = $"site{i % 4}/fw{i:D2}.cfg";
            switch (i % 6)
            {
                case 0: dir.Write(name, Ftd); break;
                case 1: dir.Write(name, $"PIX Version 6.3(5)\nhostname p{i}\nfixup protocol smtp 25\n"); break;
                case 2: dir.Write(name, "hostname x\n" + new string('\0', 300)); break;
                case 3: dir.Write(name, "! nothing but comments\n!\n"); break;
                case 4: dir.Write(name, $"ASA Version 9.8(4)\nhostname a{i}\n" + string.Concat(Enumerable.Repeat("access-list A extended permit tcp any any eq smtp\n", 5000)) + "policy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n"); break;
                default: dir.Write(name, $"ASA Version 9.8(4)\nhostname c{i}\n"); break;
            }
        }

        var env = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000" };
        // The folder walk skips the files that are not configurations; named, they are errors.
        var one = CliRunner.Run(["lint", ".", "site2/fw02.cfg", "site3/fw03.cfg", "-f", format, "--jobs", "1"], dir.Path, environment: env);
        Assert.Equal(2, one.ExitCode);
        foreach (string jobs in new[] { "2", "8" })
        {
            var many = CliRunner.Run(["lint", ".", "site2/fw02.cfg", "site3/fw03.cfg", "-f", format, "--jobs", jobs], dir.Path, environment: env);
            Assert.Equal(one.ExitCode, many.ExitCode);
            Assert.Equal(one.Stdout, many.Stdout);
            Assert.Equal(one.Stderr, many.Stderr);
        }
    }

    [Fact]
    public void Output_file_is_written_whole()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", Ftd);
        var result = CliRunner.Run(["lint", "fw.cfg", "-f", "json", "-o", "out/report.json"], workingDirectory: dir.Path);
        Assert.Equal(2, result.ExitCode); // the folder does not exist
        Assert.Contains("out/report.json: error: cannot write the report", result.Stderr, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(dir.Path, "out"));
        result = CliRunner.Run(["lint", "fw.cfg", "-f", "json", "-o", "out/report.json"], workingDirectory: dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "out", "report.json")));
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("files").GetInt32());
        Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "out")));
    }
}
