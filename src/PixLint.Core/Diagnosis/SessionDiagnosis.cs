namespace PixLint.Diagnosis;

/// <summary>What a session shows about STARTTLS on its path (JSON field `verdict`).</summary>
public enum Verdict : byte
{
    /// <summary>A Cisco SMTP fixup or ESMTP inspection signature (masked banner, X'd keyword or command, EHLO refused as MailGuard does).</summary>
    CiscoFixup = 0,

    /// <summary>No STARTTLS offered, and no Cisco signature.</summary>
    StartTlsMissing = 1,

    /// <summary>STARTTLS advertised (and accepted, where the session tries it).</summary>
    StartTlsOffered = 2,

    /// <summary>STARTTLS offered, but TLS could not be started.</summary>
    TlsFailed = 3,

    /// <summary>Not enough of the session to decide.</summary>
    Inconclusive = 4,
}

/// <summary>How sure the verdict is.</summary>
public enum Confidence : byte
{
    Low = 0,
    Medium = 1,
    High = 2,
}

public static class VerdictNames
{
    public static string ToName(this Verdict verdict) => verdict switch
    {
        Verdict.CiscoFixup => "cisco-fixup",
        Verdict.StartTlsMissing => "starttls-missing",
        Verdict.StartTlsOffered => "starttls-offered",
        Verdict.TlsFailed => "tls-failed",
        _ => "inconclusive",
    };

    public static string ToName(this Confidence confidence) => confidence switch
    {
        Confidence.High => "high",
        Confidence.Medium => "medium",
        _ => "low",
    };
}

/// <summary>One line behind a verdict: where it is, what it says, and what it shows.</summary>
public sealed record Evidence(int Line, string Text, string Kind, string Shows);

/// <summary>The configuration that most likely produced the session, with the lint rules that find it.</summary>
public sealed record LikelyCause(string Description, IReadOnlyList<string> RuleIds);

/// <summary>The verdict on one session, the evidence behind it, the likely cause and what to do next.</summary>
public sealed record SessionDiagnosis(
    Verdict Verdict,
    Confidence Confidence,
    string Summary,
    IReadOnlyList<Evidence> Evidence,
    LikelyCause? Cause,
    IReadOnlyList<string> NextSteps,
    IReadOnlyList<string> Notes);

/// <summary>The machine-readable evidence kinds (JSON `kind`), one constant per signal the analyzer knows.</summary>
public static class EvidenceKinds
{
    // Cisco signatures.
    public const string MaskedBanner = "masked-banner";
    public const string BrokenBanner = "broken-banner";
    public const string CmapBanner = "cmap-banner";
    public const string MaskedEhloKeyword = "masked-ehlo-keyword";
    public const string MaskedCommand = "masked-command";
    public const string EhloRefused = "ehlo-refused";
    public const string HeloAccepted = "helo-accepted";
    public const string EhloAnsweredLikeNoop = "ehlo-answered-like-noop";
    public const string StartTlsAnsweredLikeNoop = "starttls-answered-like-noop";
    public const string StartTlsUnknownAfterAdvertised = "starttls-unknown-after-advertised";
    public const string StartTlsDropped = "starttls-dropped";

    // Everything else.
    public const string Greeting = "greeting";
    public const string GreetingRefused = "greeting-refused";
    public const string StartTlsAdvertised = "starttls-advertised";
    public const string StartTlsNotAdvertised = "starttls-not-advertised";
    public const string EhloReplyCutOff = "ehlo-reply-cut-off";
    public const string StartTlsAccepted = "starttls-accepted";
    public const string StartTlsRejected = "starttls-rejected";
    public const string TlsEstablished = "tls-established";
    public const string TlsFailed = "tls-failed";
}

/// <summary>What the analyzer is told besides the session: where it came from.</summary>
public sealed record DiagnosisContext
{
    /// <summary>HOST[:PORT] when the session comes from `pixlint probe` (next steps name it).</summary>
    public string? ProbedTarget { get; init; }

    /// <summary>The session started with TLS (port 465, `--tls implicit`): there is no STARTTLS to look for.</summary>
    public bool ImplicitTls { get; init; }
}
