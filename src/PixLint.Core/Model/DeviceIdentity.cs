namespace PixLint.Model;

/// <summary>Where the platform and version came from.</summary>
public enum IdentitySource : byte
{
    /// <summary>Nothing said; the platform may have been inferred from the commands.</summary>
    None = 0,

    /// <summary>A `PIX|ASA|FWSM|NGFW Version ...` header line.</summary>
    VersionHeader,

    /// <summary>A generator comment such as fwbuilder's `! Compiled for pix 6.3`.</summary>
    GeneratorComment,

    /// <summary>`--platform` / `--os-version` on the command line.</summary>
    CommandLine,

    /// <summary>Inferred from the commands present (fixups only, policy-maps, a system context).</summary>
    Inferred,

    /// <summary>A version in a comment header: `: ASA Version 9.1(5) &lt;context&gt;`, Oxidized's `! Cisco Adaptive Security Appliance Software Version 9.8(4)`.</summary>
    CommentHeader,
}

/// <summary>What kind of text the file is.</summary>
public enum InputKind : byte
{
    /// <summary>A saved `show running-config` / `write terminal`: what is not there is not configured (defaults excepted).</summary>
    RunningConfig = 0,

    /// <summary>A command script (fwbuilder output, `clear config`, `exit`): a missing line changes nothing on the device.</summary>
    CommandScript,

    /// <summary>The system execution space of a multi-context device: policies live in each context's own file.</summary>
    SystemContext,
}

/// <summary>The device a configuration belongs to.</summary>
public sealed record DeviceIdentity(
    DevicePlatform Platform,
    OsVersion? Version,
    string? VersionText,
    IdentitySource Source,
    int HeaderLine,
    string? Hostname,
    string? ContextMarker)
{
    public InspectionGeneration Generation { get; init; }

    /// <summary>`asa 9.8(4)`, `pix 6.3(5)`, `asa (version unknown)`.</summary>
    public string Describe() =>
        $"{Platform.ToName()} {(Version is null ? VersionText is null ? "(version unknown)" : $"'{VersionText}'" : Version.Text)}";
}
