using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace PixLint.Tests;

/// <summary>
/// The HTML report rendered by headless Chromium: the page loads offline, the browser's DOM holds
/// the summary, the device sections and the findings, and a screenshot is kept in the test output
/// folder (TestResults/html-report.png beside the test assembly) for people to look at.
/// </summary>
public class HtmlReportBrowserTests
{
    [Fact]
    public void Chromium_renders_the_report()
    {
        string chromium = ExternalTools.Chromium();
        using var dir = new TempDir();
        string html = Path.Combine(dir.Path, "report.html");
        var lint = CliRunner.Run(["lint", "samples", "tests/PixLint.Cli.Tests/Fixtures/secrets", "-f", "html", "-o", html], environment: OutputFormatTests.FixedTime);
        Assert.True(File.Exists(html), lint.Stderr);
        string url = new Uri(html).AbsoluteUri;

        var dom = ExternalTools.Run(chromium, [.. Flags(dir.Path, "dom"), "--dump-dom", url], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(dom.ExitCode == 0, dom.ToString());
        string page = dom.Stdout;
        Assert.Contains("<title>PixLint audit report: 18 findings in 10 files</title>", page, StringComparison.Ordinal);
        Assert.Contains("<section id=\"summary\">", page, StringComparison.Ordinal);
        Assert.Contains("<table id=\"devices\">", page, StringComparison.Ordinal);
        Assert.Contains("<table id=\"rules-summary\">", page, StringComparison.Ordinal);
        Assert.Equal(10, Regex.Count(page, "<section class=\"device\""));
        Assert.Equal(18, Regex.Count(page, "<article class=\"finding "));
        Assert.Equal(18, Regex.Count(page, "<table class=\"excerpt\">"));
        Assert.True(Regex.Count(page, "<div class=\"fix\">") + Regex.Count(page, "<p class=\"same-as\">") >= 18);
        Assert.Contains("id=\"rule-SMTP010\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sekr1t", page, StringComparison.Ordinal);

        // Issue 15: the executive summary's numbers are the json summary's; the device count is the rows.
        var json = System.Text.Json.JsonDocument.Parse(CliRunner.Run(["lint", "samples", "tests/PixLint.Cli.Tests/Fixtures/secrets", "-f", "json"]).Stdout)
            .RootElement.GetProperty("summary").GetProperty("verdicts");
        string sentence = Regex.Match(page, "<p id=\"executive-summary\" class=\"executive\">([^<]*)</p>").Groups[1].Value;
        Assert.Equal(json.GetProperty("sentence").GetString(), System.Net.WebUtility.HtmlDecode(sentence));
        Assert.Equal(Numbers(json.GetProperty("sentence").GetString()!), Numbers(sentence));
        foreach (string key in new[] { "strips-starttls", "masks-banner", "could-not-tell", "clean" })
        {
            Assert.Contains($"<li class=\"verdict-{key}\" id=\"total-{key}\"><strong>{json.GetProperty(key).GetInt32()}</strong>", page, StringComparison.Ordinal);
        }

        int rows = Regex.Count(page, "<tr data-verdict=");
        Assert.Equal(json.GetProperty("devices").GetInt32(), rows);
        Assert.Contains($"<li id=\"total-devices\"><strong>{rows}</strong> devices", page, StringComparison.Ordinal);

        // Each finding with hosts has its mail path; every box with a line links to that line's row or item.
        var svgs = Regex.Matches(page, "<svg class=\"mail-path\"[^>]*data-lines=\"([0-9,]+)\"[^>]*>(.*?)</svg>", RegexOptions.Singleline);
        Assert.Equal(Regex.Count(page, "<table class=\"affected\">"), svgs.Count);
        Assert.NotEmpty(svgs);
        foreach (Match svg in svgs)
        {
            foreach (string line in svg.Groups[1].Value.Split(','))
            {
                var link = Regex.Match(svg.Groups[2].Value, $"<a href=\"#(f\\d+-L{line})\">");
                Assert.True(link.Success, $"no box links line {line}: {svg.Value}");
                Assert.Contains($"line {line}<", svg.Groups[2].Value, StringComparison.Ordinal);
                Assert.Contains($"id=\"{link.Groups[1].Value}\"", page, StringComparison.Ordinal);
            }
        }

        string screenshot = Path.Combine(dir.Path, "report.png");
        var shot = ExternalTools.Run(chromium, [.. Flags(dir.Path, "shot"), "--window-size=1280,2000", "--hide-scrollbars", $"--screenshot={screenshot}", url], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(File.Exists(screenshot), shot.ToString());
        byte[] png = File.ReadAllBytes(screenshot);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(2000, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

        // A blank page compresses to a few kilobytes; a rendered report with text and tables does not.
        Assert.True(png.Length > 50_000, $"the screenshot is only {png.Length} bytes: did the page render?");

        string kept = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(kept);
        File.Copy(screenshot, Path.Combine(kept, "html-report.png"), overwrite: true);
        File.Copy(html, Path.Combine(kept, "html-report.html"), overwrite: true);

        // A finding with its mail path, on its own (the report of one device, scrolled to nothing else).
        string one = Path.Combine(dir.Path, "finding.html");
        CliRunner.Run(["lint", "samples/pix63-mailguard.cfg", "-f", "html", "-o", one], environment: OutputFormatTests.FixedTime);
        string findingShot = Path.Combine(dir.Path, "finding.png");
        ExternalTools.Run(chromium, [.. Flags(dir.Path, "finding"), "--window-size=1100,2400", "--hide-scrollbars", $"--screenshot={findingShot}", new Uri(one).AbsoluteUri], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(new FileInfo(findingShot).Length > 50_000);
        File.Copy(findingShot, Path.Combine(kept, "html-report-finding.png"), overwrite: true);
    }

    /// <summary>The PDF of the samples' report: pages, none blank, looked at as PNGs (TestResults/html-report-page-N.png).</summary>
    [Fact]
    public void Chromium_prints_the_report_to_a_paged_pdf()
    {
        string chromium = ExternalTools.Chromium();
        using var dir = new TempDir();
        string html = Path.Combine(dir.Path, "report.html");
        CliRunner.Run(["lint", "samples", "-f", "html", "-o", html], environment: OutputFormatTests.FixedTime);
        string pdf = Path.Combine(dir.Path, "report.pdf");
        var print = ExternalTools.Run(chromium, [.. Flags(dir.Path, "pdf"), "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(html).AbsoluteUri], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(File.Exists(pdf), print.ToString());

        var info = ExternalTools.Run("pdfinfo", [pdf], dir.Path, TimeSpan.FromMinutes(1));
        int pages = int.Parse(Regex.Match(info.Stdout, @"Pages:\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // The summary, fix plan and scope, then a page per device with findings (5 of the 6 samples) and the rules.
        Assert.InRange(pages, 6, 30);
        var toPng = ExternalTools.Run("pdftoppm", ["-r", "40", "-png", pdf, Path.Combine(dir.Path, "page")], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(toPng.ExitCode == 0, toPng.ToString());
        var images = Directory.GetFiles(dir.Path, "page-*.png").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(pages, images.Count);
        string kept = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(kept);
        foreach (string image in images)
        {
            // A blank page at 40 dpi compresses to about a kilobyte.
            Assert.True(new FileInfo(image).Length > 4_000, $"{Path.GetFileName(image)} looks blank ({new FileInfo(image).Length} bytes)");
            File.Copy(image, Path.Combine(kept, "html-report-" + Path.GetFileName(image)), overwrite: true);
        }

        File.Copy(pdf, Path.Combine(kept, "html-report.pdf"), overwrite: true);
    }

    private static string[] Numbers(string text) => [.. Regex.Matches(text, @"\d+").Select(m => m.Value)];

    /// <summary>Headless, offline, nothing kept between runs: a fresh profile per invocation.</summary>
    private static string[] Flags(string root, string name) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
        $"--user-data-dir={Path.Combine(root, "profile-" + name)}",
    ];
}
