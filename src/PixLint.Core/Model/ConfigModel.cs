using PixLint.Syntax;

namespace PixLint.Model;

/// <summary>What the caller knows that the file may not say (`--platform`, `--os-version`) and the defaults to use.</summary>
public sealed record ModelOptions(PlatformDefaults Defaults)
{
    /// <summary>Used when the file has no version header or generator comment.</summary>
    public DevicePlatform? Platform { get; init; }

    /// <summary>Used when the file has no parseable version.</summary>
    public OsVersion? Version { get; init; }
}

/// <summary>
/// What a configuration means for SMTP: the device, the fixups in force, the Modular Policy
/// Framework resolved (which policy-maps are applied, which inspections are in force in which
/// classes, the inspect map each one really uses, the ports each class matches), contexts, and
/// the access lists and objects behind them. Built by <see cref="ModelBuilder"/>.
/// </summary>
public sealed class ConfigModel
{
    private MailExposureAnalyzer? _mail;

    internal ConfigModel(SyntaxTree tree, PlatformDefaults defaults)
    {
        Tree = tree;
        Defaults = defaults;
        Objects = new ObjectStore(tree);
        Network = new NetworkModel(tree, Objects);
    }

    public SyntaxTree Tree { get; }

    public PlatformDefaults Defaults { get; }

    public DeviceIdentity Device { get; internal set; } = new(DevicePlatform.Unknown, null, null, IdentitySource.None, -1, null, null);

    public InputKind InputKind { get; internal set; }

    /// <summary>True when the file writes out built-in defaults (a `show running-config all` capture).</summary>
    public bool ShowsDefaults { get; internal set; }

    /// <summary>Every positive `fixup protocol` line, with the ports still in force.</summary>
    public List<FixupEntry> Fixups { get; } = [];

    public Dictionary<string, ClassMapDefinition> ClassMaps { get; } = new(StringComparer.Ordinal);

    /// <summary>Layer 3/4 policy-maps by name.</summary>
    public Dictionary<string, PolicyMapDefinition> PolicyMaps { get; } = new(StringComparer.Ordinal);

    /// <summary>Inspect maps written in the file, keyed by `protocol name`.</summary>
    public Dictionary<string, InspectMapDefinition> InspectMaps { get; } = new(StringComparer.Ordinal);

    /// <summary>`service-policy` lines in force.</summary>
    public List<ServicePolicyBinding> ServicePolicies { get; } = [];

    /// <summary>Every `inspect` line in a layer 3/4 policy-map, in file order.</summary>
    public List<InspectEntry> Inspects { get; } = [];

    public List<ContextDefinition> Contexts { get; } = [];

    public string? AdminContext { get; internal set; }

    /// <summary>Access lists, objects, object-groups and names (indexed on first use).</summary>
    public ObjectStore Objects { get; }

    /// <summary>Interfaces, access-group bindings and static NAT (read on first use).</summary>
    public NetworkModel Network { get; }

    /// <summary>The hosts that send or receive SMTP through the firewall (computed on first use).</summary>
    public MailExposureAnalyzer Mail => _mail ??= new MailExposureAnalyzer(this);

    /// <summary>Problems the model found (undefined references, an unreadable version).</summary>
    public List<ParseDiagnostic> Diagnostics { get; } = [];

    /// <summary>The inspect map named <paramref name="name"/> for <paramref name="protocol"/> written in the file.</summary>
    public InspectMapDefinition? FindInspectMap(string protocol, string name)
    {
        if (InspectMaps.TryGetValue(Key(protocol, name), out var map))
        {
            return map;
        }

        // `inspect smtp MAP` uses ESMTP inspect maps.
        return protocol == "smtp" && InspectMaps.TryGetValue(Key("esmtp", name), out map) ? map : null;
    }

    internal static string Key(string protocol, string name) => protocol + " " + name;
}
