using PixLint.Rules;
using PixLint.Text;

namespace PixLint.Remediation;

/// <summary>A fix that was applied, with the finding it fixes and the round (1 = found in the original file).</summary>
public sealed record AppliedFix(Finding Finding, Fix Fix, int Round, SourceText Source);

/// <summary>
/// The outcome of fixing one file: the lint before and after, the corrected text (with its exact
/// diff against the original), the fixes applied in order, and their device commands combined
/// into one script for the device.
/// </summary>
public sealed class FixResult
{
    public required FileReport Before { get; init; }

    /// <summary>The lint of the corrected text: what remains.</summary>
    public required FileReport After { get; init; }

    public required EditedText Text { get; init; }

    public required IReadOnlyList<AppliedFix> Applied { get; init; }

    /// <summary>False when fixes kept changing the text after <see cref="FileFixer.MaxRounds"/> rounds (a bug in a strategy).</summary>
    public required bool Converged { get; init; }

    public bool Changed => Text.Changed;

    /// <summary>How the commands reach the device (from the original file's device).</summary>
    public DeviceProcedure Procedure => Applied.Count > 0 ? Applied[0].Fix.Procedure : DeviceProcedure.For(Before.Model!);

    /// <summary>Every applied fix's change, as one script: definitions, then policies; no command twice.</summary>
    public IReadOnlyList<DeviceCommand> Change => CommandScript.Combine(Applied.Select(a => a.Fix.Change));

    /// <summary>Every applied fix's rollback, as one script: restored maps, then policies, then clean-up.</summary>
    public IReadOnlyList<DeviceCommand> Rollback => CommandScript.Combine(Applied.Select(a => a.Fix.Rollback));

    /// <summary>The applied fixes' verify commands, each once.</summary>
    public IReadOnlyList<string> Verify => [.. Applied.SelectMany(a => a.Fix.Verify).Distinct(StringComparer.Ordinal)];
}

/// <summary>
/// Applies every fix of a file, ruff style: lint, apply the fixes whose edits do not conflict
/// (identical edits from several fixes count once), lint the result, and repeat until no fix
/// changes the text. Display-only fixes contribute commands but no edits.
/// </summary>
public sealed class FileFixer
{
    /// <summary>Rounds before giving up; the default strategies converge in one or two.</summary>
    public const int MaxRounds = 10;

    private readonly Linter _linter;

    public FileFixer(Linter linter) => _linter = linter;

    public FixResult Fix(SourceText source, IReadOnlyCollection<string>? ignoredRules = null) =>
        Fix(_linter.Lint(source, ignoredRules), ignoredRules);

    /// <summary>Fixes a file that has been linted already.</summary>
    public FixResult Fix(FileReport before, IReadOnlyCollection<string>? ignoredRules = null)
    {
        var text = new EditedText(before.Source);
        var applied = new List<AppliedFix>();
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var report = before;
        bool converged = false;
        for (int round = 1; round <= MaxRounds; round++)
        {
            TimeBudget.Check();
            var edits = new List<TextEdit>();
            foreach (var finding in report.Findings)
            {
                if (finding.Fix is not { } fix)
                {
                    continue;
                }

                if (fix.Edits.Count == 0)
                {
                    if (shown.Add(finding.Identity + "|" + fix.Strategy))
                    {
                        applied.Add(new AppliedFix(finding, fix, round, report.Source));
                    }

                    continue;
                }

                if (fix.Edits.Any(e => edits.Exists(e.ConflictsWith)))
                {
                    continue; // the next round recomputes it on the changed text
                }

                foreach (var edit in fix.Edits)
                {
                    if (!edits.Contains(edit))
                    {
                        edits.Add(edit);
                    }
                }

                applied.Add(new AppliedFix(finding, fix, round, report.Source));
            }

            if (edits.Count == 0)
            {
                converged = true;
                break;
            }

            text.Apply(edits);
            report = _linter.Lint(SourceText.FromString(before.Source.Path, text.Text), ignoredRules);
        }

        return new FixResult { Before = before, After = report, Text = text, Applied = applied, Converged = converged };
    }
}
