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
        Assert.True(Regex.Count(page, "<div class=\"fix\">") >= 18);
        Assert.Contains("id=\"rule-SMTP010\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sekr1t", page, StringComparison.Ordinal);

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
    }

    /// <summary>Headless, offline, nothing kept between runs: a fresh profile per invocation.</summary>
    private static string[] Flags(string root, string name) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
        $"--user-data-dir={Path.Combine(root, "profile-" + name)}",
    ];
}
