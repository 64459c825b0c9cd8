using PixLint.Model;
using PixLint.Syntax;
using YamlDotNet.RepresentationModel;

namespace PixLint.Rules;

/// <summary>
/// `.pixlint.yaml`: project settings, found upward from the working folder (or given with
/// --config). Command-line options win over it. Validated like rule files.
/// <code>
/// rules: [./our-rules]            # extra rule files or folders (relative to this file)
/// no-default-rules: false
/// select: [SMTP]                  # rule ids or id prefixes
/// ignore: [SMTP015]
/// severity: { SMTP012: warning }  # per-rule severity
/// fail-on: error                  # error | warning | note | none
/// include: ["configs/**"]         # only these files are looked at in a folder walk (globs, relative to this file)
/// exclude: ["lab/**"]             # files never linted (globs, relative to this file)
/// per-path-ignores: { "legacy/**": [SMTP001] }
/// platform: asa                   # for files without a version line
/// os-version: 9.8(4)
/// max-unknown: 10                 # or "5%": fail when a file has more unrecognised lines
/// defaults: { inspect-maps: [...], allow-tls: {...} }   # override built-in assumptions (defaults.yaml format)
/// </code>
/// </summary>
public sealed partial class ProjectConfig
{
    public const string FileName = ".pixlint.yaml";

    private static readonly string[] Keys =
    [
        "rules", "no-default-rules", "select", "ignore", "severity", "fail-on", "include", "exclude", "per-path-ignores",
        "platform", "os-version", "max-unknown", "defaults",
    ];

    private readonly List<(GlobSet Glob, IReadOnlyList<string> Ids)> _perPathIgnores = [];

    /// <summary>The folder the file is in; relative paths in it are relative to this folder.</summary>
    public string Directory { get; private init; } = string.Empty;

    public string Path { get; private init; } = string.Empty;

    public IReadOnlyList<string> Rules { get; private set; } = [];

    public bool? NoDefaultRules { get; private set; }

    public IReadOnlyList<string> Select { get; private set; } = [];

    public IReadOnlyList<string> Ignore { get; private set; } = [];

    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; private set; } = new Dictionary<string, Severity>();

    public string? FailOn { get; private set; }

    public DevicePlatform? Platform { get; private set; }

    public OsVersion? OsVersion { get; private set; }

    /// <summary>Unrecognised lines allowed per file: a count, or a percentage of command lines.</summary>
    public (int? Count, double? Percent)? MaxUnknown { get; private set; }

    /// <summary>Built-in defaults with the user's overrides in front (null when the file has none).</summary>
    public PlatformDefaults? Defaults { get; private set; }

    public static ProjectConfig Load(string path, string displayPath, string text, List<LoadError> errors)
    {
        var file = YamlFile.Load(displayPath, text);
        var config = new ProjectConfig { Path = path, Directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? "." };
        if (file.Root is not null && file.Map(file.Root, "the configuration file") is { } map)
        {
            config.Read(file, map);
        }

        errors.AddRange(file.Errors);
        return config;
    }

    /// <summary>`include:` globs (empty: every file a walk finds is looked at).</summary>
    public GlobSet Include { get; private set; } = GlobSet.Empty;

    /// <summary>`exclude:` globs: files never linted.</summary>
    public GlobSet Exclude { get; private set; } = GlobSet.Empty;

    /// <summary>The `exclude` glob the file at <paramref name="fullPath"/> matches, or null.</summary>
    public string? ExcludedBy(string fullPath) => Exclude.FirstMatch(Relative(fullPath));

    /// <summary>True when there are no `include` globs or the file at <paramref name="fullPath"/> matches one.</summary>
    public bool Includes(string fullPath) => Include.IsEmpty || Include.Matches(Relative(fullPath));

    /// <summary>Rule ids ignored for the file at <paramref name="fullPath"/> by `per-path-ignores`.</summary>
    public IEnumerable<string> IgnoredFor(string fullPath)
    {
        string relative = Relative(fullPath);
        return _perPathIgnores.Where(p => p.Glob.Matches(relative)).SelectMany(p => p.Ids);
    }

    private string Relative(string fullPath) => System.IO.Path.GetRelativePath(Directory, fullPath).Replace('\\', '/');

    private void Read(YamlFile file, YamlMappingNode map)
    {
        file.CheckKeys(map, "the configuration file", Keys);
        Rules = ReadRulePaths(file, map);
        NoDefaultRules = file.Bool(map, "no-default-rules");
        Select = file.StringList(map, "select") ?? [];
        Ignore = file.StringList(map, "ignore") ?? [];

        if (file.Map(YamlFile.Get(map, "severity"), "'severity'") is { } severity)
        {
            var overrides = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in severity.Children)
            {
                string id = (key as YamlScalarNode)?.Value ?? string.Empty;
                string? level = file.String(value, $"the severity of {id}");
                if (level is "error" or "warning" or "note" && SeverityNames.TryParse(level, out var s))
                {
                    overrides[id] = s;
                }
                else if (level is not null)
                {
                    file.Error(value, $"severity must be error, warning or note, not '{level}'");
                }
            }

            SeverityOverrides = overrides;
        }

        FailOn = file.String(map, "fail-on");
        if (FailOn is not (null or "error" or "warning" or "note" or "none"))
        {
            file.Error(YamlFile.Get(map, "fail-on")!, $"fail-on must be error, warning, note or none, not '{FailOn}'");
        }

        Include = new GlobSet(file.StringList(map, "include") ?? []);
        Exclude = new GlobSet(file.StringList(map, "exclude") ?? []);

        if (file.Map(YamlFile.Get(map, "per-path-ignores"), "'per-path-ignores'") is { } ignores)
        {
            foreach (var (key, value) in ignores.Children)
            {
                string glob = (key as YamlScalarNode)?.Value ?? string.Empty;
                _perPathIgnores.Add((new GlobSet([glob]), file.StringList(value, $"the rules ignored for '{glob}'") ?? []));
            }
        }

        if (file.String(map, "platform") is { } platform)
        {
            if (DevicePlatformNames.TryParse(platform, out var p))
            {
                Platform = p;
            }
            else
            {
                file.Error(YamlFile.Get(map, "platform")!, $"unknown platform '{platform}' (expected pix, asa, fwsm or ftd)");
            }
        }

        if (file.String(map, "os-version") is { } version)
        {
            if (Model.OsVersion.TryParse(version, out var v))
            {
                OsVersion = v;
            }
            else
            {
                file.Error(YamlFile.Get(map, "os-version")!, $"'{version}' is not a PIX/ASA version (expected e.g. 9.8(4) or 6.3(5))");
            }
        }

        if (YamlFile.Get(map, "max-unknown") is YamlScalarNode { Value: { } maxUnknown } maxNode)
        {
            MaxUnknown = ParseMaxUnknown(maxUnknown);
            if (MaxUnknown is null)
            {
                file.Error(maxNode, $"max-unknown must be a count (10) or a percentage (\"5%\"), not '{maxUnknown}'");
            }
        }

        if (YamlFile.Get(map, "defaults") is { } defaultsNode)
        {
            Defaults = DefaultsLoader.Overlay(file, defaultsNode, DefaultsLoader.Default);
        }
    }

    /// <summary>
    /// The `rules` entries as full paths. Each must lie inside this file's folder, links resolved: a
    /// configuration comes with the repository being linted, and `../../etc/passwd` or a link out of
    /// it must not make pixlint read (and quote in its errors) a file elsewhere. `--rules` on the
    /// command line takes any path.
    /// </summary>
    private List<string> ReadRulePaths(YamlFile file, YamlMappingNode map)
    {
        var node = YamlFile.Get(map, "rules");
        var texts = file.StringList(map, "rules") ?? [];
        var nodes = node is YamlSequenceNode seq ? seq.Children.Where(c => c is YamlScalarNode).ToList() : node is null ? [] : [node];
        var paths = new List<string>();
        for (int i = 0; i < texts.Count; i++)
        {
            string full = System.IO.Path.GetFullPath(texts[i], Directory);
            if (!RealPaths.IsInside(full, Directory))
            {
                file.Error(i < nodes.Count ? nodes[i] : node!, $"rules: '{texts[i]}' is outside the folder of {FileName} ({RealPaths.Resolve(Directory)}); rules named in a project configuration must be inside its folder (give others with --rules)");
                continue;
            }

            paths.Add(full);
        }

        return paths;
    }

    /// <summary>`10` or `5%`.</summary>
    public static (int? Count, double? Percent)? ParseMaxUnknown(string text)
    {
        text = text.Trim();
        if (text.EndsWith('%') && double.TryParse(text[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double percent) && percent is >= 0 and <= 100)
        {
            return (null, percent);
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int count) ? (count, null) : null;
    }
}
