using PixLint.Model;

namespace PixLint.Remediation;

/// <summary>How configuration commands reach a device.</summary>
public enum FixDelivery : byte
{
    /// <summary>Typed (or pasted) at the device's CLI in configuration mode.</summary>
    Cli = 0,

    /// <summary>FTD: a FlexConfig object deployed from the manager (FMC or FDM), never typed at the CLI.</summary>
    FlexConfig = 1,
}

/// <summary>
/// The device-specific frame around fix commands: how to enter and leave configuration mode, how
/// to save, and what to know before pasting (FTD's FlexConfig, security contexts, `clear xlate`).
/// </summary>
public sealed record DeviceProcedure
{
    public const string ConfigureTerminal = "configure terminal";
    public const string WriteMemory = "write memory";
    public const string ClearXlate = "clear xlate";

    public required DeviceIdentity Device { get; init; }

    public FixDelivery Delivery { get; init; }

    /// <summary>PIX 4.2-6.x / FWSM 1-2: no sub-modes, and configuration mode is left with `exit`.</summary>
    public bool FixupEra { get; init; }

    /// <summary>`configure terminal` (null for FlexConfig).</summary>
    public string? EnterConfig => Delivery == FixDelivery.Cli ? ConfigureTerminal : null;

    /// <summary>Old PIX software dislikes `end`, so the fixup era leaves with `exit`; null for FlexConfig.</summary>
    public string? LeaveConfig => Delivery == FixDelivery.FlexConfig ? null : FixupEra ? "exit" : "end";

    /// <summary>`write memory`; null on FTD, where deploying from the manager saves.</summary>
    public string? Save => Delivery == FixDelivery.FlexConfig ? null : WriteMemory;

    /// <summary>`configure terminal`, the lines, `end` (or `exit` on PIX 6), `write memory`: a block pasteable as it is (FlexConfig: the lines alone).</summary>
    public List<string> Pasteable(IEnumerable<string> lines)
    {
        var script = new List<string>();
        if (EnterConfig is { } enter)
        {
            script.Add(enter);
        }

        script.AddRange(lines);
        if (LeaveConfig is { } leave)
        {
            script.Add(leave);
        }

        if (Save is { } save)
        {
            script.Add(save);
        }

        return script;
    }

    /// <summary>What to know before applying the commands to this device.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The procedure for the device a configuration belongs to.</summary>
    public static DeviceProcedure For(ConfigModel model)
    {
        var device = model.Device;
        var notes = new List<string>();
        bool fixupEra = device.Generation == InspectionGeneration.Fixup;
        var delivery = device.Platform == DevicePlatform.Ftd ? FixDelivery.FlexConfig : FixDelivery.Cli;
        if (delivery == FixDelivery.FlexConfig)
        {
            notes.Add("FTD is managed by FMC or FDM: do not type these commands at the FTD CLI. Put the change in a FlexConfig object, "
                + "add the object to the device's FlexConfig policy and deploy; deployment saves the configuration, so there is no `write memory`. "
                + "Undo by deploying a FlexConfig object with the rollback commands. [verify: no Cisco source for FTD was retrieved]");
        }

        if (device.ContextMarker == "<context>")
        {
            notes.Add("this is a security context's configuration: apply the commands inside that context (`changeto context NAME` from the system "
                + "execution space) and save there (`write memory`, or `write memory all` from the system execution space). [verify]");
        }

        if (device.Platform == DevicePlatform.Unknown || device.Generation == InspectionGeneration.Unknown)
        {
            notes.Add($"PixLint could not tell the platform and software version ({device.Describe()}); the commands follow what the configuration "
                + "looks like: give --platform and --os-version to be sure.");
        }

        if (fixupEra)
        {
            notes.Add("fixup changes apply to new connections only; `clear xlate` applies them at once but drops every translation: disruptive, "
                + "so it is optional.");
        }

        return new DeviceProcedure { Device = device, Delivery = delivery, FixupEra = fixupEra, Notes = notes };
    }
}
