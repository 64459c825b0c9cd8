using System.Globalization;
using PixLint.Model;

namespace PixLint.Output.Html;

/// <summary>
/// The report's scope and assumptions: what was read and skipped, the releases seen with the
/// defaults PixLint assumed for them (and the command that shows the device's own), and what a
/// configuration file cannot show. One entry per distinct release, so memory stays small.
/// </summary>
internal sealed class ScopeSection
{
    private readonly SortedDictionary<string, Release> _releases = new(StringComparer.Ordinal);
    private int _withoutModel;

    private sealed class Release(DevicePlatform platform, InspectionGeneration generation, bool? allowTls)
    {
        public DevicePlatform Platform { get; } = platform;

        public InspectionGeneration Generation { get; } = generation;

        public bool? AllowTls { get; } = allowTls;

        public int Devices { get; set; }

        public int ShowsDefaults { get; set; }
    }

    public void Add(FileReport file)
    {
        if (file.Model is not { } model)
        {
            _withoutModel++;
            return;
        }

        var device = model.Device;
        string key = device.Describe();
        if (!_releases.TryGetValue(key, out var release))
        {
            _releases[key] = release = new Release(device.Platform, device.Generation, model.Defaults.SupportsAllowTls(device.Platform, device.Version));
        }

        release.Devices++;
        release.ShowsDefaults += model.ShowsDefaults ? 1 : 0;
    }

    /// <summary>The release table doubles as the fleet's "devices per platform and release" chart data.</summary>
    public IEnumerable<(string Release, int Devices, bool? AllowTls)> Releases => _releases.Select(r => (r.Key, r.Value.Devices, r.Value.AllowTls));

    public void Write(TextWriter w, LintSummary summary)
    {
        w.WriteLine("<section id=\"scope\">");
        w.WriteLine("<h2>Scope and assumptions</h2>");
        w.WriteLine("<ul class=\"scope\">");
        w.WriteLine($"<li id=\"scope-files\">{N(summary.Files)} {(summary.Files == 1 ? "file" : "files")} linted; {N(summary.Skipped)} skipped (not configurations, excluded or too large: <code>pixlint lint --list-files</code> shows why); {N(summary.Unreadable)} could not be read.</li>");
        if (_withoutModel > 0)
        {
            w.WriteLine($"<li>{N(_withoutModel)} {(_withoutModel == 1 ? "file was" : "files were")} not understood as a configuration (listed under their device as input problems).</li>");
        }

        w.WriteLine("<li>Only the saved configuration text is read: traffic, live connection state and the device's own built-in defaults are not seen. Where a file does not show a default, PixLint assumes the release's documented one (table below).</li>");
        if (_releases.Keys.Any(k => k.StartsWith("ftd", StringComparison.Ordinal)))
        {
            w.WriteLine("<li>FTD: only the LINA configuration (<code>show running-config</code>) is read. Policies managed in FMC or FDM (access control, prefilter, FlexConfig objects not yet deployed) are not visible; check them there.</li>");
        }

        w.WriteLine("</ul>");
        if (_releases.Count > 0)
        {
            w.WriteLine("<table id=\"releases\">");
            w.WriteLine("<thead><tr><th>Release</th><th class=\"num\">Devices</th><th>Accepts <code>allow-tls</code></th><th>Defaults</th><th>Command that shows the device's own</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (var (name, r) in _releases)
            {
                // A fixup release has no inspect maps: its fix is `no fixup protocol smtp`, not an upgrade.
                string allow = r.Generation == InspectionGeneration.Fixup ? "not applicable (the fix is <code>no fixup protocol smtp</code>)"
                    : r.AllowTls switch { true => "yes", false => "<strong>no: upgrade needed</strong>", _ => "unknown" };
                string defaults = r.ShowsDefaults == r.Devices ? "seen (a <code>show running-config all</code> capture)"
                    : r.ShowsDefaults == 0 ? "assumed" : $"assumed on {N(r.Devices - r.ShowsDefaults)}, seen on {N(r.ShowsDefaults)}";
                string command = r.Generation == InspectionGeneration.Fixup ? "show fixup" : "show running-config all policy-map";
                w.WriteLine($"<tr{(r.AllowTls == false && r.Generation != InspectionGeneration.Fixup ? " class=\"no-allow-tls\"" : string.Empty)}><td>{HtmlText.Encode(name)}</td><td class=\"num\">{N(r.Devices)}</td><td>{allow}</td><td>{defaults}</td><td><code>{command}</code></td></tr>");
            }

            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }

        w.WriteLine("</section>");
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
