using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Json.Schema;

namespace PixLint.Tests;

/// <summary>
/// One lint run writing every report (`-f FORMAT[:FILE]`, repeatable), the GitLab, Checkstyle and
/// Markdown formats, the JSON report's schema, and `--stdin-filename`, `--statistics`, `--color`.
/// </summary>
public class ReportFormatTests
{
    private static readonly string[] AllFormats = [.. PixLint.Cli.Commands.LintCommand.Formatters.Keys];

    private static JsonSchema Schema(string path) => JsonSchema.FromText(File.ReadAllText(path));

    private static readonly JsonSchema LintSchema = Schema(Path.Combine(TestPaths.RepoRoot, "docs", "lint-output.schema.json"));

    private static readonly JsonSchema GitLabSchema = Schema(Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Cli.Tests", "Schemas", "gitlab-codequality.schema.json"));

    private static void AssertValid(JsonSchema schema, string json, string what)
    {
        var result = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}");
        Assert.True(result.IsValid, $"{what} does not match the schema:\n{string.Join("\n", errors.Take(20))}");
    }

    [Fact]
    public void One_run_writes_every_format_each_byte_identical_to_its_own_run()
    {
        using var dir = new TempDir();
        var formats = AllFormats.Where(f => f != "text").ToList();
        string[] args = ["lint", "samples", "-f", "text", .. formats.SelectMany(f => new[] { "-f", $"{f}:{Path.Combine(dir.Path, "report." + f)}" })];
        var all = CliRunner.Run(args, environment: OutputFormatTests.FixedTime);
        Assert.True(all.ExitCode == 1, all.Stderr);
        Assert.Equal(string.Empty, all.Stderr);
        Assert.Equal(CliRunner.Run(["lint", "samples"], environment: OutputFormatTests.FixedTime).StdoutBytes, all.StdoutBytes);
        foreach (string format in formats)
        {
            var alone = CliRunner.Run(["lint", "samples", "-f", format], environment: OutputFormatTests.FixedTime);
            Assert.Equal(1, alone.ExitCode);
            Assert.True(alone.StdoutBytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir.Path, "report." + format))), $"{format} differs from its own run");
        }

        // Only the reports: no temporary file is left beside them.
        Assert.Equal(formats.Select(f => "report." + f).Order(StringComparer.Ordinal), Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_report_to_a_file_leaves_stdout_empty_and_o_still_names_a_single_report()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run(["lint", "samples", "-f", "sarif:" + Path.Combine(dir.Path, "a.sarif"), "-f", "junit:" + Path.Combine(dir.Path, "a.xml")]);
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.StdoutBytes);
        var single = CliRunner.Run(["lint", "samples", "-f", "junit", "-o", Path.Combine(dir.Path, "b.xml")]);
        Assert.Equal(1, single.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Path, "a.xml")), File.ReadAllBytes(Path.Combine(dir.Path, "b.xml")));
    }

    [Theory]
    [InlineData("--format expects one of text, json, sarif, github, junit, html, gitlab, checkstyle, markdown (optionally with :FILE, as in -f sarif:pixlint.sarif), got 'yaml'", "-f", "yaml")]
    [InlineData("--format: 'sarif:' names no file after ':'", "-f", "sarif:")]
    [InlineData("--format: text and json would both go to standard output", "-f", "text", "-f", "json")]
    [InlineData("--format: same.out is named twice", "-f", "sarif:same.out", "-f", "junit:same.out")]
    [InlineData("--output: names the file of a single format", "-f", "text", "-f", "sarif:x.sarif", "-o", "y")]
    [InlineData("--statistics: prints the counts per rule on standard output in place of the text report, but json goes there", "-f", "json", "--statistics")]
    public void Report_options_that_do_not_make_sense_are_usage_errors(string expected, params string[] options)
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", File.ReadAllBytes(Path.Combine(TestPaths.Samples, "pix63-mailguard.cfg")));
        var result = CliRunner.Run(["lint", "fw.cfg", .. options], dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pixlint: error: " + expected, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.StdoutBytes);
        Assert.Equal(["fw.cfg"], Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_report_that_cannot_be_created_stops_the_run_before_anything_is_written()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", File.ReadAllBytes(Path.Combine(TestPaths.Samples, "pix63-mailguard.cfg")));
        var result = CliRunner.Run(["lint", "fw.cfg", "-f", "sarif:ok.sarif", "-f", "junit:missing/folder/r.xml"], dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing/folder/r.xml: error: cannot write the report", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["fw.cfg"], Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void The_json_report_of_every_sample_matches_the_documented_schema()
    {
        foreach (string sample in Directory.EnumerateFiles(TestPaths.Samples, "*.cfg").Order(StringComparer.Ordinal))
        {
            var result = CliRunner.Run(["lint", sample, "-f", "json", "--fail-on", "none"]);
            Assert.Equal(0, result.ExitCode);
            AssertValid(LintSchema, result.Stdout, Path.GetFileName(sample));
        }

        // Every optional part: fixes, affected hosts, related locations, diagnostics, the baseline summary.
        using var dir = new TempDir();
        foreach (string sample in Directory.EnumerateFiles(TestPaths.Samples, "*.cfg"))
        {
            dir.Write("configs/" + Path.GetFileName(sample), File.ReadAllBytes(sample));
        }

        dir.Write("configs/broken.cfg", "ASA Version 9.8(4)\nhostname x\nthis is not a command\npolicy-map global_policy\n class inspection_default\n  inspect esmtp NO_SUCH_MAP\nservice-policy global_policy global\n");
        Assert.Equal(0, CliRunner.Run(["lint", "configs", "--write-baseline", "baseline.json"], dir.Path).ExitCode);
        dir.Write("configs/pix63-mailguard.cfg", "PIX Version 6.3(5)\nhostname fw\n");
        var all = CliRunner.Run(["lint", "configs", "-f", "json", "--baseline", "baseline.json", "--fail-on", "none"], dir.Path);
        Assert.True(all.ExitCode == 0, all.Stderr);
        using (var doc = JsonDocument.Parse(all.Stdout))
        {
            var summary = doc.RootElement.GetProperty("summary");
            Assert.True(summary.GetProperty("baseline").GetProperty("unmatched").GetArrayLength() > 0);
            Assert.Contains(doc.RootElement.GetProperty("files").EnumerateArray(), f => f.GetProperty("diagnostics").GetArrayLength() > 0);
        }

        AssertValid(LintSchema, all.Stdout, "the report with a baseline and diagnostics");
        var fixes = CliRunner.Run(["lint", "samples", "-f", "json"]);
        Assert.Contains("\"fix\"", fixes.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"affected\"", fixes.Stdout, StringComparison.Ordinal);
        AssertValid(LintSchema, fixes.Stdout, "samples/");
    }

    [Fact]
    public void The_schema_rejects_what_the_report_must_not_hold()
    {
        // The schema can fail: an undocumented field, a missing one, an unknown severity.
        var report = JsonNode.Parse(CliRunner.Run(["lint", "samples/pix63-mailguard.cfg", "-f", "json"]).Stdout)!;
        AssertValid(LintSchema, report.ToJsonString(), "the unchanged report");
        foreach (var broken in new Action<JsonNode>[]
        {
            r => r["files"]![0]!["findings"]![0]!["undocumented"] = 1,
            r => r["files"]![0]!["findings"]![0]!.AsObject().Remove("line"),
            r => r["files"]![0]!["findings"]![0]!["severity"] = "fatal",
            r => r["summary"]!.AsObject().Remove("errors"),
        })
        {
            var copy = report.DeepClone();
            broken(copy);
            Assert.False(LintSchema.Evaluate(JsonDocument.Parse(copy.ToJsonString()).RootElement).IsValid, copy["files"]![0]!["findings"]![0]!.ToJsonString());
        }
    }

    [Fact]
    public void GitLab_code_quality_matches_gitlabs_format_with_unique_stable_fingerprints()
    {
        var result = CliRunner.Run(["lint", "samples", "-f", "gitlab"]);
        Assert.Equal(1, result.ExitCode);
        AssertValid(GitLabSchema, result.Stdout, "lint -f gitlab");
        using var doc = JsonDocument.Parse(result.Stdout);
        var issues = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(11, issues.Count);
        Assert.Equal(issues.Count, issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct(StringComparer.Ordinal).Count());
        var mailguard = issues.Single(i => i.GetProperty("check_name").GetString() == "SMTP001");
        Assert.Equal("samples/pix63-mailguard.cfg", mailguard.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(24, mailguard.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
        Assert.Equal("critical", mailguard.GetProperty("severity").GetString());
        Assert.StartsWith("`fixup protocol smtp` is in force for TCP 25", mailguard.GetProperty("description").GetString(), StringComparison.Ordinal);

        // Unrelated lines moving keep the fingerprint (the merge request widget compares them); the same finding in another file does not share it.
        using var dir = new TempDir();
        byte[] config = File.ReadAllBytes(Path.Combine(TestPaths.Samples, "pix63-mailguard.cfg"));
        dir.Write("a.cfg", config);
        dir.Write("b.cfg", [.. "! moved\n! down\n"u8, .. config]);
        dir.Write("c/a.cfg", config);
        using var moved = JsonDocument.Parse(CliRunner.Run(["lint", "a.cfg", "b.cfg", "c/a.cfg", "-f", "gitlab"], dir.Path).Stdout);
        var byPath = moved.RootElement.EnumerateArray().ToDictionary(i => i.GetProperty("location").GetProperty("path").GetString()!, i => i);
        Assert.Equal(26, byPath["b.cfg"].GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
        Assert.NotEqual(byPath["a.cfg"].GetProperty("fingerprint").GetString(), byPath["c/a.cfg"].GetProperty("fingerprint").GetString());
        using var again = JsonDocument.Parse(CliRunner.Run(["lint", "b.cfg", "-f", "gitlab"], dir.Path).Stdout);
        string? fingerprintB = again.RootElement[0].GetProperty("fingerprint").GetString();
        dir.Write("b.cfg", [.. "! moved\n! down\n! and again\n"u8, .. config]);
        using var again2 = JsonDocument.Parse(CliRunner.Run(["lint", "b.cfg", "-f", "gitlab"], dir.Path).Stdout);
        Assert.Equal(fingerprintB, again2.RootElement[0].GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void GitLab_report_of_a_clean_run_is_an_empty_array()
    {
        var result = CliRunner.Run(["lint", "samples/asa916-allow-tls.cfg", "-f", "gitlab", "--select", "SMTP001"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[]", result.Stdout.Trim());
        AssertValid(GitLabSchema, result.Stdout, "an empty report");
    }

    [Fact]
    public void Checkstyle_has_a_file_per_input_and_an_error_per_finding()
    {
        var result = CliRunner.Run(["lint", "samples", "-f", "checkstyle", "--fail-on", "none"]);
        Assert.Equal(0, result.ExitCode);
        var doc = XDocument.Parse(result.Stdout);
        Assert.Equal("checkstyle", doc.Root!.Name.LocalName);
        var files = doc.Root.Elements("file").ToList();
        Assert.Equal(Directory.EnumerateFiles(TestPaths.Samples, "*.cfg").Count(), files.Count);
        Assert.DoesNotContain(files.Single(f => (string?)f.Attribute("name") == "samples/asa916-allow-tls.cfg").Elements("error"), e => (string?)e.Attribute("severity") == "error");
        var mailguard = files.Single(f => (string?)f.Attribute("name") == "samples/pix63-mailguard.cfg").Elements("error").Single();
        Assert.Equal("24", (string?)mailguard.Attribute("line"));
        Assert.Equal("1", (string?)mailguard.Attribute("column"));
        Assert.Equal("error", (string?)mailguard.Attribute("severity"));
        Assert.Equal("pixlint.SMTP001", (string?)mailguard.Attribute("source"));
        Assert.Equal(11, doc.Descendants("error").Count());
        Assert.All(doc.Descendants("error"), e => Assert.Contains((string?)e.Attribute("severity"), new[] { "error", "warning", "info" }));
    }

    [Fact]
    public void Checkstyle_and_markdown_stay_well_formed_with_markup_in_the_input()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", "ASA Version 9.8(4)\nhostname fw\npolicy-map global_policy\n class inspection_default\n  inspect esmtp <b>|x|</b>&amp;\nservice-policy global_policy global\n");
        var xml = CliRunner.Run(["lint", "fw.cfg", "-f", "checkstyle"], dir.Path);
        Assert.Equal(1, xml.ExitCode);
        var error = XDocument.Parse(xml.Stdout).Descendants("error").First(e => (string?)e.Attribute("source") == "pixlint.SMTP013");
        Assert.Contains("<b>|x|</b>&amp;", (string?)error.Attribute("message"), StringComparison.Ordinal);

        var md = CliRunner.Run(["lint", "fw.cfg", "-f", "markdown"], dir.Path);
        Assert.Equal(1, md.ExitCode);
        string row = md.Stdout.Split('\n').Single(l => l.Contains("SMTP013", StringComparison.Ordinal));
        Assert.Contains("&lt;b&gt;\\|x\\|&lt;/b&gt;&amp;amp;", row, StringComparison.Ordinal);
        Assert.Equal(4, row.Trim('|', ' ').Split(" | ").Length); // severity, rule, location, message
        Assert.DoesNotContain(md.Stdout, c => c < ' ' && c != '\n');
    }

    [Fact]
    public void Markdown_is_a_summary_table_with_rules_linked_to_their_documentation()
    {
        var result = CliRunner.Run(["lint", "samples/pix63-mailguard.cfg", "-f", "markdown"]);
        Assert.Equal(1, result.ExitCode);
        string[] lines = result.Stdout.Split('\n');
        Assert.Equal("## PixLint", lines[0]);
        Assert.Equal("| Severity | Rule | Location | Message |", lines[2]);
        Assert.StartsWith("| 🔴 error | [SMTP001](https://github.com/pixlint/pixlint/blob/main/docs/rules/SMTP001.md) | `samples/pix63-mailguard.cfg:24:1` | `fixup protocol smtp` is in force", lines[4], StringComparison.Ordinal);
        Assert.Equal("Found 1 finding (1 error, 0 warnings, 0 notes) in 1 file.", lines[6]);

        var clean = CliRunner.Run(["lint", "samples/asa916-allow-tls.cfg", "-f", "markdown", "--select", "SMTP001"]);
        Assert.Equal("## PixLint\n\nNo findings in 1 file.\n", clean.Stdout);
    }

    [Fact]
    public void Stdin_filename_names_the_input_in_reports_and_for_per_path_rules()
    {
        using var dir = new TempDir();
        byte[] config = File.ReadAllBytes(Path.Combine(TestPaths.Samples, "asa98-default-policy.cfg"));
        dir.Write(".pixlint.yaml", "per-path-ignores: { \"legacy/**\": [SMTP012] }\n");
        var named = CliRunner.Run(["lint", "-", "--stdin-filename", "legacy/fw1.cfg"], dir.Path, stdin: config);
        Assert.Equal(1, named.ExitCode);
        Assert.StartsWith("legacy/fw1.cfg:105:3: error SMTP010 ", named.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("SMTP012", named.Stdout, StringComparison.Ordinal);

        var sarif = CliRunner.Run(["lint", "-", "--stdin-filename", "other/fw1.cfg", "-f", "sarif"], dir.Path, stdin: config);
        Assert.Contains("\"uri\": \"other/fw1.cfg\"", sarif.Stdout, StringComparison.Ordinal);
        Assert.Contains("SMTP012", sarif.Stdout, StringComparison.Ordinal);

        var plain = CliRunner.Run(["lint", "-"], dir.Path, stdin: config);
        Assert.StartsWith("-:105:3: error SMTP010 ", plain.Stdout, StringComparison.Ordinal);
        Assert.Contains("SMTP012", plain.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_count_the_findings_of_each_rule()
    {
        using var dir = new TempDir();
        var result = CliRunner.Run(["lint", "samples", "--statistics", "-f", "sarif:" + Path.Combine(dir.Path, "r.sarif")]);
        Assert.Equal(1, result.ExitCode);
        string[] lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("5  SMTP012  note     ESMTP inspection masks the SMTP banner", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("3  SMTP010  error    ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("1  SMTP001  error    ", lines[2], StringComparison.Ordinal);
        Assert.Equal("Found 11 findings (5 errors, 0 warnings, 6 notes) in 6 files.", lines[^1]);
        Assert.StartsWith("1  SMTP011  error    ", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("1  SMTP020  note     ", lines[4], StringComparison.Ordinal);
        Assert.Equal(6, lines.Length);
        Assert.True(File.Exists(Path.Combine(dir.Path, "r.sarif")));
    }

    [Theory]
    [InlineData(false, null, null, null, false)]
    [InlineData(true, null, null, null, true)]
    [InlineData(true, "1", null, null, false)] // NO_COLOR
    [InlineData(false, null, "1", null, true)] // FORCE_COLOR: CI logs
    [InlineData(false, "1", "1", null, false)] // NO_COLOR wins
    [InlineData(false, "1", null, "always", true)]
    [InlineData(true, null, "1", "never", false)]
    [InlineData(true, null, null, "auto", true)]
    public void Color_follows_the_option_then_no_color_then_force_color_then_the_terminal(bool terminal, string? noColor, string? forceColor, string? option, bool coloured)
    {
        var environment = new Dictionary<string, string>();
        if (noColor is not null)
        {
            environment["NO_COLOR"] = noColor;
        }

        if (forceColor is not null)
        {
            environment["FORCE_COLOR"] = forceColor;
        }

        var args = new List<string> { "lint", "samples/pix63-mailguard.cfg" };
        if (option is not null)
        {
            args.AddRange(["--color", option]);
        }

        var result = CliRunner.Run([.. args], environment: environment, terminal: terminal);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(coloured, result.Stdout.Contains('\u001b', StringComparison.Ordinal));

        // A report written to a file is never coloured.
        using var dir = new TempDir();
        string file = Path.Combine(dir.Path, "r.txt");
        CliRunner.Run([.. args, "-f", "text:" + file], environment: environment, terminal: terminal);
        Assert.DoesNotContain("\u001b", Encoding.UTF8.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal);
    }
}
