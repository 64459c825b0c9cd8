namespace PixLint.Diagnosis;

/// <summary>Why a probe could not finish.</summary>
public enum ProbeFailureKind : byte
{
    /// <summary>The host name does not resolve.</summary>
    Resolve = 0,

    /// <summary>Nothing listens on the port (connection refused).</summary>
    Refused = 1,

    /// <summary>No route to the address.</summary>
    Unreachable = 2,

    /// <summary>The connection was not accepted within the timeout (host down, or packets dropped).</summary>
    ConnectTimeout = 3,

    /// <summary>Connected, but a reply did not come (or not completely) within the timeout.</summary>
    Timeout = 4,

    /// <summary>The peer does not speak SMTP.</summary>
    NotSmtp = 5,

    /// <summary>The server closed the connection before the probe was done.</summary>
    Closed = 6,

    /// <summary>A reply went on past <see cref="SmtpProbe.MaxReplyLines"/> lines or <see cref="SmtpProbe.MaxReplyBytes"/> bytes.</summary>
    ReplyTooLong = 7,
}

/// <summary>A probe that could not finish: what went wrong, in one sentence for people.</summary>
public sealed record ProbeFailure(ProbeFailureKind Kind, string Message);

/// <summary>
/// What `pixlint probe` saw: the transcript it printed (swaks-style lines, so `pixlint diagnose`
/// reads it back), the address it reached, the TLS details, and the failure if it stopped early.
/// </summary>
public sealed record ProbeResult(ProbeOptions Options, IReadOnlyList<string> TranscriptLines, string? RemoteAddress, TlsDetails? Tls, ProbeFailure? Failure)
{
    /// <summary>The transcript as read by <see cref="TranscriptReader"/>, line numbers = printed lines.</summary>
    public Transcript ReadTranscript() => TranscriptReader.Read(Options.Target.Display, string.Join('\n', TranscriptLines) + (TranscriptLines.Count > 0 ? "\n" : string.Empty));

    /// <summary>The verdict on what the probe saw (the same analyzer as `pixlint diagnose`).</summary>
    public SessionDiagnosis Diagnose() => SessionAnalyzer.Analyze(ReadTranscript(), new DiagnosisContext
    {
        ProbedTarget = Options.Target.Port == ProbeTarget.DefaultPort ? Options.Target.Host : Options.Target.Display,
        ImplicitTls = Options.Tls == TlsMode.Implicit,
    });
}
