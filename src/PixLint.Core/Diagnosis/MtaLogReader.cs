using System.Text.RegularExpressions;

namespace PixLint.Diagnosis;

/// <summary>
/// Reads MTA logs line by line (Postfix `postfix/smtp` and `postfix/smtpd`, the Exim main log,
/// Sendmail) and turns each line that says something about STARTTLS with a peer into a
/// <see cref="PeerSignal"/>: fixup evidence (a reply quoting an X-masked command, a masked
/// banner), TLS missing ("TLS is required, but was not offered"), TLS failing, TLS working, and
/// deliveries whose connection logged no TLS. Other lines are skipped. State is one small map of
/// process id → TLS peer (Postfix and Sendmail log TLS per connection and the delivery after it).
/// </summary>
public sealed partial class MtaLogReader(PeerTally tally)
{
    /// <summary>Lines longer than this are not log lines worth reading (and are not kept).</summary>
    public const int MaxLineLength = 64 * 1024;

    private const int MaxOpenConnections = 4096;

    private readonly Dictionary<string, string> _tlsByProcess = new(StringComparer.Ordinal);

    /// <summary>Lines read per format (`postfix`, `exim`, `sendmail`).</summary>
    public Dictionary<string, long> Formats { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a line is an MTA log line this reader knows (content detection).</summary>
    public static bool IsLogLine(string line) => line.Length <= MaxLineLength && (Syslog().Match(line) is { Success: true } m ? IsMta(m.Groups["prog"].Value) : EximLine().IsMatch(line));

    /// <summary>Reads every line; a line over <see cref="MaxLineLength"/> is skipped without being held (a log without line ends stays flat in memory).</summary>
    public void Read(string source, TextReader reader)
    {
        var line = new System.Text.StringBuilder();
        char[] buffer = new char[1 << 16];
        int number = 0;
        bool tooLong = false;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            int start = 0;
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    continue;
                }

                Append(buffer.AsSpan(start, i - start));
                number++;
                if (!tooLong)
                {
                    ReadLine(source, number, TrimCr(line));
                }

                line.Clear();
                tooLong = false;
                start = i + 1;
            }

            Append(buffer.AsSpan(start, read - start));
        }

        if (line.Length > 0 && !tooLong)
        {
            ReadLine(source, number + 1, TrimCr(line));
        }

        void Append(ReadOnlySpan<char> part)
        {
            if (tooLong || line.Length + part.Length > MaxLineLength)
            {
                tooLong = true;
                line.Clear();
                return;
            }

            line.Append(part);
        }
    }

    private static string TrimCr(System.Text.StringBuilder line) =>
        line.Length > 0 && line[^1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();

    public void ReadLine(string source, int number, string line)
    {
        var syslog = Syslog().Match(line);
        if (syslog.Success && IsMta(syslog.Groups["prog"].Value))
        {
            string prog = syslog.Groups["prog"].Value;
            var at = new Where(source, number, syslog.Groups["time"].Value, line);
            string message = syslog.Groups["msg"].Value;
            string process = prog + "[" + syslog.Groups["pid"].Value + "]";
            if (prog.StartsWith("postfix", StringComparison.Ordinal))
            {
                Count("postfix");
                Postfix(at, process, message);
            }
            else
            {
                Count("sendmail");
                Sendmail(at, process, message);
            }

            return;
        }

        var exim = EximLine().Match(line);
        if (exim.Success)
        {
            Count("exim");
            Exim(new Where(source, number, exim.Groups["time"].Value, line), exim.Groups["rest"].Value);
        }
    }

    private void Postfix(Where at, string process, string message)
    {
        // Cheap substring checks first: most lines are none of these, and the patterns scan the whole line.
        bool tlsRequired = message.Contains("TLS is required", StringComparison.Ordinal);
        if (message.Contains("TLS connection established", StringComparison.Ordinal) && PostfixTls().Match(message) is { Success: true } tls)
        {
            tally.LogRecordsTls = true;
            Remember(process, tls.Groups["ip"].Value);
            Emit(at, SignalKind.TlsWorking, "tls-established", tls.Groups["host"].Value, tls.Groups["ip"].Value, null);
            return;
        }

        if (tlsRequired && PostfixNotOffered().Match(message) is { Success: true } missing)
        {
            Emit(at, SignalKind.TlsMissing, "tls-required-not-offered", missing.Groups["host"].Value, missing.Groups["ip"].Value, Recipient(message));
            return;
        }

        if (tlsRequired && PostfixRefusedTls().Match(message) is { Success: true } refused)
        {
            string reply = refused.Groups["reply"].Value;
            bool masked = QuotedXs().IsMatch(reply);
            Emit(at, masked ? SignalKind.Fixup : SignalKind.TlsFailed, masked ? "starttls-refused-masked" : "starttls-refused", refused.Groups["host"].Value, refused.Groups["ip"].Value, Recipient(message));
            return;
        }

        if (PeerInBrackets().Match(message) is not { Success: true } peer)
        {
            return;
        }

        string host = peer.Groups["host"].Value, ip = peer.Groups["ip"].Value;
        if (Masked(message) is { } signal)
        {
            Emit(at, SignalKind.Fixup, signal, host, ip, Recipient(message));
        }
        else if (message.Contains("Cannot start TLS", StringComparison.Ordinal) || message.Contains("SSL_connect error", StringComparison.Ordinal) || message.Contains("SSL_accept error", StringComparison.Ordinal))
        {
            Emit(at, SignalKind.TlsFailed, "tls-handshake-failed", host, ip, Recipient(message));
        }
        else if (PostfixDelivery().Match(message) is { Success: true } delivery && !IsLocal(host, ip))
        {
            // A delivery (smtp: to=..., relay=) or a reception (smtpd: client=) on a connection that logged no TLS.
            if (!_tlsByProcess.TryGetValue(process, out string? tlsPeer) || tlsPeer != ip)
            {
                Emit(at, SignalKind.Plain, delivery.Groups["to"].Success ? "delivered-without-tls" : "received-without-tls", host, ip, Recipient(message));
            }
        }
        else if (message.StartsWith("disconnect from ", StringComparison.Ordinal))
        {
            _tlsByProcess.Remove(process);
        }
    }

    private void Sendmail(Where at, string process, string message)
    {
        if (SendmailTls().Match(message) is { Success: true } tls)
        {
            string host = tls.Groups["host"].Value.TrimEnd('.');
            string? ip = tls.Groups["ip"].Success ? tls.Groups["ip"].Value : null;
            Remember(process, host);
            Emit(at, SignalKind.TlsWorking, "tls-established", host, ip, null);
            return;
        }

        if (SendmailRelay().Match(message) is not { Success: true } relay)
        {
            return;
        }

        string name = relay.Groups["host"].Value.TrimEnd('.');
        string? address = relay.Groups["ip"].Success ? relay.Groups["ip"].Value : null;
        if (Masked(message) is { } signal)
        {
            Emit(at, SignalKind.Fixup, signal, name, address, Recipient(message));
        }
        else if (message.Contains("STARTTLS", StringComparison.Ordinal) && message.Contains("fail", StringComparison.OrdinalIgnoreCase))
        {
            Emit(at, SignalKind.TlsFailed, "tls-handshake-failed", name, address, Recipient(message));
        }
    }

    private void Exim(Where at, string rest)
    {
        var host = EximHost().Match(rest);
        if (!host.Success)
        {
            return;
        }

        string? name = host.Groups["host"].Success ? host.Groups["host"].Value : null;
        string ip = host.Groups["ip"].Value;
        string? recipient = EximAddress().Match(rest) is { Success: true } a ? Domain(a.Groups["address"].Value) : null;
        string flag = rest.Length >= 2 ? rest[..2] : string.Empty;
        if (Masked(rest) is { } signal)
        {
            Emit(at, SignalKind.Fixup, signal, name, ip, recipient);
        }
        else if (rest.Contains("TLS session is required, but the server did not offer TLS", StringComparison.Ordinal))
        {
            Emit(at, SignalKind.TlsMissing, "tls-required-not-offered", name, ip, recipient);
        }
        else if (rest.Contains("TLS error on connection", StringComparison.Ordinal))
        {
            Emit(at, SignalKind.TlsFailed, "tls-handshake-failed", name, ip, recipient);
        }
        else if (flag is "<=" or "=>" or "->")
        {
            // Exim writes X=<cipher> on arrivals and deliveries over TLS (log_selector tls_cipher, on by default).
            bool tls = rest.Contains(" X=", StringComparison.Ordinal);
            string signalName = tls ? "tls-established" : flag == "<=" ? "received-without-tls" : "delivered-without-tls";
            tally.LogRecordsTls |= tls;
            Emit(at, tls ? SignalKind.TlsWorking : SignalKind.Plain, signalName, name, ip, recipient);
        }
    }

    /// <summary>Fixup evidence in a quoted reply: an X-masked command (`Command unrecognized: "XXXXXXXX"`) or a masked banner (`220 ****2*0*0***`).</summary>
    private static string? Masked(string text) =>
        text.Contains("XXXX", StringComparison.Ordinal) && QuotedXs().IsMatch(text) && ReplyCode().IsMatch(text) ? "masked-command"
        : text.Contains("*****", StringComparison.Ordinal) && MaskedBanner().IsMatch(text) ? "masked-banner"
        : null;

    private void Emit(Where at, SignalKind kind, string signal, string? host, string? ip, string? domain)
    {
        string? name = host is null or "unknown" or "none" ? null : host;
        tally.Add(new PeerSignal(kind, signal, name ?? ip, ip, domain, 1)
        {
            Time = at.Time,
            Source = $"{at.Source}:{at.Line}",
            Text = at.Text.Length <= 240 ? at.Text : at.Text[..237] + "...",
        });
    }

    private void Remember(string process, string peer)
    {
        if (_tlsByProcess.Count >= MaxOpenConnections && !_tlsByProcess.ContainsKey(process))
        {
            _tlsByProcess.Clear();
        }

        _tlsByProcess[process] = peer;
    }

    private void Count(string format) => Formats[format] = Formats.GetValueOrDefault(format) + 1;

    private static bool IsMta(string prog) =>
        prog.StartsWith("postfix", StringComparison.Ordinal) && (prog.EndsWith("/smtp", StringComparison.Ordinal) || prog.EndsWith("/smtpd", StringComparison.Ordinal) || prog.EndsWith("/lmtp", StringComparison.Ordinal))
        || prog is "sendmail" or "sm-mta" or "sm-msp-queue";

    private static bool IsLocal(string host, string ip) => host is "local" or "localhost" || ip is "127.0.0.1" or "::1" || ip.StartsWith("private/", StringComparison.Ordinal);

    private static string? Recipient(string message) => Address().Match(message) is { Success: true } m ? Domain(m.Groups["address"].Value) : null;

    private static string? Domain(string address)
    {
        int at = address.LastIndexOf('@');
        return at < 0 || at == address.Length - 1 ? null : address[(at + 1)..].ToLowerInvariant();
    }

    private readonly record struct Where(string Source, int Line, string Time, string Text);

    // Syslog: `Aug 19 05:49:44 mail postfix/smtp[10065]: ...` or RFC 3339 `2024-05-01T10:00:00.123+02:00 mail postfix/smtp[1]: ...`.
    [GeneratedRegex(@"^(?<time>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?) \S+ (?<prog>[\w.-]+(?:/[\w.-]+)*)\[(?<pid>\d+)\]: (?<msg>.*)$")]
    private static partial Regex Syslog();

    // Exim main log: `2019-10-04 07:09:29 1iGHiT-00007b-Na <= ...` (a message id is optional: `H=... TLS error on connection`).
    [GeneratedRegex(@"^(?<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3})?(?: [+-]\d{4})?) (?:\[\d+\] )?(?:[\w]{6}-[\w]{6,11}-[\w]{2,4} )?(?<rest>(?:<=|=>|->|==|\*\*|\*>|H=|SMTP |TLS ).*)$")]
    private static partial Regex EximLine();

    [GeneratedRegex(@"(?:Trusted|Untrusted|Verified|Anonymous) TLS connection established (?:to|from) (?<host>[^\[\s]+)\[(?<ip>[^\]]+)\]")]
    private static partial Regex PostfixTls();

    [GeneratedRegex(@"TLS is required, but was not offered by host (?<host>[^\[\s]+)\[(?<ip>[^\]]+)\]")]
    private static partial Regex PostfixNotOffered();

    [GeneratedRegex(@"TLS is required, but host (?<host>[^\[\s]+)\[(?<ip>[^\]]+)\] refused to start TLS: (?<reply>.*)")]
    private static partial Regex PostfixRefusedTls();

    [GeneratedRegex(@"(?:relay=|client=|host |from |to )(?<host>[^\[\s,=]+)\[(?<ip>[0-9A-Fa-f.:]+)\]")]
    private static partial Regex PeerInBrackets();

    [GeneratedRegex(@"^\w+: (?:(?<to>to=<[^>]*>, (?:orig_to=<[^>]*>, )?relay=[^,]+,.*status=(?:sent|deferred|bounced))|client=)")]
    private static partial Regex PostfixDelivery();

    [GeneratedRegex(@"STARTTLS=(?:client|server), relay=(?<host>[^,\s\[]+)(?: \[(?<ip>[0-9A-Fa-f.:]+)\])?, version=(?<version>[^,]+), verify=(?<verify>\w+)")]
    private static partial Regex SendmailTls();

    [GeneratedRegex(@"relay=(?<host>[^,\s\[]+)(?: \[(?<ip>[0-9A-Fa-f.:]+)\])?")]
    private static partial Regex SendmailRelay();

    // Exim `H=host [ip]` or `H=(helo) [ip]` or `H=[ip]`.
    [GeneratedRegex(@"H=(?:(?<host>[^\s\[(]+) )?(?:\([^)]*\) )?\[(?<ip>[0-9A-Fa-f.:]+)\]")]
    private static partial Regex EximHost();

    [GeneratedRegex(@"^(?:<=|=>|->|==|\*\*) (?<address>\S+@\S+)")]
    private static partial Regex EximAddress();

    [GeneratedRegex(@"(?:to|from)=<(?<address>[^>]+)>")]
    private static partial Regex Address();

    // The command the firewall overwrote, quoted back by the server: `"XXXXXXXX"`, `XXXX ME`.
    [GeneratedRegex(@"(?<![A-Za-z0-9])X{4,}(?![A-Za-z0-9])")]
    private static partial Regex QuotedXs();

    [GeneratedRegex(@"\b[45]\d\d[ -]")]
    private static partial Regex ReplyCode();

    // A greeting masked by the fixup, quoted in a log line: `220 ****2*0*0****` (asterisks, 2s, 0s and spaces only).
    [GeneratedRegex(@"\b220[ -](?=[*20 ]*\*{5})[*20 ]{6,}(?:$|[)""'])")]
    private static partial Regex MaskedBanner();
}
