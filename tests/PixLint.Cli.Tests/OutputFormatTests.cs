using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace PixLint.Tests;

/// <summary>Every output format over the samples (golden files), plus what each format promises its consumers.</summary>
public class OutputFormatTests
{
    /// <summary>A fixed report time (2026-01-01 00:00 UTC) for the HTML golden file.</summary>
    public static readonly Dictionary<string, string> FixedTime = new() { ["SOURCE_DATE_EPOCH"] = "1767225600" };

    private static string GoldenPath(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Cli.Tests", "Golden", name);

    [Theory]
    [InlineData("text", "samples.txt")]
    [InlineData("json", "samples.json")]
    [InlineData("sarif", "samples.sarif")]
    [InlineData("github", "samples.github.txt")]
    [InlineData("junit", "samples.junit.xml")]
    [InlineData("html", "samples.html")]
    [InlineData("gitlab", "samples.gitlab.json")]
    [InlineData("checkstyle", "samples.checkstyle.xml")]
    [InlineData("markdown", "samples.md")]
    public void Samples_match_the_golden_file(string format, string golden)
    {
        var result = CliRunner.Run(["lint", "samples", "--format", format], environment: FixedTime);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Golden.Check(GoldenPath(golden), result.Stdout);
    }

    [Fact]
    public void Sarif_results_point_at_rules_and_relative_paths()
    {
        using var dir = new TempDir();
        string copy = dir.Write("cfg/fw 1.cfg", File.ReadAllBytes(Path.Combine(TestPaths.Samples, "asa98-default-policy.cfg")));
        var result = CliRunner.Run(["lint", copy, "-f", "sarif"], workingDirectory: dir.Path);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        foreach (var rule in rules)
        {
            var properties = rule.GetProperty("properties");
            double severity = double.Parse(properties.GetProperty("security-severity").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(severity, 0.0, 10.0);
            Assert.Contains("security", properties.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("help").GetProperty("markdown").GetString()));
            Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        }

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            int index = r.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(r.GetProperty("ruleId").GetString(), rules[index].GetProperty("id").GetString());
            var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");

            // An absolute path inside the working folder becomes relative; the space is percent-encoded.
            Assert.Equal("cfg/fw%201.cfg", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(105, location.GetProperty("region").GetProperty("startLine").GetInt32());
        }

        Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void Sarif_fingerprints_survive_unrelated_lines_moving_and_repeat_across_runs()
    {
        using var dir = new TempDir();
        string original = File.ReadAllText(Path.Combine(TestPaths.Samples, "asa84-strict-mail.cfg"));
        dir.Write("fw.cfg", original);
        var before = Fingerprints(CliRunner.Run(["lint", "fw.cfg", "-f", "sarif"], workingDirectory: dir.Path));
        var again = Fingerprints(CliRunner.Run(["lint", "fw.cfg", "-f", "sarif"], workingDirectory: dir.Path));

        // Seven lines added near the top (a banner and names) push every finding down.
        string shifted = original.Replace("hostname mailgw\n", "hostname mailgw\nbanner motd Authorised access only\nbanner motd Second line\nnames\nname 192.0.2.99 spare-host\n!\n!\n!\n", StringComparison.Ordinal);
        Assert.NotEqual(original, shifted);
        dir.Write("fw.cfg", shifted);
        var after = Fingerprints(CliRunner.Run(["lint", "fw.cfg", "-f", "sarif"], workingDirectory: dir.Path));

        Assert.Equal(before, again);
        Assert.Equal(before.Select(x => (x.RuleId, x.Fingerprint)), after.Select(x => (x.RuleId, x.Fingerprint)));
        Assert.All(before.Zip(after), pair => Assert.Equal(pair.First.Line + 7, pair.Second.Line));
        Assert.Equal(before.Count, before.Select(x => x.Fingerprint).Distinct().Count());
    }

    private static List<(string RuleId, string Fingerprint, int Line)> Fingerprints(CliRunner.Result result)
    {
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        return [.. doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => (
            r.GetProperty("ruleId").GetString()!,
            r.GetProperty("partialFingerprints").GetProperty("pixlintFindingIdentity/v1").GetString()!,
            r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()))];
    }

    [Fact]
    public void GitHub_annotations_escape_properties_and_data()
    {
        using var dir = new TempDir();
        dir.Write("odd,name:100%.cfg", File.ReadAllBytes(Path.Combine(TestPaths.Samples, "pix63-mailguard.cfg")));
        var result = CliRunner.Run(["lint", ".", "-f", "github"], workingDirectory: dir.Path);
        string line = result.Stdout.Split('\n')[0];
        Assert.StartsWith("::error file=odd%2Cname%3A100%25.cfg,line=24,col=1,endLine=24,endColumn=23,title=SMTP001::", line, StringComparison.Ordinal);
        Assert.Contains("%0Ahelp: https://", line, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void GitHub_escaping_rules()
    {
        Assert.Equal("a%25b%0D%0Ac: d, e", Output.GitHubFormatter.EscapeData("a%b\r\nc: d, e"));
        Assert.Equal("a%25b%0D%0Ac%3A d%2C e", Output.GitHubFormatter.EscapeProperty("a%b\r\nc: d, e"));
    }

    [Fact]
    public void JUnit_has_a_suite_per_file_a_failure_per_finding_and_a_passing_case_for_clean_files()
    {
        using var dir = new TempDir();
        dir.Write("a-clean.cfg", "ASA Version 9.8(4)\nhostname clean\n");
        dir.Write("b-dirty.cfg", File.ReadAllBytes(Path.Combine(TestPaths.Samples, "asa84-strict-mail.cfg")));
        var result = CliRunner.Run(["lint", ".", "-f", "junit"], workingDirectory: dir.Path);
        var doc = XDocument.Parse(result.Stdout);
        var suites = doc.Root!.Elements("testsuite").ToList();
        Assert.Equal(["a-clean.cfg", "b-dirty.cfg"], suites.Select(s => (string)s.Attribute("name")!));

        var clean = suites[0].Elements("testcase").Single();
        Assert.Empty(clean.Elements("failure"));
        Assert.Equal("1", (string)suites[0].Attribute("tests")!);

        var failures = suites[1].Elements("testcase").Select(t => t.Element("failure")).ToList();
        Assert.Equal(4, failures.Count);
        Assert.All(failures, f => Assert.NotNull(f));
        Assert.Equal("4", (string)suites[1].Attribute("failures")!);
        Assert.Equal(["note", "error", "error", "note"], failures.Select(f => (string)f!.Attribute("type")!));
        Assert.Equal("mailgw", suites[1].Descendants("property").Single(p => (string)p.Attribute("name")! == "hostname").Attribute("value")!.Value);
    }

    [Fact]
    public void JUnit_stays_well_formed_with_control_characters_and_markup_in_the_input()
    {
        using var dir = new TempDir();
        string config = "PIX Version 6.3(5)\nhostname <fw>&\u0001\"x\"\nfixup protocol smtp 25\n";
        dir.Write("fw.cfg", Encoding.UTF8.GetBytes(config).Concat(new byte[] { 0xFF, 0x0A }).ToArray());
        var result = CliRunner.Run(["lint", "fw.cfg", "-f", "junit"], workingDirectory: dir.Path);
        var doc = XDocument.Parse(result.Stdout);
        Assert.Equal("<fw>&\uFFFD\"x\"", doc.Descendants("property").Single(p => (string)p.Attribute("name")! == "hostname").Attribute("value")!.Value);
    }

    [Fact]
    public void Html_escapes_everything_from_the_configuration()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", "PIX Version 6.3(5)\nhostname <script>alert(1)</script>\nfixup protocol smtp 25\n! <img src=x onerror=alert(2)>\n");
        var result = CliRunner.Run(["lint", "fw.cfg", "-f", "html"], workingDirectory: dir.Path);
        Assert.DoesNotContain("<script", result.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", result.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_self_contained()
    {
        var result = CliRunner.Run(["lint", "samples", "-f", "html"], environment: FixedTime);
        string html = result.Stdout;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html, StringComparison.Ordinal);
        Assert.Contains("2026-01-01 00:00 UTC", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_file_gets_the_same_report_as_stdout()
    {
        using var dir = new TempDir();
        foreach (string format in new[] { "sarif", "github", "junit", "html" })
        {
            string target = Path.Combine(dir.Path, "report." + format);
            var toFile = CliRunner.Run(["lint", "samples", "-f", format, "-o", target], environment: FixedTime);
            var toStdout = CliRunner.Run(["lint", "samples", "-f", format], environment: FixedTime);
            Assert.Equal(1, toFile.ExitCode);
            Assert.Empty(toFile.StdoutBytes);
            Assert.Equal(toStdout.StdoutBytes, File.ReadAllBytes(target));
        }
    }
}
