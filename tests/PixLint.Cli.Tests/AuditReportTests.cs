using System.Text.Json;
using System.Text.RegularExpressions;

namespace PixLint.Tests;

/// <summary>Issue 15: verdicts per device, the executive summary, the fix plan and the scope, in html and the json summary.</summary>
public class AuditReportTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "samples", name));

    [Fact]
    public void Two_files_with_one_hostname_are_two_devices_and_two_rows()
    {
        using var dir = new TempDir();
        dir.Write("a.cfg", Sample("asa98-default-policy.cfg"));
        dir.Write("b.cfg", Sample("asa98-default-policy.cfg"));
        dir.Write("c.cfg", Sample("asa916-allow-tls.cfg"));
        string html = CliRunner.Run(["lint", dir.Path, "-f", "html"]).Stdout;
        var json = JsonDocument.Parse(CliRunner.Run(["lint", dir.Path, "-f", "json"]).Stdout).RootElement.GetProperty("summary").GetProperty("verdicts");

        int rows = Regex.Count(html, "<tr data-verdict=");
        Assert.Equal(3, rows);
        Assert.Equal(3, json.GetProperty("devices").GetInt32());
        Assert.Matches("<li id=\"total-devices\"><strong>3</strong> devices <span class=\"shared\">\\(2 hostnames: 1 file shares a hostname\\)", html);

        // Ranked by verdict: the two that strip STARTTLS first.
        Assert.Equal(["strips-starttls", "strips-starttls", "masks-banner"], Regex.Matches(html, "<tr data-verdict=\"([a-z-]+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(2, json.GetProperty("strips-starttls").GetInt32());
        Assert.Equal(1, json.GetProperty("masks-banner").GetInt32());
        Assert.Equal(2, json.GetProperty("mailServers").GetInt32());
        string sentence = json.GetProperty("sentence").GetString()!;
        Assert.StartsWith("2 of 3 firewalls strip STARTTLS for 2 mail servers", sentence, StringComparison.Ordinal);
        Assert.Contains($"<p id=\"executive-summary\" class=\"executive\">{sentence}</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fix_plan_groups_one_change_across_devices_with_a_pasteable_rollback()
    {
        using var dir = new TempDir();
        dir.Write("a.cfg", Sample("pix63-mailguard.cfg"));
        dir.Write("b.cfg", Sample("pix63-mailguard.cfg").Replace("hostname mailfw", "hostname mailfw2", StringComparison.Ordinal));
        dir.Write("c.cfg", Sample("asa84-strict-mail.cfg"));
        string html = CliRunner.Run(["lint", dir.Path, "-f", "html"]).Stdout;
        var plan = Regex.Match(html, "<section id=\"fix-plan\">.*?</section>", RegexOptions.Singleline).Value;
        var groups = Regex.Matches(plan, "<article class=\"fix-group (\\w+)\" id=\"fix-\\d+\" data-devices=\"(\\d+)\">").Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();

        // Safe changes first; the MailGuard change is one group for both PIX devices.
        Assert.Equal([("safe", 2), ("safe", 1), ("review", 1)], groups);
        Assert.Single(Regex.Matches(plan, "no fixup protocol smtp 25"));
        Assert.Contains("<pre class=\"commands rollback\">configure terminal\nfixup protocol smtp 25\nexit\nwrite memory</pre>", plan, StringComparison.Ordinal);
        Assert.Matches("<pre class=\"commands rollback\">configure terminal\n(.|\n)*?\nend\nwrite memory</pre>", plan);
        Assert.Contains(">mailfw</a>, <a href=\"#device-2\">mailfw2</a>", plan, StringComparison.Ordinal);

        // Each finding's own rollback is pasteable too.
        Assert.DoesNotMatch("<p class=\"commands-caption\">Rollback</p>\n<pre class=\"commands\">(?!configure terminal)", html);
    }

    [Fact]
    public void The_scope_lists_files_releases_their_defaults_and_what_is_not_seen()
    {
        string html = CliRunner.Run(["lint", "samples", "-f", "html"]).Stdout;
        var scope = Regex.Match(html, "<section id=\"scope\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("<li id=\"scope-files\">6 files linted; 0 skipped", scope, StringComparison.Ordinal);
        // A fixup release has no inspect maps: allow-tls does not apply, and no upgrade is needed to fix it.
        Assert.Contains("<tr><td>pix 6.3(5)</td><td class=\"num\">1</td><td>not applicable (the fix is <code>no fixup protocol smtp</code>)</td><td>assumed</td><td><code>show fixup</code></td></tr>", scope, StringComparison.Ordinal);
        Assert.Contains("<td>asa 9.8(4)</td><td class=\"num\">1</td><td>yes</td><td>assumed</td><td><code>show running-config all policy-map</code></td>", scope, StringComparison.Ordinal);
        Assert.Contains("FMC", scope, StringComparison.Ordinal);

        // PIX 7.0 inspects ESMTP but has no allow-tls: that release needs an upgrade to keep the inspection.
        string pix70 = CliRunner.Run(["lint", "rules/SMTP010.pix70.cfg", "-f", "html"]).Stdout;
        var pix70Scope = Regex.Match(pix70, "<section id=\"scope\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Matches("<tr class=\"no-allow-tls\"><td>pix 7\\.0[^<]*</td><td class=\"num\">1</td><td><strong>no: upgrade needed</strong></td>", pix70Scope);
    }
}

/// <summary>Issue 15: a fleet's report groups identical findings and stays small (tests/perf/gen_fleet.py).</summary>
public class FleetReportTests
{
    [Fact]
    public void A_generated_fleet_gives_a_small_report_with_identical_findings_grouped()
    {
        using var dir = new TempDir();
        string fleet = Path.Combine(dir.Path, "fleet");
        var gen = ExternalTools.Run("python3", [Path.Combine(TestPaths.RepoRoot, "tests", "perf", "gen_fleet.py"), "-n", "300", "-o", fleet], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(gen.ExitCode == 0, gen.ToString());
        string html = Path.Combine(dir.Path, "fleet.html");
        CliRunner.Run(["lint", fleet, "-f", "html", "-o", html]);
        string page = File.ReadAllText(html);

        // Measured: 300 files give 0.84 MB, 5,000 give 9.9 MB (65 MB before grouping): about 2 kB a
        // device on top of the page's fixed part (styles, rule documentation, the first findings in full).
        Assert.True(new FileInfo(html).Length < 1_000_000, $"{new FileInfo(html).Length} bytes for 300 files");
        int compact = Regex.Count(page, "<article class=\"finding [a-z]+ compact\"");
        int full = Regex.Count(page, "<article class=\"finding [a-z]+\"");
        Assert.True(compact > 10 * full, $"{full} full, {compact} grouped");
        Assert.Equal(300, Regex.Count(page, "<tr data-verdict="));
        foreach (Match same in Regex.Matches(page, "<p class=\"same-as\">As <a href=\"#(finding-\\d+)\">"))
        {
            Assert.Contains($"id=\"{same.Groups[1].Value}\"", page, StringComparison.Ordinal);
        }
    }
}
