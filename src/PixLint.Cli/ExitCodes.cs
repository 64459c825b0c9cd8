namespace PixLint.Cli;

/// <summary>The documented exit codes (ESLint/ruff convention).</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above --fail-on (diagnose/probe: STARTTLS offered).</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above --fail-on (diagnose/probe: tampering or no STARTTLS; rules test: a failing fixture).</summary>
    public const int Findings = 1;

    /// <summary>Usage error, unreadable input, invalid rule or configuration file.</summary>
    public const int Error = 2;
}
