using System.Text;
using PixLint.Remediation;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Output.FixWriters;

/// <summary>
/// `--format commands` (the default): per device, what is fixed and what remains, then the
/// configuration-mode script, the save command, the verify commands and the rollback. Every line
/// that is not a command starts with `!` (a comment to the device), and the rollback is commented
/// out, so pasting the whole output applies the change and never undoes it.
/// </summary>
public sealed class CommandsFixWriter : IFixWriter
{
    private const string Comment = "! ";

    public bool OneFileOnly => false;

    public void Write(FixResult result, FixWriterContext context)
    {
        // Hostnames and map names come from the file: no escape sequence of theirs reaches the terminal.
        using var writer = new DisplayWriter(new StreamWriter(context.Output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" });
        var device = result.Before.Model?.Device;
        string hostname = device?.Hostname is { } h ? $", hostname {h}" : string.Empty;
        writer.WriteLine($"! pixlint fix: {Display(result.Before.Path)} ({device?.Describe() ?? "unknown device"}{hostname})");

        var procedure = result.Procedure;
        if (result.Applied.Count == 0)
        {
            writer.WriteLine(result.Before.Findings.Count == 0 ? "! No findings: nothing to fix." : "! Nothing to fix automatically.");
            WriteRemaining(writer, result, context);
            writer.WriteLine();
            return;
        }

        writer.WriteLine("!");
        writer.WriteLine("! Fixes:");
        foreach (var applied in result.Applied)
        {
            var position = applied.Source.GetPosition(applied.Finding.Span.Start);
            string pass = applied.Round > 1 ? $" (pass {applied.Round})" : string.Empty;
            writer.WriteLine($"!   {applied.Finding.RuleId} {position.Line}:{position.Column}{pass} [{applied.Fix.Applicability.ToName()}] {Display(applied.Fix.Title)}");
            foreach (string note in applied.Fix.Notes)
            {
                writer.WriteLine($"!     - {Display(note)}");
            }
        }

        WriteRemaining(writer, result, context);
        if (procedure.Notes.Count > 0)
        {
            writer.WriteLine("!");
            writer.WriteLine("! Device:");
            foreach (string note in procedure.Notes)
            {
                writer.WriteLine($"!   - {Display(note)}");
            }
        }

        bool flex = procedure.Delivery == FixDelivery.FlexConfig;
        writer.WriteLine("!");
        writer.WriteLine(flex
            ? "! 1. Change: the body of a FlexConfig object, deployed from FMC or FDM"
            : "! 1. Change: paste in privileged EXEC mode");
        foreach (string line in Script(procedure, CommandScript.Render(result.Change)))
        {
            writer.WriteLine(line);
        }

        writer.WriteLine("!");
        if (procedure.Save is { } save)
        {
            writer.WriteLine("! 2. Save");
            writer.WriteLine(save);
        }
        else
        {
            writer.WriteLine("! 2. Save: deploying from the manager saves the configuration (no `write memory`)");
        }

        writer.WriteLine("!");
        writer.WriteLine(flex ? "! 3. Verify, at the FTD CLI after the deployment" : "! 3. Verify");
        foreach (string verify in result.Verify)
        {
            writer.WriteLine(verify);
        }

        if (procedure.FixupEra)
        {
            writer.WriteLine("! Optional and disruptive (see Device above): apply the change to existing connections too");
            writer.WriteLine(Comment + DeviceProcedure.ClearXlate);
        }

        writer.WriteLine("!");
        writer.WriteLine(flex
            ? "! 4. Rollback: the body of a second FlexConfig object, only to undo the change (remove the leading \"! \" from each line)"
            : "! 4. Rollback: only to undo the change (remove the leading \"! \" from each line)");
        foreach (string line in Script(procedure, CommandScript.Render(result.Rollback)))
        {
            writer.WriteLine(Comment + line);
        }

        if (procedure.Save is { } saveAgain)
        {
            writer.WriteLine(Comment + saveAgain);
        }

        writer.WriteLine();
    }

    /// <summary>The configuration-mode lines framed by entering and leaving configuration mode (CLI only).</summary>
    private static IEnumerable<string> Script(DeviceProcedure procedure, IReadOnlyList<string> lines)
    {
        if (procedure.EnterConfig is { } enter)
        {
            yield return enter;
        }

        foreach (string line in lines)
        {
            yield return line;
        }

        if (procedure.LeaveConfig is { } leave)
        {
            yield return leave;
        }
    }

    private static void WriteRemaining(TextWriter writer, FixResult result, FixWriterContext context)
    {
        var remaining = result.After.Findings;
        if (remaining.Count == 0)
        {
            return;
        }

        writer.WriteLine("!");
        writer.WriteLine(result.Applied.Count == 0 ? "! Findings without an automatic fix:" : "! Remaining after these changes (no automatic fix):");
        foreach (var finding in remaining)
        {
            var position = result.After.Source.GetPosition(finding.Span.Start);
            writer.WriteLine($"!   {finding.RuleId} {position.Line}:{position.Column} {finding.Severity.ToName()}: {Display(finding.Message)}");
            string why = context.Rules.Find(finding.RuleId)?.Remediation.Manual is { } manual
                ? manual.Trim()
                : finding.Fix is null ? "none of the rule's fixes applies here" : "its fix could not be applied";
            writer.WriteLine($"!     - {Display(why)}");
        }
    }

    private static string Display(string text) => LosslessUtf8.ToDisplay(text.ReplaceLineEndings(" "));
}
