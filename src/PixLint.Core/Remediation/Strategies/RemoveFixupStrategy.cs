using PixLint.Model;

namespace PixLint.Remediation.Strategies;

/// <summary>
/// PIX 4.2-6.x / FWSM 1-2: `no fixup protocol smtp PORT` for each port still in force, in the
/// explicit form (sources disagree on what the bare `no fixup protocol smtp` does). The saved
/// configuration keeps `no fixup` lines, so the fixup line becomes its `no` form.
/// </summary>
public sealed class RemoveFixupStrategy : IRemediationStrategy
{
    private const int DefaultSmtpPort = 25;

    public string Name => StrategyNames.RemoveFixup;

    public string? Unavailable(RemediationContext context, object subject) =>
        subject is FixupEntry { Protocol: "smtp", InForce: true } ? null : "only an SMTP fixup in force can be turned off";

    public Fix Create(RemediationContext context, object subject)
    {
        var entry = (FixupEntry)subject;
        var notes = new List<string>();
        var applicability = FixApplicability.Safe;
        var written = entry.Command.Ports;
        var ports = entry.PortsInForce.ToList();
        if (ports.Count == 0)
        {
            // `fixup protocol smtp` without a port: the default port.
            ports.Add(PortRange.Single(DefaultSmtpPort));
            written ??= PortRange.Single(DefaultSmtpPort);
            applicability = FixApplicability.Review;
            notes.Add($"the line names no port, so PixLint assumed the default, {DefaultSmtpPort}; check `show fixup` for the ports really in force [verify]");
        }
        else if (written is { } range && (ports.Count != 1 || ports[0] != range))
        {
            applicability = FixApplicability.Review;
            notes.Add($"part of `{range}` was already cancelled by a later `no fixup protocol smtp`; the commands turn off what is left ({string.Join(", ", ports)}). "
                + "How PIX software treats a `no fixup` for part of a range is not documented: check `show fixup` afterwards [verify]");
        }

        string portList = string.Join(", ", ports.Select(p => p.ToString()));
        return new Fix
        {
            Title = $"Turn MailGuard off: `no fixup protocol smtp` for TCP {portList}",
            Strategy = Name,
            Applicability = applicability,
            Procedure = context.Procedure,
            Change = [.. ports.Select(p => new DeviceCommand([], $"no fixup protocol smtp {p}", CommandStage.Policies))],
            Rollback = [.. ports.Select(p => new DeviceCommand([], $"fixup protocol smtp {p}", CommandStage.Policies))],
            Verify = ["show fixup"],
            Edits = [context.Editor.ReplaceCommand(entry.Line, $"no fixup protocol smtp {written}")],
            Notes = notes,
        };
    }
}
