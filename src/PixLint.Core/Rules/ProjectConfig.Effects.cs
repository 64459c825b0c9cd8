using PixLint.Model;
using PixLint.Syntax;

namespace PixLint.Rules;

/// <summary>What a project configuration changes in a run, said in every report (issue 19: a repository cannot change the verdict behind the user's back).</summary>
public sealed partial class ProjectConfig
{
    /// <summary>
    /// The changes this file makes to the verdict, one phrase each: rules switched off or added,
    /// severities changed (lowered ones said so), the failure threshold, the built-in assumptions
    /// overridden (`defaults:`), the platform and version assumed. <paramref name="rules"/> gives
    /// the rules' own severities; settings the command line gave (<paramref name="overridden"/>: `select`,
    /// `fail-on`, `max-unknown`, `platform`, `os-version`) win over the file and are left out.
    /// </summary>
    public IReadOnlyList<string> Changes(IEnumerable<Rule> rules, IReadOnlySet<string>? overridden = null)
    {
        bool Applies(string key) => overridden is null || !overridden.Contains(key);
        var byId = rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var changes = new List<string>();
        if (NoDefaultRules == true)
        {
            changes.Add("built-in rules switched off (no-default-rules)");
        }

        if (Select.Count > 0 && Applies("select"))
        {
            changes.Add($"only {string.Join(", ", Select)} run (select)");
        }

        if (Ignore.Count > 0)
        {
            changes.Add($"{string.Join(", ", Ignore)} switched off (ignore)");
        }

        foreach (var (id, severity) in SeverityOverrides.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            changes.Add(byId.TryGetValue(id, out var rule) && rule.Severity != severity
                ? $"{id} {(severity < rule.Severity ? "lowered" : "raised")} from {rule.Severity.ToName()} to {severity.ToName()} (severity)"
                : $"{id} set to {severity.ToName()} (severity)");
        }

        if (FailOn is not null && Applies("fail-on"))
        {
            changes.Add($"fails on {FailOn} (fail-on)");
        }

        if (Rules.Count > 0)
        {
            changes.Add($"rules added from {string.Join(", ", Rules.Select(r => System.IO.Path.GetRelativePath(Directory, r).Replace('\\', '/')))} (rules)");
        }

        if (Defaults is { } defaults)
        {
            var builtIn = DefaultsLoader.Default;
            var maps = defaults.InspectMaps.Where(m => !builtIn.InspectMaps.Contains(m)).Select(m => $"`{m.Name}`").Distinct(StringComparer.Ordinal).ToList();
            changes.Add(maps.Count > 0
                ? $"built-in assumptions overridden for inspect map {string.Join(", ", maps)} (defaults)"
                : "built-in assumptions overridden (defaults)");
        }

        if (MaxUnknown is var (count, percent) && (count is not null || percent is not null) && Applies("max-unknown"))
        {
            changes.Add($"fails over {(count is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{percent!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}%")} unrecognised lines (max-unknown)");
        }

        if (Platform is { } platform && Applies("platform"))
        {
            changes.Add($"platform {platform.ToName()} assumed (platform)");
        }

        if (OsVersion is { } version && Applies("os-version"))
        {
            changes.Add($"version {version.Text} assumed (os-version)");
        }

        return changes;
    }
}
