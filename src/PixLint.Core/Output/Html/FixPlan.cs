using System.Globalization;
using PixLint.Remediation;
using PixLint.Rules;
using PixLint.Syntax;

namespace PixLint.Output.Html;

/// <summary>
/// The report's fix plan: the findings that break STARTTLS grouped by the change that fixes them
/// (the same commands on several devices are one group), safe changes first, each with its
/// commands once, a rollback that can be pasted as it is, and the devices it applies to. Findings
/// without an automatic fix are grouped by rule (an upgrade when the release lacks `allow-tls`).
/// Memory: one entry per distinct change plus a name per device (shown up to <see cref="MaxNames"/>).
/// </summary>
internal sealed class FixPlan
{
    /// <summary>The most device names a group lists; the rest are counted.</summary>
    public const int MaxNames = 50;

    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);

    private sealed class Group(int order, string title, string applicability, IReadOnlyList<string> script, IReadOnlyList<string> rollback)
    {
        public int Order { get; } = order;

        public string Title { get; } = title;

        public string Applicability { get; } = applicability;

        public IReadOnlyList<string> Script { get; } = script;

        public IReadOnlyList<string> Rollback { get; } = rollback;

        public List<(string Name, int Number)> Devices { get; } = [];

        public int DeviceCount { get; set; }

        public int LastDevice { get; set; } = -1;
    }

    public int Count => _groups.Count;

    /// <summary>Adds the errors of one device (<paramref name="number"/> links to its section).</summary>
    public void Add(IEnumerable<Finding> findings, string device, int number, bool? supportsAllowTls, IReadOnlyDictionary<string, Rule> rules)
    {
        foreach (var finding in findings.Where(f => f.Severity == Severity.Error))
        {
            Group group;
            if (finding.Fix is { } fix)
            {
                var script = fix.Procedure.Pasteable(fix.Commands);
                var rollback = fix.Procedure.Pasteable(fix.RollbackCommands);
                string key = $"{fix.Applicability}\n{string.Join("\n", script)}";
                if (!_groups.TryGetValue(key, out group!))
                {
                    int order = fix.Applicability switch { FixApplicability.Safe => 0, FixApplicability.Review => 1, _ => 2 };
                    _groups[key] = group = new Group(order, fix.Title, fix.Applicability.ToName(), script, rollback);
                }
            }
            else
            {
                bool upgrade = supportsAllowTls == false;
                string key = $"manual\n{finding.RuleId}\n{upgrade}";
                if (!_groups.TryGetValue(key, out group!))
                {
                    rules.TryGetValue(finding.RuleId, out var rule);
                    string title = upgrade
                        ? $"{finding.RuleId}: upgrade needed, the release does not accept `allow-tls`{(rule?.Remediation.Manual is { } m ? $" ({m.Trim()})" : string.Empty)}"
                        : $"{finding.RuleId}: no automatic fix{(rule?.Remediation.Manual is { } manual ? $": {manual.Trim()}" : string.Empty)}";
                    _groups[key] = group = new Group(upgrade ? 3 : 4, title, "manual", [], []);
                }
            }

            if (group.LastDevice != number)
            {
                group.LastDevice = number;
                group.DeviceCount++;
                if (group.Devices.Count < MaxNames)
                {
                    group.Devices.Add((device, number));
                }
            }
        }
    }

    public void Write(TextWriter w)
    {
        w.WriteLine("<section id=\"fix-plan\">");
        w.WriteLine("<h2>Fix plan</h2>");
        if (_groups.Count == 0)
        {
            w.WriteLine("<p class=\"clean\">Nothing to fix: no finding breaks STARTTLS.</p>");
            w.WriteLine("</section>");
            return;
        }

        w.WriteLine("<p>Each change once, with the devices it applies to; safe changes first. Paste a block as it is (it enters and leaves configuration mode and saves).</p>");
        int step = 0;
        foreach (var g in _groups.Values.OrderBy(g => g.Order).ThenByDescending(g => g.DeviceCount).ThenBy(g => g.Title, StringComparer.Ordinal))
        {
            step++;
            w.WriteLine($"<article class=\"fix-group {g.Applicability}\" id=\"fix-{N(step)}\" data-devices=\"{N(g.DeviceCount)}\">");
            w.WriteLine($"<h3>{N(step)}. {HtmlText.Inline(g.Title)} <span class=\"applicability\">[{HtmlText.Encode(g.Applicability)}]</span> · {(g.DeviceCount == 1 ? "1 device" : $"{N(g.DeviceCount)} devices")}</h3>");
            if (g.Script.Count > 0)
            {
                w.WriteLine("<p class=\"commands-caption\">Commands</p>");
                w.WriteLine($"<pre class=\"commands\">{HtmlText.Encode(string.Join("\n", g.Script))}</pre>");
                w.WriteLine("<p class=\"commands-caption\">Rollback</p>");
                w.WriteLine($"<pre class=\"commands rollback\">{HtmlText.Encode(string.Join("\n", g.Rollback))}</pre>");
            }

            string names = string.Join(", ", g.Devices.Select(d => $"<a href=\"#device-{N(d.Number)}\">{HtmlText.Encode(d.Name)}</a>"));
            int more = g.DeviceCount - g.Devices.Count;
            w.WriteLine($"<p class=\"fix-devices\">Devices: {names}{(more > 0 ? $" and {N(more)} more" : string.Empty)}.</p>");
            w.WriteLine("</article>");
        }

        w.WriteLine("</section>");
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
