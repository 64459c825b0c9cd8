namespace PixLint.Cli;

/// <summary>The documented exit codes (ESLint/ruff convention).</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above --fail-on (diagnose/probe: STARTTLS offered).</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above --fail-on (diagnose/probe: tampering or no STARTTLS; rules test: a failing fixture).</summary>
    public const int Findings = 1;

    /// <summary>Usage error, unreadable input, invalid rule or configuration file (probe: the host could not be probed).</summary>
    public const int Error = 2;

    /// <summary>diagnose/probe: not enough of the session to decide (neither all well nor a problem).</summary>
    public const int Inconclusive = 3;

    /// <summary>diagnose/probe: 0 when STARTTLS is offered, 1 for a problem on the path, 3 when the session does not tell.</summary>
    public static int ForVerdict(Diagnosis.Verdict verdict) => verdict switch
    {
        Diagnosis.Verdict.StartTlsOffered => Clean,
        Diagnosis.Verdict.Inconclusive => Inconclusive,
        _ => Findings,
    };
}
