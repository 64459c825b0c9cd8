using System.Text;
using System.Text.Json;

namespace PixLint.Tests;

public class DiagnoseCommandTests
{
    private static string Fixture(string name) => Path.Combine("tests", "PixLint.Diagnosis.Tests", "Fixtures", name);

    private static string Corpus(string name) => Path.Combine("tests", "corpus", "transcripts", name);

    [Theory]
    [InlineData("swaks-starttls-auth.txt", 0)]
    [InlineData("swaks-asa-inspection.txt", 1)]
    [InlineData("exchange-no-starttls-windows-prompt.txt", 1)]
    [InlineData("openssl-handshake-failed.txt", 1)]
    [InlineData("banner-readable.txt", 3)]
    public void Exit_code_follows_the_verdict(string fixture, int exitCode)
    {
        var result = CliRunner.Run(["diagnose", Fixture(fixture)]);
        Assert.Equal("", result.Stderr);
        Assert.Equal(exitCode, result.ExitCode);
    }

    [Fact]
    public void Reads_standard_input_by_default_and_with_a_dash()
    {
        byte[] session = "220 ****2*0*0********\r\nEHLO me\r\n250-mx\r\n250 XXXXXXXA\r\n"u8.ToArray();
        foreach (string[] args in new[] { new[] { "diagnose" }, ["diagnose", "-"] })
        {
            var result = CliRunner.Run(args, stdin: session);
            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("-: cisco-fixup (high confidence)", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("  -:4: 250 XXXXXXXA", result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cisco-118550-esa-behind-asa-xxxxxxxa.txt", "text")]
    [InlineData("dokuwiki-smtp-issue24-exchange-no-starttls.txt", "text")]
    [InlineData("zetacomponents-pr52-normal-starttls-587.txt", "json")]
    [InlineData("appriver-pix-mailguard-banner-and-ehlo.txt", "json")]
    public void Output_matches_the_golden_file(string transcript, string format)
    {
        var result = CliRunner.Run(["diagnose", Corpus(transcript), "--format", format]);
        Golden.Check(Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Diagnosis.Tests", "Golden", $"{Path.GetFileNameWithoutExtension(transcript)}.{format}"), result.Stdout);
    }

    [Fact]
    public void Json_has_the_documented_shape()
    {
        var result = CliRunner.Run(["diagnose", Fixture("swaks-asa-inspection.txt"), "-f", "json"]);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("diagnose", root.GetProperty("command").GetString());
        Assert.Equal("swaks", root.GetProperty("format").GetString());
        Assert.Equal("cisco-fixup", root.GetProperty("verdict").GetString());
        Assert.Equal("high", root.GetProperty("confidence").GetString());
        var evidence = root.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal([4, 9, 12], evidence.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal("<-  250-XXXXXXXA", evidence[1].GetProperty("text").GetString());
        Assert.Equal("masked-ehlo-keyword", evidence[1].GetProperty("kind").GetString());
        var rules = root.GetProperty("cause").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(["SMTP010", "SMTP012"], rules);
        Assert.EndsWith("/docs/rules/SMTP010.md", root.GetProperty("cause").GetProperty("rules")[0].GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, root.GetProperty("nextSteps").GetArrayLength());
        Assert.Equal(15, root.GetProperty("transcript").GetArrayLength());
        Assert.Equal("server", root.GetProperty("transcript")[3].GetProperty("role").GetString());
        Assert.False(root.TryGetProperty("probe", out _));
    }

    [Fact]
    public void Credentials_never_reach_the_output()
    {
        foreach (string format in new[] { "text", "json" })
        {
            var result = CliRunner.Run(["diagnose", Fixture("swaks-starttls-auth.txt"), "--format", format]);
            Assert.Equal(0, result.ExitCode);
            Assert.DoesNotContain("dXNlcg==", result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("c2VjcmV0", result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("AHVzZXIAc2VjcmV0", result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Output_file_is_written_whole()
    {
        using var dir = new TempDir();
        string report = Path.Combine(dir.Path, "report.json");
        var result = CliRunner.Run(["diagnose", Fixture("asa-verb-masked.txt"), "-f", "json", "-o", report]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(report));
        Assert.Equal("cisco-fixup", doc.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public void Colour_only_on_a_terminal_without_NO_COLOR()
    {
        string file = Fixture("swaks-asa-inspection.txt");
        Assert.Contains("\u001b[", CliRunner.Run(["diagnose", file], terminal: true).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", CliRunner.Run(["diagnose", file], terminal: true, environment: new() { ["NO_COLOR"] = "1" }).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", CliRunner.Run(["diagnose", file]).Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-file.txt", "no-such-file.txt: error: no such file or directory")]
    public void Missing_input_exits_2(string path, string message)
    {
        var result = CliRunner.Run(["diagnose", path]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message + "\n", result.Stderr.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_folder_without_reports_or_logs_exits_2()
    {
        // Folders are read for TLS reports and MTA logs; transcripts in them are skipped with a note, and nothing left is an error.
        var result = CliRunner.Run(["diagnose", Path.Combine("tests", "corpus", "transcripts")]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("tests/corpus/transcripts/appriver-pix-mailguard-banner-and-ehlo.txt: note: skipped, neither a TLS report nor MTA log lines", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("pixlint: error: no TLS report or MTA log among the inputs; an SMTP transcript is diagnosed on its own: pixlint diagnose FILE\n", result.Stderr.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Input_without_an_smtp_session_exits_2()
    {
        var result = CliRunner.Run(["diagnose", Fixture("not-smtp.txt")]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not-smtp.txt: error: no SMTP session found, expected server replies such as '220 mail.example.com ESMTP'", result.Stderr, StringComparison.Ordinal);

        var empty = CliRunner.Run(["diagnose", "-"], stdin: []);
        Assert.Equal(2, empty.ExitCode);
        Assert.StartsWith("-: error: no SMTP session found", empty.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_input_exits_2()
    {
        var result = CliRunner.Run(["diagnose", "-"], stdin: [0x16, 0x03, 0x01, 0x00, 0x00, 0x32, 0x35, 0x30]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("-: error: binary data (NUL bytes), expected an SMTP transcript in text", result.Stderr.Trim());
    }

    [Fact]
    public void Bad_format_is_a_usage_error()
    {
        var result = CliRunner.Run(["diagnose", Fixture("banner-readable.txt"), "--format", "xml"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("pixlint: error: --format expects one of text, json, markdown, got 'xml'\n", result.Stderr);
    }

    /// <summary>A transcript in UTF-16 with a BOM (Windows Notepad) reads like its UTF-8 twin.</summary>
    [Fact]
    public void Utf16_input_is_read()
    {
        string text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, Fixture("swaks-asa-inspection.txt")));
        byte[] utf16 = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
        var result = CliRunner.Run(["diagnose", "-"], stdin: utf16);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("-: cisco-fixup", result.Stdout, StringComparison.Ordinal);
    }
}
