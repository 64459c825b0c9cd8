using PixLint.Model;
using PixLint.Syntax;

namespace PixLint.Remediation;

/// <summary>What a strategy sees besides its subject: the model, the device procedure, and an editor on the file's tree.</summary>
public sealed class RemediationContext
{
    public RemediationContext(ConfigModel model)
    {
        Model = model;
        Procedure = DeviceProcedure.For(model);
        Editor = new ConfigEditor(model.Tree);
        AllowTlsSupported = model.Defaults.SupportsAllowTls(model.Device.Platform, model.Device.Version);
    }

    public ConfigModel Model { get; }

    public SyntaxTree Tree => Model.Tree;

    public DeviceProcedure Procedure { get; }

    public ConfigEditor Editor { get; }

    /// <summary>Whether this release accepts `allow-tls` (null when the platform or version is unknown).</summary>
    public bool? AllowTlsSupported { get; }

    /// <summary>The command on <paramref name="line"/> as the device reads it, blanks collapsed (`inspect esmtp MAP`).</summary>
    public string CommandText(int line) =>
        string.Join(' ', Tree.GetCommandText(line).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Why `allow-tls` cannot be used on this device, or null when it can.</summary>
    public string? AllowTlsProblem()
    {
        var device = Model.Device;
        if (AllowTlsSupported == true)
        {
            return null;
        }

        if (AllowTlsSupported is null)
        {
            return device.Platform == DevicePlatform.Unknown
                ? "the platform is unknown, so PixLint cannot tell whether it accepts `allow-tls`: give --platform and --os-version"
                : $"the software version of this {device.Platform.ToName()} is unknown, so PixLint cannot tell whether it accepts `allow-tls`: give --os-version";
        }

        var ranges = Model.Defaults.AllowTlsSupport.Where(s => s.Platforms.Contains(device.Platform)).Select(s => Describe(s.Versions)).ToList();
        string needs = ranges.Count == 0 ? "no release of it does" : $"it needs {string.Join("; or ", ranges)}";
        return $"{device.Describe()} does not accept `allow-tls` ({needs}); upgrading would let it keep the inspection and allow TLS";
    }

    /// <summary>`&gt;=7.2(3) &lt;8.0` as `7.2(3) or later, before 8.0`.</summary>
    private static string Describe(VersionRange range)
    {
        if (range.IsAny)
        {
            return "any release";
        }

        return string.Join(", ", range.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => part switch
        {
            _ when part.StartsWith(">=", StringComparison.Ordinal) => $"{part[2..]} or later",
            _ when part.StartsWith("<=", StringComparison.Ordinal) => $"{part[2..]} or earlier",
            _ when part.StartsWith("==", StringComparison.Ordinal) => part[2..],
            _ when part.StartsWith('>') => $"after {part[1..]}",
            _ when part.StartsWith('<') => $"before {part[1..]}",
            _ => part.TrimStart('='),
        }));
    }
}
