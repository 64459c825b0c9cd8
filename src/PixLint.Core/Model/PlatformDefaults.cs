using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Model;

/// <summary>How sure PixLint is about a built-in default.</summary>
public enum Evidence : byte
{
    /// <summary>A Cisco document says so.</summary>
    Documented = 0,

    /// <summary>No source says so for this platform and version; PixLint assumes it.</summary>
    Assumed = 1,
}

/// <summary>A set of platforms and a version range (`pix, asa` at `&gt;=7.2(3) &lt;8.0`).</summary>
public sealed record PlatformScope(IReadOnlyList<DevicePlatform> Platforms, VersionRange Versions)
{
    /// <summary>True when the scope covers the device; an unknown version matches any range.</summary>
    public bool Covers(DevicePlatform platform, OsVersion? version) =>
        Platforms.Contains(platform) && (version is null || Versions.Contains(version));

    public override string ToString() =>
        $"{string.Join("/", Platforms.Select(p => p.ToName()))}{(Versions.IsAny ? string.Empty : " " + Versions.Text)}";
}

/// <summary>Where a built-in inspect map applies and how sure we are that it holds there.</summary>
public sealed record DefaultApplicability(PlatformScope Scope, Evidence Evidence, string? Source);

/// <summary>A built-in inspect map (such as `_default_esmtp_map`): its name, protocols, applicability and configuration.</summary>
public sealed class DefaultInspectMapSpec
{
    private readonly Lazy<InspectMapDefinition?> _definition;

    public DefaultInspectMapSpec(string name, string protocol, IReadOnlyList<string> alsoFor, IReadOnlyList<DefaultApplicability> applies, string configText)
    {
        Name = name;
        Protocol = protocol;
        AlsoFor = alsoFor;
        Applies = applies;
        ConfigText = configText;
        _definition = new Lazy<InspectMapDefinition?>(Materialise, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    public string Protocol { get; }

    public IReadOnlyList<string> AlsoFor { get; }

    public IReadOnlyList<DefaultApplicability> Applies { get; }

    public string ConfigText { get; }

    /// <summary>The map as implicit configuration (parsed once from <see cref="ConfigText"/>).</summary>
    public InspectMapDefinition? Definition => _definition.Value;

    public bool ServesProtocol(string protocol) =>
        Protocol.Equals(protocol, StringComparison.OrdinalIgnoreCase)
        || AlsoFor.Contains(protocol, StringComparer.OrdinalIgnoreCase);

    private InspectMapDefinition? Materialise()
    {
        var tree = ConfigParser.Parse(SourceText.FromString($"<built-in {Name}>", ConfigText));
        var maps = ModelBuilder.BuildInspectMaps(tree, isImplicit: true);
        return maps.FirstOrDefault(m => m.Name == Name);
    }
}

/// <summary>Ports a `match default-inspection-traffic` class selects for one protocol.</summary>
public sealed record DefaultTraffic(string Transport, PortSet Ports, Evidence Evidence, string? Source);

/// <summary>
/// Built-in behaviour that saved configurations do not show, loaded from the rule pack
/// (`rules/defaults.yaml`): default inspection ports, which releases accept `allow-tls`, and the
/// built-in inspect maps.
/// </summary>
public sealed class PlatformDefaults
{
    public PlatformDefaults(
        IReadOnlyDictionary<string, DefaultTraffic> defaultInspectionTraffic,
        IReadOnlyList<PlatformScope> allowTlsSupport,
        string? allowTlsSource,
        IReadOnlyList<DefaultInspectMapSpec> inspectMaps)
    {
        DefaultInspectionTraffic = defaultInspectionTraffic;
        AllowTlsSupport = allowTlsSupport;
        AllowTlsSource = allowTlsSource;
        InspectMaps = inspectMaps;
    }

    public IReadOnlyDictionary<string, DefaultTraffic> DefaultInspectionTraffic { get; }

    public IReadOnlyList<PlatformScope> AllowTlsSupport { get; }

    public string? AllowTlsSource { get; }

    public IReadOnlyList<DefaultInspectMapSpec> InspectMaps { get; }

    /// <summary>Whether the release accepts `allow-tls`; null when the platform or version is unknown.</summary>
    public bool? SupportsAllowTls(DevicePlatform platform, OsVersion? version)
    {
        if (platform == DevicePlatform.Unknown || version is null)
        {
            return null;
        }

        return AllowTlsSupport.Any(s => s.Covers(platform, version));
    }

    /// <summary>The built-in map `inspect PROTO` uses on this device, and how sure we are.</summary>
    public (DefaultInspectMapSpec Spec, Evidence Evidence, string? Source)? FindDefaultMap(string protocol, DevicePlatform platform, OsVersion? version)
    {
        foreach (var spec in InspectMaps)
        {
            if (!spec.ServesProtocol(protocol))
            {
                continue;
            }

            foreach (var applies in spec.Applies)
            {
                if (applies.Scope.Covers(platform, version))
                {
                    // A known platform with an unknown version: the version-specific evidence does not carry over.
                    var evidence = version is null ? Evidence.Assumed : applies.Evidence;
                    return (spec, evidence, version is null ? "the software version is unknown" : applies.Source);
                }
            }

            // Platform unknown, or a version outside every range that still runs this protocol's inspection.
            return (spec, Evidence.Assumed, platform == DevicePlatform.Unknown ? "the platform is unknown" : "no source covers this platform and version");
        }

        return null;
    }

    /// <summary>Finds a built-in map by name (for `inspect esmtp _default_esmtp_map` written out explicitly).</summary>
    public DefaultInspectMapSpec? FindByName(string protocol, string name) =>
        InspectMaps.FirstOrDefault(s => s.ServesProtocol(protocol) && s.Name.Equals(name, StringComparison.Ordinal));
}
