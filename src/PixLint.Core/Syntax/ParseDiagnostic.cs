using PixLint.Text;

namespace PixLint.Syntax;

/// <summary>How serious a diagnostic or finding is (the names match SARIF's levels).</summary>
public enum Severity : byte
{
    Note = 0,
    Warning = 1,
    Error = 2,
}

/// <summary>
/// A problem with the input itself (not a rule finding): a malformed modelled line, an unrecognised
/// line, a file that is not a configuration, undecodable bytes, a reference to something undefined.
/// Levels: an error means the file could not be checked as asked (not a configuration: exit 2; over
/// --max-unknown: exit 1); a warning means a line a rule depends on (a policy-map, class-map,
/// inspect, fixup, service-policy, access-group, NAT, access-list... any modelled command) could not
/// be read, or a reference could not be resolved, so findings may be missing; a note says what
/// PixLint could not tell (platform, version, unrecognised lines, odd bytes). Warnings and notes count
/// for --fail-on like findings of the same severity; per-line unrecognised-command notes do not
/// (--max-unknown counts them).
/// </summary>
public sealed record ParseDiagnostic(string Code, Severity Severity, TextSpan Span, string Message)
{
    public const string SyntaxError = "syntax-error";
    public const string UnrecognizedLine = "unrecognized-line";
    public const string NotAConfig = "not-a-config";
    public const string Encoding = "encoding";
    public const string UnknownVersion = "unknown-version";
    public const string UndefinedReference = "undefined-reference";
    public const string TooManyUnrecognized = "too-many-unrecognized";
    public const string LineTooLong = "line-too-long";
    public const string ModesFromGrammar = "modes-from-grammar";
    public const string CaptureWrapper = "capture-wrapper";

    /// <summary>A note on what PixLint could not tell about the file (platform, version, lines it did not check).</summary>
    public const string Undetermined = "undetermined";
}

public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.ToLowerInvariant())
        {
            case "error": severity = Severity.Error; return true;
            case "warning": severity = Severity.Warning; return true;
            case "note": case "info": severity = Severity.Note; return true;
            default: severity = Severity.Note; return false;
        }
    }
}
