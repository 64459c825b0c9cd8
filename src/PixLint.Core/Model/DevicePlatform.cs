namespace PixLint.Model;

/// <summary>The device family a configuration belongs to.</summary>
public enum DevicePlatform : byte
{
    Unknown = 0,
    Pix,
    Asa,
    Fwsm,

    /// <summary>Firepower Threat Defense (its LINA configuration, header `NGFW Version`).</summary>
    Ftd,
}

/// <summary>Which SMTP machinery a configuration uses.</summary>
public enum InspectionGeneration : byte
{
    Unknown = 0,

    /// <summary>PIX 4.2-6.x and FWSM 1.x-2.x: `fixup protocol` commands.</summary>
    Fixup,

    /// <summary>PIX 7+, ASA, FWSM 3+, FTD: the Modular Policy Framework (`inspect` in policy-maps).</summary>
    Mpf,
}

public static class DevicePlatformNames
{
    public static string ToName(this DevicePlatform platform) => platform switch
    {
        DevicePlatform.Pix => "pix",
        DevicePlatform.Asa => "asa",
        DevicePlatform.Fwsm => "fwsm",
        DevicePlatform.Ftd => "ftd",
        _ => "unknown",
    };

    public static bool TryParse(string? text, out DevicePlatform platform)
    {
        platform = text?.ToLowerInvariant() switch
        {
            "pix" => DevicePlatform.Pix,
            "asa" => DevicePlatform.Asa,
            "fwsm" => DevicePlatform.Fwsm,
            "ftd" or "ngfw" => DevicePlatform.Ftd,
            _ => DevicePlatform.Unknown,
        };
        return platform != DevicePlatform.Unknown;
    }

    /// <summary>The SMTP machinery of <paramref name="platform"/> at <paramref name="version"/> (Unknown when either is unknown).</summary>
    public static InspectionGeneration GenerationOf(DevicePlatform platform, OsVersion? version) => platform switch
    {
        DevicePlatform.Asa or DevicePlatform.Ftd => InspectionGeneration.Mpf,
        DevicePlatform.Pix when version is { } v => v.Major >= 7 ? InspectionGeneration.Mpf : InspectionGeneration.Fixup,
        DevicePlatform.Fwsm when version is { } v => v.Major >= 3 ? InspectionGeneration.Mpf : InspectionGeneration.Fixup,
        _ => InspectionGeneration.Unknown,
    };
}
