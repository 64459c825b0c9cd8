using PixLint.Diagnosis;

namespace PixLint.Tests;

/// <summary>
/// The transcripts written for PixLint (Fixtures/README.md): each capture format, and the cases
/// that must not raise a false alarm (decorative banners, redacted host names, Exchange's X
/// keywords, STARTTLS first or last).
/// </summary>
public class FixtureTests
{
    private sealed record Expectation(Verdict Verdict, CaptureFormat Format, string[] Rules, string[] Evidence);

    private static readonly Dictionary<string, Expectation> Expected = new(StringComparer.Ordinal)
    {
        ["decorative-banner-starttls.txt"] = new(Verdict.StartTlsOffered, CaptureFormat.Raw, [], ["greeting@5", "starttls-advertised@13"]),
        ["redacted-hostnames.txt"] = new(Verdict.StartTlsOffered, CaptureFormat.ServerClientPrefixes, [], ["greeting@2", "starttls-advertised@7", "starttls-accepted@9"]),
        ["exchange-x-keywords-starttls.txt"] = new(Verdict.StartTlsOffered, CaptureFormat.GotSent, [], ["greeting@2", "starttls-advertised@9"]),
        ["exchange-no-starttls-windows-prompt.txt"] = new(Verdict.StartTlsMissing, CaptureFormat.Raw, [], ["greeting@3", "starttls-not-advertised@10"]),
        ["starttls-first-lowercase.txt"] = new(Verdict.StartTlsOffered, CaptureFormat.Raw, [], ["greeting@2", "starttls-advertised@4", "starttls-accepted@8"]),
        ["swaks-asa-inspection.txt"] = new(Verdict.CiscoFixup, CaptureFormat.Swaks, ["SMTP010", "SMTP012"], ["masked-banner@4", "masked-ehlo-keyword@9", "starttls-not-advertised@12"]),
        ["swaks-starttls-auth.txt"] = new(Verdict.StartTlsOffered, CaptureFormat.Swaks, [], ["greeting@4", "starttls-advertised@8", "starttls-accepted@11", "tls-established@12"]),
        ["swaks-starttls-dropped.txt"] = new(Verdict.CiscoFixup, CaptureFormat.Swaks, ["SMTP011"], ["greeting@4", "starttls-advertised@7", "starttls-dropped@10"]),
        ["openssl-starttls-not-found.txt"] = new(Verdict.StartTlsMissing, CaptureFormat.OpenSsl, [], ["starttls-not-advertised@3", "tls-failed@4"]),
        ["openssl-starttls-ok.txt"] = new(Verdict.StartTlsOffered, CaptureFormat.OpenSsl, [], ["tls-established@27"]),
        ["openssl-handshake-failed.txt"] = new(Verdict.TlsFailed, CaptureFormat.OpenSsl, [], ["tls-failed@3"]),
        ["bounce-masked-command.txt"] = new(Verdict.CiscoFixup, CaptureFormat.Bounce, ["SMTP010"], ["masked-command@7", "masked-command@10"]),
        ["bounce-unknown-user.txt"] = new(Verdict.Inconclusive, CaptureFormat.Bounce, [], []),
        ["banner-cmap.txt"] = new(Verdict.CiscoFixup, CaptureFormat.Raw, ["SMTP001", "SMTP010", "SMTP012"], ["cmap-banner@2"]),
        ["banner-readable.txt"] = new(Verdict.Inconclusive, CaptureFormat.Raw, [], ["greeting@2"]),
        ["pix-ehlo-refused.txt"] = new(Verdict.CiscoFixup, CaptureFormat.Raw, ["SMTP001"], ["masked-banner@2", "ehlo-refused@4", "helo-accepted@6", "starttls-answered-like-noop@8"]),
        ["phpmailer-auth.txt"] = new(Verdict.StartTlsOffered, CaptureFormat.PhpMailer, [], ["greeting@2", "starttls-advertised@6", "starttls-accepted@9"]),
        ["starttls-454.txt"] = new(Verdict.TlsFailed, CaptureFormat.Raw, [], ["greeting@2", "starttls-advertised@5", "starttls-rejected@8"]),
        ["asa-verb-masked.txt"] = new(Verdict.CiscoFixup, CaptureFormat.Raw, ["SMTP011"], ["greeting@2", "starttls-advertised@6", "starttls-unknown-after-advertised@9"]),
        ["greeting-554.txt"] = new(Verdict.Inconclusive, CaptureFormat.Raw, [], ["greeting-refused@2"]),
        ["ehlo-cut-off.txt"] = new(Verdict.Inconclusive, CaptureFormat.Raw, [], ["greeting@2", "ehlo-reply-cut-off@6"]),
        ["asa-mask-banner-allow-tls.txt"] = new(Verdict.StartTlsOffered, CaptureFormat.Raw, [], ["masked-banner@2", "starttls-advertised@6", "starttls-accepted@9"]),
        ["ehlo-noop.txt"] = new(Verdict.CiscoFixup, CaptureFormat.Raw, ["SMTP001"], ["greeting@2", "ehlo-answered-like-noop@4"]),
    };

    public static TheoryData<string, string> Cases() => Analyze.EveryVariantOf(Expected.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_gets_its_verdict_format_and_evidence(string file, string variant)
    {
        var expected = Expected[file];
        var transcript = Analyze.Read(Path.Combine(Analyze.Fixtures, file), variant);
        var diagnosis = SessionAnalyzer.Analyze(transcript);

        Assert.Equal(expected.Format, transcript.Format);
        Assert.Equal(expected.Verdict, diagnosis.Verdict);
        Assert.Equal(expected.Rules, diagnosis.Cause?.RuleIds ?? []);
        Assert.Equal(expected.Evidence, Analyze.Evidence(diagnosis));
    }

    [Fact]
    public void Every_fixture_has_an_expectation_and_says_it_was_written_for_PixLint()
    {
        var files = Directory.EnumerateFiles(Analyze.Fixtures, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Expected.Keys.Append("not-smtp.txt").Order(StringComparer.Ordinal));
        foreach (string? file in files)
        {
            Assert.StartsWith("# Written for PixLint tests (not a real capture)", File.ReadLines(Path.Combine(Analyze.Fixtures, file!)).First(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("swaks-starttls-auth.txt", "dXNlcg==", "c2VjcmV0", "AHVzZXIAc2VjcmV0")]
    [InlineData("phpmailer-auth.txt", "AHVzZXIAc2VjcmV0")]
    [InlineData("openssl-starttls-ok.txt", "0F1E2D3C4B5A69788796A5B4C3D2E1F0")]
    public void Credentials_and_session_secrets_never_leave_the_reader(string file, params string[] secrets)
    {
        var transcript = Analyze.Read(Path.Combine(Analyze.Fixtures, file));
        foreach (var line in transcript.Lines)
        {
            foreach (string secret in secrets)
            {
                Assert.DoesNotContain(secret, line.Text, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, line.Content, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, line.Argument, StringComparison.Ordinal);
            }
        }

        Assert.Contains(transcript.Lines, l => l.Text.Contains(TranscriptReader.AuthMarker, StringComparison.Ordinal));
    }

    /// <summary>The rules a cause names exist in the default pack (docs/rules has a page for each).</summary>
    [Fact]
    public void Cause_rules_have_documentation()
    {
        foreach (string id in Expected.Values.SelectMany(e => e.Rules).Distinct())
        {
            Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, "docs", "rules", id + ".md")), id);
        }
    }
}
