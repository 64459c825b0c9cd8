namespace PixLint.Diagnosis;

/// <summary>
/// What `pixlint diagnose` and `pixlint probe` print: where the session came from, its transcript,
/// the verdict (null only when a probe failed before showing anything conclusive) and, for a
/// probe, what it reached and the TLS details.
/// </summary>
public sealed record DiagnosisReport(string Source, Transcript Transcript, SessionDiagnosis? Diagnosis)
{
    public ProbeResult? Probe { get; init; }

    public bool IsProbe => Probe is not null;
}
