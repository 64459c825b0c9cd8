namespace PixLint.Diagnosis;

/// <summary>Who a line of a captured SMTP session comes from.</summary>
public enum LineRole : byte
{
    /// <summary>A reply line of the server (or a reply quoted in a bounce).</summary>
    Server = 0,

    /// <summary>A command the client sent (EHLO, STARTTLS, ...).</summary>
    Client = 1,

    /// <summary>What the client sent that is not a command: message content after DATA, AUTH responses.</summary>
    ClientData = 2,

    /// <summary>A message of the capture tool itself (swaks `===`/`***`, openssl s_client, telnet, pixlint probe).</summary>
    Tool = 3,

    /// <summary>Anything else: commentary, prompts, blank lines.</summary>
    Text = 4,
}

/// <summary>What a capture tool's message says about the session (only the messages that matter).</summary>
public enum ToolEvent : byte
{
    None = 0,

    /// <summary>The TLS handshake succeeded (swaks `=== TLS started`, openssl `New, TLSv1.3, Cipher is ...`).</summary>
    TlsStarted = 1,

    /// <summary>The TLS handshake failed (swaks `*** TLS startup failed`, openssl `no peer certificate available`).</summary>
    TlsFailed = 2,

    /// <summary>The tool saw no STARTTLS in the EHLO reply (openssl `Didn't find STARTTLS`, swaks `Host did not advertise STARTTLS`).</summary>
    StartTlsNotAdvertised = 3,

    /// <summary>The server closed the connection (swaks `Remote host closed connection unexpectedly`, telnet `Connection closed by foreign host`).</summary>
    ConnectionClosed = 4,
}

/// <summary>
/// One line of a captured session with its capture-tool prefix removed. <see cref="Text"/> is the
/// whole line and <see cref="Content"/> the SMTP part, both ready for display and with AUTH
/// payloads already replaced by <see cref="TranscriptReader.AuthMarker"/>: credentials never get
/// past the reader.
/// </summary>
public sealed record TranscriptLine(int Number, LineRole Role, string Text, string Content, bool InTls)
{
    /// <summary>The reply code of a server line; null for a server line that lost its code (a broken continuation).</summary>
    public int? Code { get; init; }

    /// <summary>True for `250-...` (more lines follow), false for `250 ...` or a bare `250`.</summary>
    public bool Continues { get; init; }

    /// <summary>The reply text after the code and separator.</summary>
    public string ReplyText { get; init; } = string.Empty;

    /// <summary>The command verb, upper case (`EHLO`, `STARTTLS`); `.` for the end of DATA, <see cref="AuthResponseVerb"/> for an AUTH response.</summary>
    public string? Verb { get; init; }

    /// <summary>The command's argument (masked for AUTH).</summary>
    public string Argument { get; init; } = string.Empty;

    /// <summary>A reply quoted from a bounce message rather than seen live.</summary>
    public bool Quoted { get; init; }

    public ToolEvent Event { get; init; }

    public const string AuthResponseVerb = "AUTH-RESPONSE";

    public bool IsReply => Role == LineRole.Server;

    public bool IsCommand => Verb is not null;
}

/// <summary>The capture formats PixLint recognises (the first one seen names the transcript).</summary>
public enum CaptureFormat : byte
{
    /// <summary>Raw telnet or nc output: replies and commands without prefixes.</summary>
    Raw = 0,

    /// <summary>`S:` / `C:` prefixes.</summary>
    ServerClientPrefixes = 1,

    /// <summary>`Got:` / `Sent:` prefixes.</summary>
    GotSent = 2,

    /// <summary>swaks: `&lt;-`, `->`, `&lt;~`, `~>`, `===`, `***` (also pixlint probe's own transcript).</summary>
    Swaks = 3,

    /// <summary>`openssl s_client -starttls smtp` output.</summary>
    OpenSsl = 4,

    /// <summary>PHPMailer debug output: `SERVER -> CLIENT:` / `CLIENT -> SERVER:`.</summary>
    PhpMailer = 5,

    /// <summary>A bounce (DSN) quoting the remote server's reply.</summary>
    Bounce = 6,
}

public static class CaptureFormatNames
{
    public static string ToName(this CaptureFormat format) => format switch
    {
        CaptureFormat.ServerClientPrefixes => "s-c-prefixes",
        CaptureFormat.GotSent => "got-sent",
        CaptureFormat.Swaks => "swaks",
        CaptureFormat.OpenSsl => "openssl",
        CaptureFormat.PhpMailer => "phpmailer",
        CaptureFormat.Bounce => "bounce",
        _ => "raw",
    };

    public static string ToName(this LineRole role) => role switch
    {
        LineRole.Server => "server",
        LineRole.Client => "client",
        LineRole.ClientData => "client-data",
        LineRole.Tool => "tool",
        _ => "text",
    };
}

/// <summary>A captured session, line by line, in input order.</summary>
public sealed record Transcript(string Path, CaptureFormat Format, IReadOnlyList<TranscriptLine> Lines)
{
    /// <summary>Lines that are part of the SMTP dialogue (server replies, client commands and data).</summary>
    public int SmtpLineCount => Lines.Count(l => l.Role is LineRole.Server or LineRole.Client or LineRole.ClientData);
}
