using PixLint.Text;

namespace PixLint.Remediation;

/// <summary>How far a fix can be trusted (ruff's applicability, in PixLint's terms).</summary>
public enum FixApplicability : byte
{
    /// <summary>Device commands only: the saved configuration cannot be corrected by a text edit.</summary>
    DisplayOnly = 0,

    /// <summary>The change rests on an unverified device behaviour or changes more than the finding (shown as such; review before use).</summary>
    Review = 1,

    /// <summary>The change does exactly what the finding asks and nothing else.</summary>
    Safe = 2,
}

public static class FixApplicabilityNames
{
    /// <summary>`safe`, `review` or `display-only` (the names in JSON and text output).</summary>
    public static string ToName(this FixApplicability applicability) => applicability switch
    {
        FixApplicability.Safe => "safe",
        FixApplicability.Review => "review",
        _ => "display-only",
    };
}

/// <summary>When a device command runs within a script: inspect maps exist before policies use them, and are removed after.</summary>
public enum CommandStage : byte
{
    /// <summary>Inspect maps and inspect class-maps: created or changed first.</summary>
    Definitions = 0,

    /// <summary>Fixups, policy-maps and the classes in them.</summary>
    Policies = 1,

    /// <summary>Removing what the change created (rollback only): after the policies stop using it.</summary>
    Cleanup = 2,
}

/// <summary>
/// One configuration-mode command and the sub-modes it is typed in, outermost first (e.g.
/// [`policy-map global_policy`, `class inspection_default`] for `no inspect esmtp`). An empty mode
/// means global configuration mode.
/// </summary>
public sealed record DeviceCommand(IReadOnlyList<string> Mode, string Text, CommandStage Stage)
{
    public bool SameAs(DeviceCommand other) =>
        Stage == other.Stage && Text == other.Text && Mode.SequenceEqual(other.Mode, StringComparer.Ordinal);
}

/// <summary>A change to the lossless text: replace <see cref="Span"/> with <see cref="NewText"/> (an insertion when the span is empty).</summary>
public sealed record TextEdit(TextSpan Span, string NewText)
{
    public bool IsInsertion => Span.Length == 0;

    /// <summary>True when the two edits cannot both be applied (their spans overlap, or one inserts strictly inside the other).</summary>
    public bool ConflictsWith(TextEdit other)
    {
        if (this == other)
        {
            return false;
        }

        if (IsInsertion && other.IsInsertion)
        {
            return false; // both land at their point, in the order they were accepted
        }

        if (IsInsertion)
        {
            return Span.Start > other.Span.Start && Span.Start < other.Span.End;
        }

        if (other.IsInsertion)
        {
            return other.Span.Start > Span.Start && other.Span.Start < Span.End;
        }

        return Span.Start < other.Span.End && other.Span.Start < Span.End;
    }
}

/// <summary>
/// How a finding is fixed: a title, an applicability, the device commands (in device order, with
/// the sub-modes they need), the save and verify commands, the rollback, and the same change as
/// text edits on the saved configuration. <see cref="Commands"/> and <see cref="RollbackCommands"/>
/// are the rendered configuration-mode lines (sub-mode lines indented, `exit` between blocks,
/// ending back in global configuration mode).
/// </summary>
public sealed record Fix
{
    /// <summary>What the fix does, in one line (SARIF's fix description).</summary>
    public required string Title { get; init; }

    /// <summary>The strategy that made it (one of <see cref="StrategyNames"/>).</summary>
    public required string Strategy { get; init; }

    public required FixApplicability Applicability { get; init; }

    /// <summary>How the commands reach the device and are saved.</summary>
    public required DeviceProcedure Procedure { get; init; }

    /// <summary>The change, command by command.</summary>
    public required IReadOnlyList<DeviceCommand> Change { get; init; }

    /// <summary>What undoes the change.</summary>
    public required IReadOnlyList<DeviceCommand> Rollback { get; init; }

    /// <summary>Show commands that confirm the change on the device.</summary>
    public IReadOnlyList<string> Verify { get; init; } = [];

    /// <summary>The same change on the saved configuration (spans in the linted text).</summary>
    public IReadOnlyList<TextEdit> Edits { get; init; } = [];

    /// <summary>Caveats (`[verify]` marks device behaviour no source confirms) and why a preferred strategy was not used.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The configuration-mode lines of the change (in stage order).</summary>
    public IReadOnlyList<string> Commands => CommandScript.Render(CommandScript.Combine([Change]));

    /// <summary>The configuration-mode lines of the rollback (in stage order: what the change created goes last).</summary>
    public IReadOnlyList<string> RollbackCommands => CommandScript.Render(CommandScript.Combine([Rollback]));

    /// <summary>The command that saves the configuration (null where deployment saves it, as on FTD).</summary>
    public string? SaveCommand => Procedure.Save;
}
