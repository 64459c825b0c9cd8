using System.Text.RegularExpressions;

namespace PixLint.Diagnosis;

/// <summary>
/// Recognises the lines capture tools print around an SMTP dialogue (telnet, nc, openssl s_client,
/// swaks, pixlint probe) and the few that say something about TLS. Strings come from the tools'
/// output as users post it: openssl `apps/s_client.c`, swaks' `=== TLS started` / `*** ...` lines.
/// </summary>
public static partial class CaptureToolMessages
{
    /// <summary>Where a line belongs when it is a tool's message.</summary>
    public readonly record struct ToolLine(ToolEvent Event, bool OpenSsl, bool CertificateStart, bool CertificateEnd);

    /// <summary>Classifies an unprefixed line; null when it is not a known tool message.</summary>
    public static ToolLine? Recognise(string line)
    {
        string t = line.Trim();
        if (t.Length == 0)
        {
            return null;
        }

        if (t.StartsWith("-----BEGIN ", StringComparison.Ordinal))
        {
            return new ToolLine(ToolEvent.None, true, true, false);
        }

        if (t.StartsWith("-----END ", StringComparison.Ordinal))
        {
            return new ToolLine(ToolEvent.None, true, false, true);
        }

        if (t.StartsWith("didn't find starttls", StringComparison.OrdinalIgnoreCase))
        {
            return new ToolLine(ToolEvent.StartTlsNotAdvertised, true, false, false);
        }

        if (OpenSslNewSession().Match(t) is { Success: true } session)
        {
            bool none = session.Groups["proto"].Value == "(NONE)" || session.Groups["cipher"].Value.StartsWith("(NONE)", StringComparison.Ordinal);
            return new ToolLine(none ? ToolEvent.TlsFailed : ToolEvent.TlsStarted, true, false, false);
        }

        if (t.Equals("CONNECTION ESTABLISHED", StringComparison.Ordinal))
        {
            return new ToolLine(ToolEvent.TlsStarted, true, false, false);
        }

        if (t.StartsWith("no peer certificate available", StringComparison.Ordinal) || OpenSslError().IsMatch(t) || OpenSslErrno().IsMatch(t))
        {
            return new ToolLine(ToolEvent.TlsFailed, true, false, false);
        }

        if (OpenSslInfo().IsMatch(line) || t == "---")
        {
            return new ToolLine(ToolEvent.None, true, false, false);
        }

        if (t.StartsWith("Connection closed by foreign host", StringComparison.Ordinal))
        {
            return new ToolLine(ToolEvent.ConnectionClosed, false, false, false);
        }

        if (TelnetOrShell().IsMatch(t))
        {
            return new ToolLine(ToolEvent.None, false, false, false);
        }

        return null;
    }

    /// <summary>What a swaks-style `===` or `***` line (swaks, pixlint probe) says.</summary>
    public static ToolEvent SwaksEvent(string message)
    {
        if (message.StartsWith("TLS started", StringComparison.OrdinalIgnoreCase))
        {
            return ToolEvent.TlsStarted;
        }

        if (message.Contains("did not advertise STARTTLS", StringComparison.OrdinalIgnoreCase)
            || message.StartsWith("STARTTLS not supported", StringComparison.OrdinalIgnoreCase))
        {
            return ToolEvent.StartTlsNotAdvertised;
        }

        // swaks `Remote host closed connection unexpectedly.`, pixlint probe `the server closed the connection ...`.
        if (message.Contains("closed", StringComparison.OrdinalIgnoreCase) && message.Contains("connection", StringComparison.OrdinalIgnoreCase)
            && !message.StartsWith("Connection closed with remote host", StringComparison.OrdinalIgnoreCase))
        {
            return ToolEvent.ConnectionClosed;
        }

        if (message.Contains("TLS", StringComparison.Ordinal) && (message.Contains("fail", StringComparison.OrdinalIgnoreCase) || message.Contains("error", StringComparison.OrdinalIgnoreCase)))
        {
            return ToolEvent.TlsFailed;
        }

        return ToolEvent.None;
    }

    /// <summary>Replaces the values of openssl's session secrets (`Master-Key:`, `Resumption PSK:`).</summary>
    public static string MaskSessionSecrets(string line, string marker)
    {
        var m = OpenSslSecret().Match(line);
        return m.Success ? line[..m.Groups["value"].Index] + marker : line;
    }

    // `New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384` / `New, (NONE), Cipher is (NONE)`.
    [GeneratedRegex(@"^New, (?<proto>\S+), Cipher is (?<cipher>\S+)")]
    private static partial Regex OpenSslNewSession();

    // `40E7...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:...`
    [GeneratedRegex(@"^[0-9A-Fa-f]+:error:[0-9A-Fa-f]+:")]
    private static partial Regex OpenSslError();

    [GeneratedRegex(@"^(write|read|connect):errno=\d+")]
    private static partial Regex OpenSslErrno();

    [GeneratedRegex(@"^(CONNECTED\(|depth=\d|verify (return|error)|Certificate chain|\s*\d+ s:|\s+[iav]:|Server certificate|subject=|issuer=|No client certificate CA|Peer sign|Peer signature|Server Temp Key|Negotiated TLS|SSL handshake has read|Verification|Secure Renegotiation|Compression:|Expansion:|No ALPN|ALPN protocol|Early data|Verify return code|SSL-Session:|\s+(Protocol|Cipher|Session-ID|Session-ID-ctx|Resumption PSK|Master-Key|PSK identity|PSK identity hint|SRP username|TLS session ticket( lifetime hint)?|Start Time|Timeout|Verify return code|Extended master secret|Max Early Data)\s*:|\s+[0-9a-f]{4} - |Post-Handshake New Session Ticket|read R BLOCK|Protocol version:|Ciphersuite:|Peer certificate:|Hash used:|Signature type:|Supported Elliptic|Shared |Acceptable client certificate|Requested Signature|Can't use SSL_get_servername|DONE$|closed$)")]
    private static partial Regex OpenSslInfo();

    [GeneratedRegex(@"^\s+(Master-Key|Resumption PSK)\s*:\s*(?<value>.*)$")]
    private static partial Regex OpenSslSecret();

    // telnet and nc chatter, and a shell prompt running one of the capture tools.
    [GeneratedRegex(@"^(Trying \S+\.\.\.|Connected to .+|Escape character is|Connection closed by foreign host|Connection to .+ closed|telnet>|\S*[$#>%] *(telnet|nc|ncat|netcat|openssl|swaks|pixlint)\b|(telnet|nc|ncat|netcat|openssl|swaks|pixlint) )")]
    private static partial Regex TelnetOrShell();
}
