using PixLint.Model;
using YamlDotNet.RepresentationModel;

namespace PixLint.Rules;

/// <summary>Loads `defaults.yaml` (built-in device behaviour) into <see cref="PlatformDefaults"/>, with file:line:column errors.</summary>
public static class DefaultsLoader
{
    private static readonly string[] TopKeys = ["default-inspection-traffic", "allow-tls", "inspect-maps"];
    private static readonly string[] TrafficKeys = ["ports", "transport", "evidence", "source"];
    private static readonly string[] AllowTlsKeys = ["source", "supported"];
    private static readonly string[] ScopeKeys = ["platforms", "versions", "evidence", "source"];
    private static readonly string[] MapKeys = ["name", "protocol", "also-for", "applies", "config"];

    private static readonly Lazy<PlatformDefaults> BuiltIn = new(LoadBuiltIn, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The defaults shipped in the binary (rules/defaults.yaml).</summary>
    public static PlatformDefaults Default => BuiltIn.Value;

    public static PlatformDefaults Load(string path, string text, List<LoadError> errors)
    {
        var file = YamlFile.Load(path, text);
        var defaults = Read(file, file.Root, "the defaults file");
        errors.AddRange(file.Errors);
        return defaults;
    }

    /// <summary>
    /// The `defaults:` section of `.pixlint.yaml` (same format as defaults.yaml) in front of
    /// <paramref name="builtIn"/>: the user's inspect maps and allow-tls ranges are found first,
    /// their default-inspection ports replace the built-in ones.
    /// </summary>
    public static PlatformDefaults Overlay(YamlFile file, YamlNode node, PlatformDefaults builtIn)
    {
        var user = Read(file, node, "'defaults'");
        var traffic = new Dictionary<string, DefaultTraffic>(builtIn.DefaultInspectionTraffic, StringComparer.OrdinalIgnoreCase);
        foreach (var (protocol, t) in user.DefaultInspectionTraffic)
        {
            traffic[protocol] = t;
        }

        return new PlatformDefaults(
            traffic,
            [.. user.AllowTlsSupport, .. builtIn.AllowTlsSupport],
            user.AllowTlsSource ?? builtIn.AllowTlsSource,
            [.. user.InspectMaps, .. builtIn.InspectMaps]);
    }

    private static PlatformDefaults Read(YamlFile file, YamlNode? node, string what)
    {
        var traffic = new Dictionary<string, DefaultTraffic>(StringComparer.OrdinalIgnoreCase);
        var allowTls = new List<PlatformScope>();
        string? allowTlsSource = null;
        var maps = new List<DefaultInspectMapSpec>();

        if (file.Map(node, what) is { } root)
        {
            file.CheckKeys(root, what, TopKeys);
            if (file.Map(YamlFile.Get(root, "default-inspection-traffic"), "'default-inspection-traffic'") is { } dit)
            {
                foreach (var (key, value) in dit.Children)
                {
                    string protocol = (key as YamlScalarNode)?.Value ?? string.Empty;
                    if (file.Map(value, $"'{protocol}'") is not { } entry)
                    {
                        continue;
                    }

                    file.CheckKeys(entry, $"'{protocol}'", TrafficKeys);
                    string ports = file.String(entry, "ports", required: true, what: $"'{protocol}'") ?? "0";
                    var ranges = ParsePorts(file, entry, ports);
                    traffic[protocol] = new DefaultTraffic(
                        file.String(entry, "transport") ?? "tcp", PortSet.Of(ranges), ReadEvidence(file, entry), file.String(entry, "source"));
                }
            }

            if (file.Map(YamlFile.Get(root, "allow-tls"), "'allow-tls'") is { } tls)
            {
                file.CheckKeys(tls, "'allow-tls'", AllowTlsKeys);
                allowTlsSource = file.String(tls, "source");
                if (YamlFile.Get(tls, "supported") is YamlSequenceNode supported)
                {
                    foreach (var item in supported.Children)
                    {
                        if (file.Map(item, "an 'allow-tls' entry") is { } m)
                        {
                            file.CheckKeys(m, "an 'allow-tls' entry", ScopeKeys);
                            allowTls.Add(ReadScope(file, m));
                        }
                    }
                }
            }

            if (YamlFile.Get(root, "inspect-maps") is YamlSequenceNode mapList)
            {
                foreach (var item in mapList.Children)
                {
                    if (file.Map(item, "an inspect map") is not { } m)
                    {
                        continue;
                    }

                    file.CheckKeys(m, "an inspect map", MapKeys);
                    var applies = new List<DefaultApplicability>();
                    if (YamlFile.Get(m, "applies") is YamlSequenceNode appliesList)
                    {
                        foreach (var a in appliesList.Children)
                        {
                            if (file.Map(a, "an 'applies' entry") is { } am)
                            {
                                file.CheckKeys(am, "an 'applies' entry", ScopeKeys);
                                applies.Add(new DefaultApplicability(ReadScope(file, am), ReadEvidence(file, am), file.String(am, "source")));
                            }
                        }
                    }

                    maps.Add(new DefaultInspectMapSpec(
                        file.String(m, "name", required: true, what: "an inspect map") ?? string.Empty,
                        file.String(m, "protocol", required: true, what: "an inspect map") ?? string.Empty,
                        file.StringList(m, "also-for") ?? [],
                        applies,
                        file.String(m, "config", required: true, what: "an inspect map") ?? string.Empty));
                }
            }
        }

        return new PlatformDefaults(traffic, allowTls, allowTlsSource, maps);
    }

    private static PlatformScope ReadScope(YamlFile file, YamlMappingNode map)
    {
        var platforms = new List<DevicePlatform>();
        foreach (string name in file.StringList(map, "platforms") ?? ["pix", "asa", "fwsm", "ftd"])
        {
            if (DevicePlatformNames.TryParse(name, out var p))
            {
                platforms.Add(p);
            }
            else
            {
                file.Error(YamlFile.Get(map, "platforms")!, $"unknown platform '{name}' (expected pix, asa, fwsm or ftd)");
            }
        }

        string? versions = file.String(map, "versions");
        if (!VersionRange.TryParse(versions, out var range, out string error))
        {
            file.Error(YamlFile.Get(map, "versions")!, error);
        }

        return new PlatformScope(platforms, range);
    }

    private static Evidence ReadEvidence(YamlFile file, YamlMappingNode map)
    {
        string? text = file.String(map, "evidence");
        switch (text)
        {
            case null:
            case "documented":
                return Evidence.Documented;
            case "assumed":
                return Evidence.Assumed;
            default:
                file.Error(YamlFile.Get(map, "evidence")!, $"evidence must be 'documented' or 'assumed', not '{text}'");
                return Evidence.Assumed;
        }
    }

    private static List<PortRange> ParsePorts(YamlFile file, YamlMappingNode entry, string text)
    {
        var ranges = new List<PortRange>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] bounds = part.Split('-');
            if (bounds.Length is 1 or 2
                && int.TryParse(bounds[0], out int low)
                && int.TryParse(bounds[^1], out int high)
                && low is >= 0 and <= 65535 && high >= low && high <= 65535)
            {
                ranges.Add(new PortRange(low, high));
            }
            else
            {
                file.Error(YamlFile.Get(entry, "ports")!, $"'{part}' is not a port or range (expected e.g. 25 or 137-138)");
            }
        }

        return ranges;
    }

    private static PlatformDefaults LoadBuiltIn()
    {
        var errors = new List<LoadError>();
        var defaults = Load("rules/defaults.yaml", EmbeddedRulePack.ReadText("defaults.yaml"), errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("the built-in defaults.yaml is invalid: " + string.Join("; ", errors));
        }

        return defaults;
    }
}
