using System.Text.Json;
using PixLint.Diagnosis;

namespace PixLint.Tests;

/// <summary>`pixlint probe` against a real Postfix, directly and through the firewall relay.</summary>
[Collection(PostfixGroup.Name)]
public class ProbeAgainstPostfixTests(PostfixInstance postfix)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static readonly string[] SafeVerbs = ["EHLO", "HELO", "STARTTLS", "QUIT"];

    private static async Task<(ProbeResult Result, SessionDiagnosis Diagnosis)> ProbeAsync(string target, TlsMode tls = TlsMode.StartTls)
    {
        var result = await SmtpProbe.RunAsync(new ProbeOptions(ProbeTarget.Parse(target, out _)!) { Timeout = Timeout, Tls = tls });
        return (result, result.Diagnose());
    }

    [Fact]
    public async Task Postfix_with_starttls_is_starttls_offered_with_the_tls_details()
    {
        var (result, diagnosis) = await ProbeAsync($"127.0.0.1:{postfix.Port}");

        Assert.Null(result.Failure);
        Assert.Equal(Verdict.StartTlsOffered, diagnosis.Verdict);
        Assert.Equal(["greeting", "starttls-advertised", "starttls-accepted", "tls-established"], diagnosis.Evidence.Select(e => e.Kind));
        Assert.Equal("127.0.0.1", result.RemoteAddress);
        var tls = result.Tls!;
        Assert.Contains(tls.Protocol, new[] { "TLSv1.2", "TLSv1.3" });
        Assert.StartsWith("TLS_", tls.CipherSuite, StringComparison.Ordinal);
        Assert.Equal($"CN={PostfixInstance.HostName}", tls.Subject);
        Assert.Equal($"CN={PostfixInstance.HostName}", tls.Issuer);
        Assert.Equal(postfix.CertificateNotAfter, tls.NotAfter);
        Assert.Equal([PostfixInstance.HostName], tls.DnsNames);

        // Self-signed, and probed by address: reported, not fatal.
        Assert.False(tls.Validation.Valid);
        Assert.Contains(tls.Validation.Problems, p => p.Contains("UntrustedRoot", StringComparison.Ordinal));
        Assert.Contains("the certificate is not for 127.0.0.1", tls.Validation.Problems);

        // EHLO again inside TLS, then QUIT answered.
        Assert.Contains(" ~> EHLO [127.0.0.1]", result.TranscriptLines);
        Assert.Contains(result.TranscriptLines, l => l.StartsWith("<~  221", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_prints_the_transcript_then_the_verdict_and_diagnose_reads_it_back()
    {
        var probe = CliRunner.Run(["probe", $"127.0.0.1:{postfix.Port}", "--timeout", "20"]);
        Assert.Equal("", probe.Stderr);
        Assert.Equal(0, probe.ExitCode);
        string[] lines = probe.Stdout.Split('\n');
        Assert.Equal($"=== Trying 127.0.0.1:{postfix.Port}...", lines[0]);
        Assert.StartsWith("<-  220 mx.pixlint.test ESMTP PixLint test MTA 2.0", lines[2], StringComparison.Ordinal);
        Assert.Contains("\nTLS: TLSv1.", probe.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\n127.0.0.1:{postfix.Port}: starttls-offered (high confidence)\n", probe.Stdout, StringComparison.Ordinal);

        // Evidence `line N` is the Nth printed line.
        var evidence = System.Text.RegularExpressions.Regex.Match(probe.Stdout, @"  line (\d+): (.*)\n");
        Assert.Equal(lines[int.Parse(evidence.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1].Trim(), evidence.Groups[2].Value);

        using var dir = new TempDir();
        string saved = dir.Write("probe.txt", probe.Stdout);
        var diagnose = CliRunner.Run(["diagnose", saved]);
        Assert.Equal(0, diagnose.ExitCode);
        Assert.Contains(": starttls-offered (high confidence)", diagnose.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_json_has_the_probe_and_tls_details()
    {
        var result = CliRunner.Run(["probe", $"127.0.0.1:{postfix.Port}", "--timeout", "20", "--format", "json"]);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var root = doc.RootElement;
        Assert.Equal("probe", root.GetProperty("command").GetString());
        Assert.Equal("starttls-offered", root.GetProperty("verdict").GetString());
        var probe = root.GetProperty("probe");
        Assert.Equal(postfix.Port, probe.GetProperty("port").GetInt32());
        Assert.Equal(JsonValueKind.Null, probe.GetProperty("error").ValueKind);
        var tls = probe.GetProperty("tls");
        Assert.Equal($"CN={PostfixInstance.HostName}", tls.GetProperty("subject").GetString());
        Assert.False(tls.GetProperty("validation").GetProperty("valid").GetBoolean());
        Assert.Equal(postfix.CertificateNotAfter.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), tls.GetProperty("notAfter").GetString());
        Assert.Contains(root.GetProperty("transcript").EnumerateArray(), l => l.GetProperty("tls").GetBoolean() && l.GetProperty("role").GetString() == "client");
    }

    [Fact]
    public async Task Through_a_pix6_fixup_the_probe_reports_cisco_fixup()
    {
        await using var relay = new FirewallRelay(postfix.Port, FirewallBehaviour.PixFixup);
        var (result, diagnosis) = await ProbeAsync(relay.Target);

        Assert.Null(result.Failure);
        Assert.Equal(Verdict.CiscoFixup, diagnosis.Verdict);
        Assert.Equal(Confidence.High, diagnosis.Confidence);
        Assert.Equal(["SMTP001"], diagnosis.Cause!.RuleIds);
        Assert.Equal(["masked-banner", "ehlo-refused", "helo-accepted", "starttls-rejected"], diagnosis.Evidence.Select(e => e.Kind));
        Assert.Contains(result.TranscriptLines, l => l.StartsWith("<-  220 **", StringComparison.Ordinal) && l.EndsWith("2*0", StringComparison.Ordinal));
        Assert.Contains("<-  500 5.5.2 Error: command not recognized", result.TranscriptLines);
        Assert.Null(result.Tls);
        Assert.All(relay.ClientCommands, c => Assert.Contains(c.Split(' ')[0], SafeVerbs));
    }

    [Fact]
    public async Task Through_a_pix_fixup_that_turns_commands_into_noop_the_probe_reports_cisco_fixup()
    {
        await using var relay = new FirewallRelay(postfix.Port, FirewallBehaviour.PixFixupNoop);
        var (_, diagnosis) = await ProbeAsync(relay.Target);

        Assert.Equal(Verdict.CiscoFixup, diagnosis.Verdict);
        Assert.Equal(["SMTP001"], diagnosis.Cause!.RuleIds);
        Assert.Equal(["masked-banner", "ehlo-answered-like-noop", "starttls-answered-like-noop"], diagnosis.Evidence.Select(e => e.Kind));
    }

    [Fact]
    public async Task Through_asa_esmtp_inspection_the_probe_reports_cisco_fixup()
    {
        await using var relay = new FirewallRelay(postfix.Port, FirewallBehaviour.AsaInspection);
        var (result, diagnosis) = await ProbeAsync(relay.Target);

        Assert.Null(result.Failure);
        Assert.Equal(Verdict.CiscoFixup, diagnosis.Verdict);
        Assert.Equal(["SMTP010", "SMTP012"], diagnosis.Cause!.RuleIds);
        Assert.Equal(["masked-banner", "masked-ehlo-keyword", "starttls-rejected"], diagnosis.Evidence.Select(e => e.Kind));
        Assert.Contains("<-  250-XXXXXXXA", result.TranscriptLines);
        Assert.Contains(" -> STARTTLS", result.TranscriptLines);
        Assert.Contains("<-  500 5.5.2 Error: command not recognized", result.TranscriptLines);
        Assert.Equal(["EHLO", "STARTTLS", "QUIT"], relay.ClientCommands.Select(c => c.Split(' ')[0]));
    }

    [Fact]
    public async Task Cli_exits_1_through_the_firewall()
    {
        await using var relay = new FirewallRelay(postfix.Port, FirewallBehaviour.AsaInspection);
        var result = await Task.Run(() => CliRunner.Run(["probe", relay.Target, "--timeout", "20"]));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{relay.Target}: cisco-fixup (high confidence)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("rules: SMTP010, SMTP012", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"pixlint probe {relay.Target}", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>`mask-banner` with `allow-tls` (reference notes §8.4): the masked greeting alone is no false alarm.</summary>
    [Fact]
    public async Task Through_asa_inspection_that_allows_tls_the_masked_banner_is_only_a_note()
    {
        await using var relay = new FirewallRelay(postfix.Port, FirewallBehaviour.AsaInspectionAllowTls);
        var (result, diagnosis) = await ProbeAsync(relay.Target);

        Assert.Null(result.Failure);
        Assert.Equal(Verdict.StartTlsOffered, diagnosis.Verdict);
        Assert.Equal(["masked-banner", "starttls-advertised", "starttls-accepted", "tls-established"], diagnosis.Evidence.Select(e => e.Kind));
        Assert.Contains(diagnosis.Notes, n => n.Contains("SMTP012", StringComparison.Ordinal));
        Assert.Equal($"CN={PostfixInstance.HostName}", result.Tls!.Subject);
    }

    [Fact]
    public async Task Through_a_transparent_relay_tls_still_works()
    {
        await using var relay = new FirewallRelay(postfix.Port, FirewallBehaviour.Transparent);
        var (result, diagnosis) = await ProbeAsync(relay.Target);
        Assert.Equal(Verdict.StartTlsOffered, diagnosis.Verdict);
        Assert.NotNull(result.Tls);
    }

    [Fact]
    public async Task Implicit_tls_on_a_wrapper_mode_port()
    {
        var (result, diagnosis) = await ProbeAsync($"127.0.0.1:{postfix.ImplicitTlsPort}", TlsMode.Implicit);

        Assert.Null(result.Failure);
        Assert.Equal(Verdict.StartTlsOffered, diagnosis.Verdict);
        Assert.StartsWith("TLS works on this port", diagnosis.Summary, StringComparison.Ordinal);
        Assert.Equal($"CN={PostfixInstance.HostName}", result.Tls!.Subject);
        Assert.DoesNotContain(" ~> STARTTLS", result.TranscriptLines);
        Assert.StartsWith("=== TLS started with TLSv1.", result.TranscriptLines[2], StringComparison.Ordinal);
        Assert.StartsWith("<~  220 ", result.TranscriptLines.First(l => l.StartsWith("<~", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Implicit_tls_against_a_plain_port_is_tls_failed()
    {
        var (result, diagnosis) = await ProbeAsync($"127.0.0.1:{postfix.Port}", TlsMode.Implicit);

        Assert.Null(result.Failure);
        Assert.Equal(Verdict.TlsFailed, diagnosis.Verdict);
        Assert.Contains(result.TranscriptLines, l => l.StartsWith("*** TLS handshake failed: ", StringComparison.Ordinal));
        Assert.Contains(diagnosis.Notes, n => n.Contains("SMTP014", StringComparison.Ordinal));
    }
}
