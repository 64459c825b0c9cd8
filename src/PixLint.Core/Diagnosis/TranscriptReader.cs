using System.Text.RegularExpressions;
using PixLint.Output;
using PixLint.Text;

namespace PixLint.Diagnosis;

/// <summary>
/// Reads an SMTP session the way people capture it (raw telnet/nc output, `S:`/`C:` or
/// `Got:`/`Sent:` logs, PHPMailer debug output, swaks, `openssl s_client -starttls smtp`, a bounce
/// quoting the remote reply, a banner alone; any line endings) into server replies, client
/// commands and tool messages, keeping every line's number. Prefixes may be mixed within one input.
/// AUTH payloads are replaced by <see cref="AuthMarker"/> here, so no later stage can print them.
/// </summary>
public static partial class TranscriptReader
{
    /// <summary>What replaces an AUTH payload (the marker every PixLint output uses for secrets).</summary>
    public const string AuthMarker = SecretRedactor.Marker;

    /// <summary>A masked banner keeps the greeting's length: anything shorter than this many asterisks is not one.</summary>
    public const int MinimumMaskAsterisks = 6;

    public static Transcript Read(SourceText source)
    {
        var state = new ReaderState();
        var lines = new List<TranscriptLine>(source.LineCount);
        for (int i = 0; i < source.LineCount; i++)
        {
            string display = LosslessUtf8.ToDisplay(source.GetLineSpan(i)).TrimEnd();
            if (i == 0 && display.Length > 0 && display[0] == '\uFEFF')
            {
                display = display[1..];
            }

            lines.Add(state.ReadLine(i + 1, display));
        }

        return new Transcript(source.Path, state.Format ?? (state.SawBounceMarker ? CaptureFormat.Bounce : state.SawOpenSsl ? CaptureFormat.OpenSsl : CaptureFormat.Raw), lines);
    }

    /// <summary>Reads text already decoded (the probe's own transcript, tests).</summary>
    public static Transcript Read(string path, string text) => Read(SourceText.FromString(path, text));

    /// <summary>The line state machine: open multi-line reply, DATA, AUTH, TLS, certificate blocks.</summary>
    private sealed class ReaderState
    {
        private bool _replyOpen;
        private bool _inData;
        private bool _inAuth;
        private bool _inTls;
        private bool _inCertificate;

        public CaptureFormat? Format { get; private set; }

        public bool SawBounceMarker { get; private set; }

        public bool SawOpenSsl { get; private set; }

        public TranscriptLine ReadLine(int number, string text)
        {
            var line = Classify(number, text);
            Advance(line);
            return line;
        }

        private TranscriptLine Classify(int number, string text)
        {
            if (text.Trim().Length == 0)
            {
                return new TranscriptLine(number, LineRole.Text, text, string.Empty, _inTls);
            }

            if (_inCertificate)
            {
                _inCertificate = !text.TrimStart().StartsWith("-----END ", StringComparison.Ordinal);
                return new TranscriptLine(number, LineRole.Tool, text, text.Trim(), _inTls);
            }

            if (SwaksLine().Match(text) is { Success: true } swaks)
            {
                Format ??= CaptureFormat.Swaks;
                string marker = swaks.Groups["marker"].Value;
                string content = swaks.Groups["content"].Value;
                int at = swaks.Groups["content"].Index;
                return marker switch
                {
                    "===" or "***" => Tool(number, text, content, CaptureToolMessages.SwaksEvent(content)),
                    _ when marker.StartsWith('<') => Server(number, text, at, content, marker.Contains('~', StringComparison.Ordinal), quoted: false),
                    _ => Client(number, text, at, content, marker.Contains('~', StringComparison.Ordinal)),
                };
            }

            if (DirectionPrefix().Match(text) is { Success: true } prefixed)
            {
                string who = prefixed.Groups["who"].Value;
                Format ??= who.Length == 1 ? CaptureFormat.ServerClientPrefixes
                    : who.StartsWith("SERVER", StringComparison.Ordinal) || who.StartsWith("CLIENT", StringComparison.Ordinal) ? CaptureFormat.PhpMailer
                    : CaptureFormat.GotSent;
                bool fromServer = who is "S" or "Got" or "SERVER -> CLIENT";
                var content = prefixed.Groups["content"];
                return fromServer
                    ? Server(number, text, content.Index, content.Value, _inTls, quoted: false)
                    : Client(number, text, content.Index, content.Value, _inTls);
            }

            if (BounceMarker().Match(text) is { Success: true } bounce)
            {
                SawBounceMarker = true;
                var reply = bounce.Groups["reply"];
                return Server(number, text, reply.Index, reply.Value.TrimEnd('\'', '>', '"', ' '), tls: false, quoted: true);
            }

            return Raw(number, text);
        }

        /// <summary>An unprefixed line: its role comes from its shape and from what came before.</summary>
        private TranscriptLine Raw(int number, string text)
        {
            string content = text.Trim();
            int at = text.IndexOf(content, StringComparison.Ordinal);
            if (_inData)
            {
                return Data(number, text, content);
            }

            if (SmtpSyntax.TryParseReply(content, out _, out _, out _))
            {
                return Server(number, text, at, content, _inTls, quoted: false);
            }

            if (_inAuth)
            {
                return AuthResponse(number, text, at, _inTls);
            }

            if (CaptureToolMessages.Recognise(text) is { } tool)
            {
                SawOpenSsl |= tool.OpenSsl;
                _inCertificate = tool.CertificateStart;
                string shown = CaptureToolMessages.MaskSessionSecrets(text, AuthMarker);
                return new TranscriptLine(number, LineRole.Tool, shown, shown.Trim(), _inTls) { Event = tool.Event };
            }

            if (SmtpSyntax.TryParseCommand(content, out _, out _))
            {
                return Client(number, text, at, content, _inTls);
            }

            // A continuation line that lost its reply code: the PIX fixup's masked multi-line banner.
            if (_replyOpen && SmtpSyntax.IsMaskShaped(content, MinimumMaskAsterisks))
            {
                return Server(number, text, at, content, _inTls, quoted: false);
            }

            return new TranscriptLine(number, LineRole.Text, text, content, _inTls);
        }

        private TranscriptLine Server(int number, string text, int at, string content, bool tls, bool quoted)
        {
            content = content.Trim();
            if (content.Length == 0)
            {
                return new TranscriptLine(number, LineRole.Text, text, string.Empty, tls);
            }

            if (SmtpSyntax.TryParseReply(content, out int code, out bool continues, out string replyText))
            {
                return new TranscriptLine(number, LineRole.Server, text, content, tls) { Code = code, Continues = continues, ReplyText = replyText, Quoted = quoted };
            }

            // A server line without a code (broken continuation, or a tool's notion of one).
            return new TranscriptLine(number, LineRole.Server, text, content, tls) { ReplyText = content, Quoted = quoted };
        }

        private TranscriptLine Client(int number, string text, int at, string content, bool tls)
        {
            if (_inData)
            {
                return Data(number, text, content);
            }

            if (_inAuth)
            {
                return AuthResponse(number, text, at, tls);
            }

            string trimmed = content.Trim();
            if (trimmed.Length == 0)
            {
                return new TranscriptLine(number, LineRole.Text, text, string.Empty, tls);
            }

            if (!SmtpSyntax.TryParseCommand(trimmed, out string verb, out string argument))
            {
                // The prefix says it is a command even if PixLint does not know the verb.
                string[] parts = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
                verb = parts[0].ToUpperInvariant();
                argument = parts.Length > 1 ? parts[1].Trim() : string.Empty;
            }

            if (verb == "AUTH")
            {
                return MaskAuth(number, text, at, argument, tls);
            }

            return new TranscriptLine(number, LineRole.Client, text, trimmed, tls) { Verb = verb, Argument = argument };
        }

        private static TranscriptLine MaskAuth(int number, string text, int at, string argument, bool tls)
        {
            string[] words = argument.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            string masked = words.Length > 1 ? $"{words[0]} {AuthMarker}" : argument;
            string shownContent = string.IsNullOrEmpty(masked) ? "AUTH" : $"AUTH {masked}";
            string shownText = (at >= 0 && at <= text.Length ? text[..at] : string.Empty) + shownContent;
            return new TranscriptLine(number, LineRole.Client, shownText, shownContent, tls) { Verb = "AUTH", Argument = masked };
        }

        private static TranscriptLine AuthResponse(int number, string text, int at, bool tls)
        {
            string shown = (at >= 0 && at <= text.Length ? text[..at] : string.Empty) + AuthMarker;
            return new TranscriptLine(number, LineRole.ClientData, shown, AuthMarker, tls) { Verb = TranscriptLine.AuthResponseVerb };
        }

        private TranscriptLine Data(int number, string text, string content)
        {
            bool end = content.Trim() == ".";
            return new TranscriptLine(number, LineRole.ClientData, text, content, _inTls) { Verb = end ? "." : null };
        }

        private TranscriptLine Tool(int number, string text, string content, ToolEvent e) =>
            new(number, LineRole.Tool, text, content.Trim(), _inTls) { Event = e };

        /// <summary>Updates the state after a line: DATA and AUTH modes, open replies, TLS.</summary>
        private void Advance(TranscriptLine line)
        {
            switch (line.Role)
            {
                case LineRole.Server:
                    _replyOpen = line.Code is null ? _replyOpen : line.Continues;
                    if (line.Code is { } code && !line.Continues)
                    {
                        _inData = code == 354;
                        _inAuth = code == 334;
                    }

                    break;
                case LineRole.ClientData when line.Verb == ".":
                    _inData = false;
                    break;
                case LineRole.Client:
                    _replyOpen = false;
                    break;
                case LineRole.Tool when line.Event == ToolEvent.TlsStarted:
                    _inTls = true;
                    break;
            }
        }
    }

    // swaks (and pixlint probe): `<-  220 ...`, ` -> EHLO`, `<~  250 ...`, ` ~> EHLO`, `<** 530 ...`, `=== ...`, `*** ...`.
    // `***` and `===` need a space and a word after them, so a line of asterisks (a masked banner) is not one.
    [GeneratedRegex(@"^\s*(?:(?<marker><-|<~\*|<~|<\*\*|->|~>|\*\*>)(?: |$)|(?<marker>===|\*\*\*) (?=[^*= ]))(?<content>.*)$")]
    private static partial Regex SwaksLine();

    // `S: 220 ...` / `C: EHLO` (not `C:\>`), `Got:` / `Sent:`, PHPMailer `[timestamp] SERVER -> CLIENT: ...`.
    [GeneratedRegex(@"^\s*(?:\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?\s+)?(?<who>S|C|Got|Sent|SERVER -> CLIENT|CLIENT -> SERVER)\s?:(?![\\/])\s?(?<content>.*)$")]
    private static partial Regex DirectionPrefix();

    // A remote reply quoted in a bounce: Postfix `said:`, Gmail `returned was:`, DSN `Diagnostic-Code: smtp;`, Exchange `returned '...'`.
    [GeneratedRegex(@"(?:\bsaid:|\breturned was:|Diagnostic-Code:\s*smtp;|\b[Ss]erver returned '|\breplied:)\s*(?:<\s*#[\d.]+\s*smtp;)?\s*(?<reply>[1-5]\d\d(?:[ -].*)?)$")]
    private static partial Regex BounceMarker();
}
