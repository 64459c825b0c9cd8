using System.IO.Compression;
using System.Text;
using System.Text.Json;
using PixLint.Diagnosis;

namespace PixLint.Tests;

/// <summary>`pixlint diagnose` over TLS reports and MTA logs: per-peer verdicts, formats, correlation with firewall configurations.</summary>
public class MailEvidenceTests
{
    private static string Real(string name) => Path.Combine("tests", "corpus", "mail", name);

    private static string Fixture(string name) => Path.Combine("tests", "PixLint.Diagnosis.Tests", "Fixtures", "mail", name);

    private static string GoldenPath(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Diagnosis.Tests", "Golden", name);

    /// <summary>The peers of a JSON report as `display verdict`, in report order.</summary>
    private static List<string> Peers(CliRunner.Result result)
    {
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        return
        [
            .. doc.RootElement.GetProperty("peers").EnumerateArray().Select(p =>
            {
                string? host = p.GetProperty("host").GetString();
                string? address = p.GetProperty("address").GetString();
                string shown = host is not null && address is not null && host != address ? $"{host} ({address})" : host ?? address!;
                return $"{shown} {p.GetProperty("verdict").GetString()}";
            }),
        ];
    }

    public static TheoryData<string, int, string[]> RealInputs => new()
    {
        {
            "rfc8460-example.json", 1,
            [
                "mx2.mail.company-y.example (203.0.113.56) starttls-missing",
                "mx1.mail.company-y.example tls-failed",
                "mx-backup.mail.company-y.example (203.0.113.58) tls-failed",
            ]
        },
        { "google-report-digitalocean.json.gz", 0, ["your-domain starttls-offered"] },
        { "postfix-ynotes.log", 0, ["gmail-smtp-in.l.google.com (74.125.197.26) starttls-offered"] },
        {
            "sendmail-freebsd-forums.log", 0,
            ["alt1.gmail-smtp-in.l.google.com starttls-offered", "alt2.gmail-smtp-in.l.google.com starttls-offered", "gmail-smtp-in.l.google.com starttls-offered"]
        },
        {
            "exim-mainlog.log", 1,
            ["vger.kernel.org (209.132.180.67) starttls-missing", "outbound-smtp.skiff.com (35.166.143.94) starttls-missing", "172.17.203.2 starttls-offered"]
        },
    };

    [Theory]
    [MemberData(nameof(RealInputs))]
    public void Real_reports_and_logs_give_the_expected_verdicts(string file, int exitCode, string[] peers)
    {
        var result = CliRunner.Run(["diagnose", Real(file), "-f", "json"]);
        Assert.Equal("", result.Stderr);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(peers, Peers(result));
    }

    [Fact]
    public void Partner_behind_a_fixup_in_postfix_and_exim_logs_is_a_cisco_fixup_worst_first()
    {
        var result = CliRunner.Run(["diagnose", Fixture("postfix-partner-behind-fixup.log"), Fixture("exim-partner-behind-fixup.log"), "-f", "json"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                "mail.partner.example (198.51.100.40) cisco-fixup",
                "mx.plain.example (192.0.2.90) starttls-missing",
                "mx.badcert.example (192.0.2.70) tls-failed",
                "mail.sender.example (192.0.2.10) starttls-offered",
                "mx.other.example (192.0.2.80) starttls-offered",
            ],
            Peers(result));
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var partner = doc.RootElement.GetProperty("peers")[0];
        Assert.Equal("high", partner.GetProperty("confidence").GetString());
        Assert.Equal(2, partner.GetProperty("counts").GetProperty("masked-command").GetInt32());
        Assert.Equal(1, partner.GetProperty("counts").GetProperty("tls-required-not-offered").GetInt32());
        Assert.Equal("Nov 30 09:12:01", partner.GetProperty("firstSeen").GetString());
        Assert.Equal("2026-11-30 11:00:02", partner.GetProperty("lastSeen").GetString());
        Assert.Equal(["partner.example"], partner.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(2, doc.RootElement.GetProperty("formats").GetProperty("exim").GetInt32());
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Corpus_folder_output_matches_the_golden_file(string format)
    {
        var result = CliRunner.Run(["diagnose", Path.Combine("tests", "corpus", "mail"), "-f", format]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("tests/corpus/mail/SOURCES.tsv: note: skipped, neither a TLS report nor MTA log lines\n", result.Stderr.Replace("\r\n", "\n", StringComparison.Ordinal));
        Golden.Check(GoldenPath($"mail-corpus.{format}"), result.Stdout);
    }

    [Fact]
    public void Config_ties_the_reported_mx_to_the_firewall_line()
    {
        var result = CliRunner.Run(
        [
            "diagnose", Fixture("microsoft-shaped-starttls-not-supported.json"), Fixture("google-shaped-starttls-not-supported.json"),
            "--config", Path.Combine("samples", "asa98-default-policy.cfg"),
        ]);
        Assert.Equal("", result.Stderr);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("mx1.example.com (203.0.113.25): cisco-fixup (high confidence)\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            "mx1.example.com (203.0.113.25): 53 sessions found no STARTTLS (starttls-not-supported); samples/asa98-default-policy.cfg:105 `inspect esmtp` strips STARTTLS for 203.0.113.25 (SMTP010)",
            result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  firewall: samples/asa98-default-policy.cfg:105:3: SMTP010 `inspect esmtp`: mail to 203.0.113.25:25 (object mx-inside, 192.0.2.25, inside)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  reported by: Google Inc., Microsoft Corporation", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("pixlint fix samples/asa98-default-policy.cfg", result.Stdout, StringComparison.Ordinal);

        // Without the configuration the same reports say what they can: no STARTTLS, the pattern a fixup leaves.
        var alone = CliRunner.Run(["diagnose", Fixture("microsoft-shaped-starttls-not-supported.json"), Fixture("google-shaped-starttls-not-supported.json")]);
        Assert.StartsWith("mx1.example.com (203.0.113.25): starttls-missing (medium confidence)\n", alone.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("firewall:", alone.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_that_does_not_expose_the_address_changes_nothing()
    {
        var result = CliRunner.Run(["diagnose", Real("rfc8460-example.json"), "--config", Path.Combine("samples", "asa98-default-policy.cfg"), "-f", "json"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("mx2.mail.company-y.example (203.0.113.56) starttls-missing", Peers(result)[0]);
        Assert.DoesNotContain("\"rule\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_are_told_from_content_not_names_and_gzip_is_unpacked()
    {
        using var dir = new TempDir();
        byte[] log = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, Fixture("postfix-partner-behind-fixup.log")));
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(log);
        }

        string rotated = dir.Write("mail.log.2.gz", packed.ToArray());
        string report = dir.Write("report.txt", File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, Fixture("microsoft-shaped-starttls-not-supported.json"))));
        var result = CliRunner.Run(["diagnose", rotated, report, "-f", "json"]);
        Assert.Equal("", result.Stderr);
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        Assert.Equal(1, doc.RootElement.GetProperty("formats").GetProperty("tlsrpt").GetInt32());
        Assert.Equal(11, doc.RootElement.GetProperty("formats").GetProperty("postfix").GetInt32());
        Assert.Contains("mail.partner.example (198.51.100.40) cisco-fixup", Peers(result));
        Assert.Contains("mx1.example.com (203.0.113.25) starttls-missing", Peers(result));

        // Standard input too.
        var piped = CliRunner.Run(["diagnose", "-f", "json"], stdin: packed.ToArray());
        Assert.Equal(1, piped.ExitCode);
        Assert.Equal("mail.partner.example (198.51.100.40) cisco-fixup", Peers(piped)[0]);
    }

    [Fact]
    public void A_single_transcript_still_gets_the_session_diagnosis_and_markdown_works_for_it()
    {
        var text = CliRunner.Run(["diagnose", Path.Combine("tests", "corpus", "transcripts", "cisco-118550-esa-behind-asa-xxxxxxxa.txt")]);
        Assert.Equal(1, text.ExitCode);
        Golden.Check(GoldenPath("cisco-118550-esa-behind-asa-xxxxxxxa.text"), text.Stdout);

        var markdown = CliRunner.Run(["diagnose", Path.Combine("tests", "corpus", "transcripts", "cisco-118550-esa-behind-asa-xxxxxxxa.txt"), "-f", "markdown"]);
        Assert.Equal(1, markdown.ExitCode);
        Assert.StartsWith("## STARTTLS by peer\n", markdown.Stdout, StringComparison.Ordinal);
        Assert.Contains("`cisco-fixup`", markdown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_inputs_say_where_and_what_was_expected()
    {
        using var dir = new TempDir();
        string broken = dir.Write("broken.json", "{\n  \"organization-name\": \"Google Inc.\",\n  \"policies\": [ }\n");
        var result = CliRunner.Run(["diagnose", broken]);
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"broken\.json:3:\d+: error: not valid JSON \(.*\), expected an SMTP TLS report \(RFC 8460\)", result.Stderr);

        string noPolicies = dir.Write("other.json", "{\"hello\": 1}");
        result = CliRunner.Run(["diagnose", noPolicies]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("other.json:1:1: error: JSON without a `policies` array, expected an SMTP TLS report (RFC 8460 §4.4)", result.Stderr, StringComparison.Ordinal);

        // A transcript named beside logs is not silently dropped.
        result = CliRunner.Run(["diagnose", Fixture("postfix-partner-behind-fixup.log"), Path.Combine("tests", "corpus", "transcripts", "cisco-118550-esa-behind-asa-xxxxxxxa.txt")]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cisco-118550-esa-behind-asa-xxxxxxxa.txt: error: neither a TLS report (RFC 8460 JSON) nor Postfix, Exim or Sendmail log lines", result.Stderr, StringComparison.Ordinal);

        result = CliRunner.Run(["diagnose", Fixture("postfix-partner-behind-fixup.log"), "--config", "no-such.cfg"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such.cfg", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Postfix_without_tls_logging_is_inconclusive_and_says_which_setting_tells()
    {
        byte[] log = Encoding.ASCII.GetBytes(
            "Nov 30 10:07:40 relay postfix/smtp[4533]: 9D0E3F4A5B: to=<hr@plain.example>, relay=mx.plain.example[192.0.2.90]:25, delay=0.4, delays=0.1/0/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 7C8D9)\n" +
            "Nov 30 10:07:41 relay postfix/smtp[4534]: 9D0E3F4A5C: to=<root@localhost>, relay=local, delay=0.1, status=sent (delivered to mailbox)\n");
        var result = CliRunner.Run(["diagnose", "-f", "json"], stdin: log);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["mx.plain.example (192.0.2.90) inconclusive"], Peers(result));
        Assert.Contains("smtp_tls_loglevel = 1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_on_a_terminal_says_what_diagnose_waits_for()
    {
        var result = CliRunner.RunInProcess(["diagnose"], TestPaths.RepoRoot, env => env with { StdinIsTerminal = true });
        Assert.StartsWith("pixlint diagnose: reading standard input (an SMTP session, a TLS report or an MTA log; end with Ctrl-D)", result.Stderr, StringComparison.Ordinal);

        var piped = CliRunner.RunInProcess(["diagnose"], TestPaths.RepoRoot, env => env);
        Assert.DoesNotContain("reading standard input", piped.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_stays_flat_over_a_long_log()
    {
        // 400,000 generated lines (about 90 MB of text) over 50 peers: the tally keeps 50 peers, not the lines.
        var tally = new PeerTally();
        var reader = new MtaLogReader(tally);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        reader.Read("generated.log", new GeneratedLog(400_000, 50));
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal(50, tally.PeerCount);
        var verdicts = tally.Verdicts();
        Assert.Equal(400_000, verdicts.Sum(v => v.Counts.Values.Sum()));
        Assert.True(after - before < 16 << 20, $"memory grew by {(after - before) >> 20} MiB over the log");
    }

    [Fact]
    public void A_line_without_end_is_skipped_not_held()
    {
        var tally = new PeerTally();
        string good = "Nov 30 10:05:07 relay postfix/smtp[1]: Untrusted TLS connection established to mx.other.example[192.0.2.80]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)";
        string huge = new('A', 3 * MtaLogReader.MaxLineLength);
        new MtaLogReader(tally).Read("x.log", new StringReader(good + "\r\n" + huge + "\n" + good.Replace("[1]", "[2]", StringComparison.Ordinal)));
        var peer = Assert.Single(tally.Verdicts());
        Assert.Equal(2, peer.Counts["tls-established"]);
        Assert.Equal(["x.log:1"], peer.Samples.Select(s => s.Source));
    }

    /// <summary>Postfix TLS lines generated on the fly, never held whole.</summary>
    private sealed class GeneratedLog(int lines, int peers) : TextReader
    {
        private int _line;
        private string _pending = string.Empty;
        private int _offset;

        public override int Read(char[] buffer, int index, int count)
        {
            if (_offset == _pending.Length)
            {
                if (ReadLine() is not { } next)
                {
                    return 0;
                }

                _pending = next + "\n";
                _offset = 0;
            }

            int n = Math.Min(count, _pending.Length - _offset);
            _pending.CopyTo(_offset, buffer, index, n);
            _offset += n;
            return n;
        }

        public override string? ReadLine()
        {
            if (_line >= lines)
            {
                return null;
            }

            int peer = _line++ % peers;
            return $"Nov 30 10:05:07 relay postfix/smtp[{4000 + peer}]: Untrusted TLS connection established to mx{peer}.example.net[192.0.2.{peer}]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) padding {new string('x', 80)}";
        }
    }

    [Fact]
    public void Tls_report_result_types_other_than_starttls_not_supported_are_not_a_fixup()
    {
        foreach (string type in new[] { "certificate-expired", "certificate-host-mismatch", "certificate-not-trusted", "validation-failure", "tlsa-invalid", "dnssec-invalid", "dane-required", "sts-policy-fetch-error", "sts-policy-invalid", "sts-webpki-invalid" })
        {
            Assert.Equal(SignalKind.TlsFailed, TlsReportReader.KindOf(type));
        }

        Assert.Equal(SignalKind.TlsMissing, TlsReportReader.KindOf("starttls-not-supported"));
        var tally = new PeerTally();
        string json = "{\"organization-name\":\"X\",\"policies\":[{\"policy\":{\"policy-type\":\"tlsa\",\"policy-domain\":\"example.org\"},\"summary\":{\"total-successful-session-count\":0,\"total-failure-session-count\":4},\"failure-details\":[{\"result-type\":\"tlsa-invalid\",\"receiving-mx-hostname\":\"mx.example.org.\",\"receiving-ip\":\"192.0.2.5\",\"failed-session-count\":4}]}]}";
        Assert.Null(TlsReportReader.Read("r.json", new MemoryStream(Encoding.UTF8.GetBytes(json)), tally));
        var verdict = Assert.Single(tally.Verdicts());
        Assert.Equal(Verdict.TlsFailed, verdict.Verdict);
        Assert.Equal("mx.example.org", verdict.Host);
        Assert.Contains(verdict.Notes, n => n.StartsWith("Not a firewall fixup", StringComparison.Ordinal));
    }
}
