using PixLint.Model;

namespace PixLint.Remediation.Strategies;

/// <summary>
/// `no inspect esmtp` in the class of each applied policy that strips STARTTLS (any PIX 7+/ASA/FWSM
/// 3+/FTD release). The inspect line disappears from the saved configuration. The other inspections
/// of the class stay; the ESMTP map's other checks go with the inspection.
/// </summary>
public sealed class DisableInspectionStrategy : IRemediationStrategy
{
    public string Name => StrategyNames.DisableInspection;

    public string? Unavailable(RemediationContext context, object subject) =>
        subject is InspectEntry ? null : "only an `inspect` line can be removed";

    public Fix Create(RemediationContext context, object subject)
    {
        var entry = (InspectEntry)subject;
        string inspect = context.CommandText(entry.Line);
        var notes = new List<string>
        {
            $"with the inspection gone, the firewall no longer checks SMTP on the ports of class `{entry.Class.ClassName}` "
            + $"(TCP {entry.Ports}); STARTTLS and the rest of ESMTP pass untouched",
        };
        if (entry.MapName is not null)
        {
            notes.Add(PolicyModes.NoInspectWithMapNote(inspect));
        }

        var mode = PolicyModes.Class(entry);
        return new Fix
        {
            Title = $"Remove `{inspect}` from class `{entry.Class.ClassName}` of policy-map `{entry.Policy.Name}`",
            Strategy = Name,
            Applicability = FixApplicability.Review,
            Procedure = context.Procedure,
            Change = [new DeviceCommand(mode, "no " + inspect, CommandStage.Policies)],
            Rollback = [new DeviceCommand(mode, inspect, CommandStage.Policies)],
            Verify = [PolicyModes.ShowPolicyMap(entry.Policy.Name), PolicyModes.ShowServicePolicyEsmtp],
            Edits = [context.Editor.DeleteLines(entry.Line, entry.Line + 1)],
            Notes = notes,
        };
    }
}
