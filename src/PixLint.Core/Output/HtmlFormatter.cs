using System.Globalization;
using System.Text;
using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>
/// `--format html`: a self-contained audit report, one file that works offline: inline CSS, no
/// script, no external asset (a Content-Security-Policy says so to the browser). A summary (files,
/// devices by hostname, findings by severity and by rule), then one section per device with each
/// finding's message, notes, the configuration excerpt around it (secrets redacted), the rule's
/// explanation and the fix, then the documentation of every rule that fired. Everything taken from
/// configurations and rule files is escaped.
/// <para>
/// Files stream in, but the summary comes first in the page: device sections are written to a
/// temporary file as they arrive and copied after the summary at the end, so memory stays flat over
/// thousands of files.
/// </para>
/// </summary>
public sealed class HtmlFormatter : IReportFormatter
{
    private const int ContextLines = 3;

    private const string Css = """
        :root { --error: #b3261e; --warning: #8a5a00; --note: #1f5fa8; --muted: #5f6368; --line: #dadce0; --bg-code: #f6f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #202124; background: #fff; }
        header.report { border-bottom: 3px solid #202124; margin-bottom: 1.5rem; }
        header.report h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
        header.report p { margin: 0 0 .75rem; color: var(--muted); }
        h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
        h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #f1f3f4; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .totals { display: flex; flex-wrap: wrap; gap: .75rem; margin: .5rem 0 1rem; padding: 0; list-style: none; }
        .totals li { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 8rem; }
        .totals strong { display: block; font-size: 1.6rem; line-height: 1.2; }
        .sev { display: inline-block; font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; padding: .05rem .45rem; border-radius: 4px; color: #fff; }
        .sev-error { background: var(--error); } .sev-warning { background: var(--warning); } .sev-note { background: var(--note); }
        .count-error { color: var(--error); font-weight: 600; } .count-warning { color: var(--warning); font-weight: 600; } .count-note { color: var(--note); }
        section.device { margin-top: 2.5rem; }
        .device-meta { color: var(--muted); margin: -.5rem 0 1rem; }
        article.finding { border: 1px solid var(--line); border-left: 5px solid var(--note); border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
        article.finding.error { border-left-color: var(--error); } article.finding.warning { border-left-color: var(--warning); }
        article.finding h3 { margin: 0 0 .35rem; font-size: 1rem; }
        .where { color: var(--muted); font-size: .9rem; margin: 0 0 .5rem; }
        .message { margin: .25rem 0 .5rem; }
        .notes { margin: .25rem 0 .5rem; padding-left: 1.25rem; color: #3c4043; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .88em; }
        :not(pre) > code { background: var(--bg-code); padding: .05rem .3rem; border-radius: 3px; }
        pre { background: var(--bg-code); border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; overflow-x: auto; }
        table.excerpt { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .85rem; background: var(--bg-code); border: 1px solid var(--line); margin: .5rem 0; }
        table.excerpt td { border: 0; padding: 0 .6rem; white-space: pre; }
        table.excerpt td.ln { color: var(--muted); text-align: right; width: 1%; user-select: none; }
        table.excerpt tr.hit td { background: #fde7e4; }
        table.excerpt tr.hit td.ln { color: var(--error); font-weight: 700; }
        table.affected { font-size: .85rem; }
        pre.commands { background: var(--bg-code); border: 1px solid var(--line); padding: .5rem .75rem; font-size: .85rem; overflow-x: auto; }
        p.commands-caption { font-weight: 600; margin: .5rem 0 .2rem; }
        table.affected caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        p.affected { font-size: .85rem; color: var(--muted); }
        .related { font-size: .9rem; margin: .25rem 0 .5rem; padding-left: 1.25rem; }
        details { margin: .5rem 0; }
        details > summary { cursor: pointer; font-weight: 600; }
        .fix { border-top: 1px dashed var(--line); margin-top: .5rem; padding-top: .5rem; }
        .fix h4 { margin: 0 0 .25rem; font-size: .95rem; }
        .clean { color: var(--muted); }
        section.rule { border-top: 1px solid var(--line); margin-top: 1.5rem; }
        footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
        p.executive { font-size: 1.2rem; font-weight: 600; margin: .5rem 0 1rem; }
        .totals.verdicts li.verdict-strips-starttls strong { color: var(--error); } .totals.verdicts li.verdict-masks-banner strong { color: var(--warning); }
        .verdict { display: inline-block; font-size: .75rem; font-weight: 700; padding: .05rem .45rem; border-radius: 4px; white-space: nowrap; border: 1px solid currentColor; }
        .verdict-strips-starttls { color: var(--error); } .verdict-masks-banner { color: var(--warning); } .verdict-could-not-tell { color: var(--muted); } .verdict-clean { color: #137333; }
        .shared { font-size: .8rem; color: var(--muted); display: block; }
        article.fix-group { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: .75rem 0; break-inside: avoid; }
        article.fix-group h3 { margin: .25rem 0; font-size: 1rem; }
        tr.no-allow-tls td { background: #fef7e0; }
        figure.mail-path { margin: .5rem 0; overflow-x: auto; } figure.mail-path svg { max-width: 100%; height: auto; font-family: system-ui, "DejaVu Sans", sans-serif; }
        @page { margin: 14mm 12mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; } details { display: block; } details > summary { list-style: none; } a { color: inherit; text-decoration: none; }
          section.device { break-before: page; } h2, h3, .device-meta, p.where { break-after: avoid; } tr, pre, table.excerpt, figure.mail-path, article.fix-group { break-inside: avoid; }
          thead { display: table-header-group; } pre { white-space: pre-wrap; overflow: visible; }
          .device-running-head { display: block; }
        }
        """;

    private FormatOptions _options = new();
    private Stream? _output;
    private FileStream? _sections;
    private StreamWriter? _body;
    private readonly Dictionary<string, Rule> _rules = new(StringComparer.Ordinal);
    private readonly List<DeviceRow> _devices = [];
    private readonly SortedDictionary<string, int> _byRule = new(StringComparer.Ordinal);

    /// <summary>One row of the devices table.</summary>
    private sealed record DeviceRow(int Number, string Hostname, string Platform, string Version, string Path, int Errors, int Warnings, int Notes, int Problems, bool HasSection, DeviceVerdict Verdict);

    private readonly Html.FixPlan _plan = new();
    private int _findingNumber;
    private readonly Dictionary<string, (int First, int Shown)> _kinds = new(StringComparer.Ordinal);

    /// <summary>How many findings of one kind (rule and change) are shown in full; the rest point to the first.</summary>
    private const int FullPerKind = 3;
    private readonly Html.ScopeSection _scope = new();

    public void Begin(ReportContext context)
    {
        _options = context.Options;
        _output = context.Output;
        foreach (var rule in context.Rules)
        {
            _rules.TryAdd(rule.Id, rule);
        }

        string temp = Path.GetTempFileName();
        _sections = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        _body = new StreamWriter(_sections, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
    }

    public void Add(FileReport file)
    {
        var text = new ReportText(file, _options);
        var device = file.Model?.Device;
        // A file name is shown on one line: a newline or escape sequence in it is neutralised (data-path too).
        string path = Text.LosslessUtf8.ToDisplay(ArtifactPath.Relative(file.Path, _options.WorkingDirectory));
        string hostname = device?.Hostname is { } h ? Text.LosslessUtf8.ToDisplay(h) : "(no hostname)";
        var problems = file.Diagnostics.Where(d => d.Severity >= Severity.Warning).ToList();
        bool hasSection = file.Findings.Count > 0 || problems.Count > 0;
        var row = new DeviceRow(
            _devices.Count + 1,
            hostname,
            device?.Platform.ToName() ?? "unknown",
            device?.Version?.Text ?? (device?.VersionText is { } v ? Text.LosslessUtf8.ToDisplay(v) : "unknown"),
            path,
            file.Findings.Count(f => f.Severity == Severity.Error),
            file.Findings.Count(f => f.Severity == Severity.Warning),
            file.Findings.Count(f => f.Severity == Severity.Note),
            problems.Count,
            hasSection,
            DeviceVerdict.Of(file));
        _devices.Add(row);
        _plan.Add(file.Findings, hostname, row.Number, row.Verdict.SupportsAllowTls, _rules);
        _scope.Add(file);
        foreach (var finding in file.Findings)
        {
            _byRule[finding.RuleId] = _byRule.GetValueOrDefault(finding.RuleId) + 1;
        }

        if (hasSection)
        {
            WriteDevice(_body!, file, text, row, problems);
            _body!.Flush();
        }
    }

    public void End(LintSummary summary)
    {
        using (var page = new StreamWriter(_output!, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
        {
            WriteHead(page, summary);
            WriteSummary(page, summary);
            _plan.Write(page);
            _scope.Write(page, summary);
            page.WriteLine("<main>");
            page.WriteLine("<h2 id=\"devices-findings\">Findings by device</h2>");
            if (!_devices.Any(d => d.HasSection))
            {
                page.WriteLine("<p class=\"clean\">No findings and no input problems.</p>");
            }

            page.Flush();
            _body!.Flush();
            _sections!.Position = 0;
            _sections.CopyTo(_output!);
            WriteRuleDocs(page);
            page.WriteLine("</main>");
            page.WriteLine($"<footer>Generated by {E(ToolInfo.Name)} {E(_options.ToolVersion)} (<a href=\"{E(ToolInfo.InformationUri)}\">{E(ToolInfo.InformationUri)}</a>). Secrets in excerpts are {(_options.ShowSecrets ? "<strong>shown</strong> (--show-secrets)" : $"replaced by <code>{E(SecretRedactor.Marker)}</code>")}.</footer>");
            page.WriteLine("</body>");
            page.WriteLine("</html>");
        }

        _output!.Flush();
    }

    public void Dispose()
    {
        _body?.Dispose();
        _sections?.Dispose();
    }

    private static string E(string text) => HtmlText.Encode(text);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{N(n)} {word}s";

    private void WriteHead(TextWriter page, LintSummary summary)
    {
        page.WriteLine("<!DOCTYPE html>");
        page.WriteLine("<html lang=\"en\">");
        page.WriteLine("<head>");
        page.WriteLine("<meta charset=\"utf-8\">");
        page.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        page.WriteLine($"<meta name=\"generator\" content=\"{E(ToolInfo.Name)} {E(_options.ToolVersion)}\">");
        page.WriteLine($"<title>PixLint audit report: {N(summary.Findings)} findings in {N(summary.Files)} files</title>");
        page.WriteLine("<style>");
        page.WriteLine(Css);
        page.WriteLine("</style>");
        page.WriteLine("</head>");
        page.WriteLine("<body>");
        page.WriteLine("<header class=\"report\">");
        page.WriteLine("<h1>PixLint audit report</h1>");
        string when = _options.GeneratedAt is { } at ? $", {E(at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))}" : string.Empty;
        page.WriteLine($"<p>Cisco PIX/ASA/FWSM/FTD settings that break STARTTLS for mail servers. {E(ToolInfo.Name)} {E(_options.ToolVersion)}{when}.</p>");
        page.WriteLine("</header>");
    }

    private void WriteSummary(TextWriter page, LintSummary summary)
    {
        int hostnames = _devices.Select(d => d.Hostname).Distinct(StringComparer.Ordinal).Count();
        var verdicts = summary.Verdicts;
        page.WriteLine("<section id=\"summary\">");
        page.WriteLine("<h2>Summary</h2>");
        page.WriteLine($"<p id=\"executive-summary\" class=\"executive\">{E(verdicts.Sentence())}</p>");
        page.WriteLine("<ul class=\"totals verdicts\">");
        foreach (var (verdict, n) in new[] { (DeviceRating.StripsStartTls, verdicts.StripsStartTls), (DeviceRating.MasksBanner, verdicts.MasksBanner), (DeviceRating.CouldNotTell, verdicts.CouldNotTell), (DeviceRating.Clean, verdicts.Clean) })
        {
            page.WriteLine($"<li class=\"verdict-{DeviceVerdict.Key(verdict)}\" id=\"total-{DeviceVerdict.Key(verdict)}\"><strong>{N(n)}</strong> {E(DeviceVerdict.Name(verdict))}</li>");
        }

        page.WriteLine($"<li id=\"total-mail-servers\"><strong>{N(verdicts.MailServers)}</strong> mail {(verdicts.MailServers == 1 ? "server" : "servers")} affected</li>");
        page.WriteLine("</ul>");
        page.WriteLine("<ul class=\"totals\">");
        page.WriteLine($"<li><strong>{N(summary.Files)}</strong> {(summary.Files == 1 ? "file" : "files")}</li>");
        string shared = hostnames < _devices.Count ? $" <span class=\"shared\">({N(hostnames)} hostnames: {N(_devices.Count - hostnames)} {(_devices.Count - hostnames == 1 ? "file shares" : "files share")} a hostname)</span>" : string.Empty;
        page.WriteLine($"<li id=\"total-devices\"><strong>{N(_devices.Count)}</strong> {(_devices.Count == 1 ? "device" : "devices")}{shared}</li>");
        page.WriteLine($"<li class=\"count-error\" id=\"total-errors\"><strong>{N(summary.Errors)}</strong> {(summary.Errors == 1 ? "error" : "errors")}</li>");
        page.WriteLine($"<li class=\"count-warning\" id=\"total-warnings\"><strong>{N(summary.Warnings)}</strong> {(summary.Warnings == 1 ? "warning" : "warnings")}</li>");
        page.WriteLine($"<li class=\"count-note\" id=\"total-notes\"><strong>{N(summary.Notes)}</strong> {(summary.Notes == 1 ? "note" : "notes")}</li>");
        if (summary.Baseline is { } baseline)
        {
            page.WriteLine($"<li><strong>{N(baseline.Suppressed)}</strong> suppressed by the baseline</li>");
        }

        page.WriteLine("</ul>");
        if (summary.UnrecognizedLines > 0)
        {
            page.WriteLine($"<p>{Plural(summary.UnrecognizedLines, "unrecognised line")} in {Plural(summary.FilesWithUnrecognizedLines, "file")} (PixLint kept them as unknown commands; <code>pixlint parse FILE</code> shows them).</p>");
        }

        if (_options.Project is { } project)
        {
            page.WriteLine($"<p id=\"project-configuration\">Project configuration <code>{E(project.Path)}</code>: {(project.Changes.Count == 0 ? "changes nothing" : E(string.Join("; ", project.Changes)))}.</p>");
        }

        page.WriteLine("<h3>Devices</h3>");
        page.WriteLine("<table id=\"devices\">");
        page.WriteLine("<thead><tr><th>Verdict</th><th>Hostname</th><th>Platform</th><th>Version</th><th>File</th><th class=\"num\">Errors</th><th class=\"num\">Warnings</th><th class=\"num\">Notes</th></tr></thead>");
        page.WriteLine("<tbody>");
        foreach (var d in _devices.OrderBy(d => d.Verdict.Verdict).ThenByDescending(d => d.Errors).ThenBy(d => d.Hostname, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Path, StringComparer.Ordinal))
        {
            string name = d.HasSection ? $"<a href=\"#device-{N(d.Number)}\">{E(d.Hostname)}</a>" : E(d.Hostname);
            string key = DeviceVerdict.Key(d.Verdict.Verdict);
            page.WriteLine($"<tr data-verdict=\"{key}\"><td><span class=\"verdict verdict-{key}\" title=\"{E(d.Verdict.Reason)}\">{E(DeviceVerdict.Name(d.Verdict.Verdict))}</span></td><td>{name}</td><td>{E(d.Platform)}</td><td>{E(d.Version)}</td><td><code>{E(d.Path)}</code></td>{Count(d.Errors, "error")}{Count(d.Warnings, "warning")}{Count(d.Notes, "note")}</tr>");
        }

        page.WriteLine("</tbody>");
        page.WriteLine("</table>");

        page.WriteLine("<h3>Findings by rule</h3>");
        if (_byRule.Count == 0)
        {
            page.WriteLine("<p class=\"clean\">No findings.</p>");
        }
        else
        {
            page.WriteLine("<table id=\"rules-summary\">");
            page.WriteLine("<thead><tr><th>Rule</th><th>Severity</th><th>What it flags</th><th class=\"num\">Findings</th></tr></thead>");
            page.WriteLine("<tbody>");
            foreach (var (id, count) in _byRule)
            {
                _rules.TryGetValue(id, out var rule);
                string severity = rule?.Severity.ToName() ?? "note";
                page.WriteLine($"<tr><td><a href=\"#rule-{E(id)}\">{E(id)}</a></td><td><span class=\"sev sev-{severity}\">{severity}</span></td><td>{(rule is null ? string.Empty : HtmlText.Inline(rule.Title))}</td><td class=\"num\">{N(count)}</td></tr>");
            }

            page.WriteLine("</tbody>");
            page.WriteLine("</table>");
        }

        page.WriteLine("</section>");
    }

    private static string Count(int n, string severity) =>
        n == 0 ? "<td class=\"num\">0</td>" : $"<td class=\"num count-{severity}\">{N(n)}</td>";

    private void WriteDevice(TextWriter w, FileReport file, ReportText text, DeviceRow row, List<ParseDiagnostic> problems)
    {
        w.WriteLine($"<section class=\"device\" id=\"device-{N(row.Number)}\" data-path=\"{E(row.Path)}\">");
        w.WriteLine($"<h2>{E(row.Hostname)}</h2>");
        string kind = file.Model?.InputKind switch
        {
            InputKind.CommandScript => "command script",
            InputKind.SystemContext => "system context",
            _ => "running configuration",
        };
        w.WriteLine($"<p class=\"device-meta\"><code>{E(row.Path)}</code> · {E(row.Platform)} {E(row.Version)} · {kind}{(file.UnrecognizedLines > 0 ? $" · {Plural(file.UnrecognizedLines, "unrecognised line")}" : string.Empty)}</p>");
        foreach (var finding in file.Findings)
        {
            TimeBudget.Check();
            WriteFinding(w, file, text, row.Path, finding);
        }

        if (problems.Count > 0)
        {
            w.WriteLine("<h3>Input problems</h3>");
            w.WriteLine("<ul class=\"problems\">");
            foreach (var problem in problems)
            {
                var region = Region.Of(file.Source, problem.Span);
                string at = problem.Span.Length == 0 && problem.Span.Start == 0 ? string.Empty : $"line {N(region.Line)}: ";
                w.WriteLine($"<li><span class=\"sev sev-{problem.Severity.ToName()}\">{problem.Severity.ToName()}</span> {at}{E(text.Message(problem.Message))} <code>{E(problem.Code)}</code></li>");
            }

            w.WriteLine("</ul>");
        }

        w.WriteLine("</section>");
    }

    private void WriteFinding(TextWriter w, FileReport file, ReportText text, string path, Finding finding)
    {
        _rules.TryGetValue(finding.RuleId, out var rule);
        string severity = finding.Severity.ToName();
        var region = Region.Of(file.Source, finding.Span);
        int number = ++_findingNumber;

        // Identical findings across devices (same rule, same change): the first few in full, the
        // rest in a line or two that point to the first, so a fleet's report stays small.
        string kind = $"{finding.RuleId}\n{(finding.Fix is { } f ? string.Join("\n", f.Commands) : string.Empty)}";
        if (!_kinds.TryGetValue(kind, out var seen))
        {
            _kinds[kind] = seen = (number, 0);
        }

        _kinds[kind] = (seen.First, seen.Shown + 1);
        bool compact = seen.Shown >= FullPerKind;
        w.WriteLine($"<article class=\"finding {severity}{(compact ? " compact" : string.Empty)}\" id=\"finding-{N(number)}\" data-rule=\"{E(finding.RuleId)}\" data-severity=\"{severity}\">");
        w.WriteLine($"<h3><span class=\"sev sev-{severity}\">{severity}</span> <a href=\"#rule-{E(finding.RuleId)}\">{E(finding.RuleId)}</a>{(rule is null || compact ? string.Empty : " " + HtmlText.Inline(rule.Title))}</h3>");
        w.WriteLine($"<p class=\"where\"><code>{E(path)}:{N(region.Line)}:{N(region.Column)}</code></p>");
        w.WriteLine($"<p class=\"message\">{HtmlText.Inline(text.Message(finding.Message))}</p>");
        if (compact)
        {
            WriteExcerpt(w, file, text, region with { Line = region.Line, EndLine = region.Line }, number, context: 0);
            int hosts = finding.Affected?.Count ?? 0;
            w.WriteLine($"<p class=\"same-as\">As <a href=\"#finding-{N(seen.First)}\">the first</a> (why, path, fix).{(hosts > 0 ? $" {Plural(hosts, "mail host")} (json lists them)." : string.Empty)}</p>");
            w.WriteLine("</article>");
            return;
        }

        if (finding.Notes.Count > 0)
        {
            w.WriteLine("<ul class=\"notes\">");
            foreach (string note in finding.Notes)
            {
                w.WriteLine($"<li>{HtmlText.Inline(text.Message(note))}</li>");
            }

            w.WriteLine("</ul>");
        }

        Html.MailPathSvg.Write(w, finding, number, region.Line, text.Message);
        var ids = WriteExcerpt(w, file, text, region, number);
        WriteAffected(w, text, finding);
        if (finding.Related.Count > 0)
        {
            w.WriteLine("<ul class=\"related\">");
            foreach (var related in finding.Related)
            {
                var at = Region.Of(file.Source, related.Span);
                string id = ids.Add(at.Line) ? $" id=\"{Html.MailPathSvg.LineId(number, at.Line)}\"" : string.Empty;
                w.WriteLine($"<li{id}>line {N(at.Line)}: {HtmlText.Inline(text.Message(related.Message))} <code>{E(text.Line(at.Line - 1).Trim())}</code></li>");
            }

            w.WriteLine("</ul>");
        }

        if (rule is not null)
        {
            w.WriteLine("<details class=\"explanation\">");
            w.WriteLine("<summary>Why it matters</summary>");
            w.Write(HtmlText.Markdown(rule.Docs.Why));
            w.WriteLine("</details>");
        }

        WriteFix(w, rule, finding.Fix);
        w.WriteLine("</article>");
    }

    /// <summary>The mail hosts the finding affects, as a table (or the sentence saying none is named).</summary>
    private static void WriteAffected(TextWriter w, ReportText text, Finding finding)
    {
        if (finding.Affected is not { } hosts)
        {
            return;
        }

        if (hosts.Count == 0)
        {
            w.WriteLine("<p class=\"affected none\">No access rule in this file permits SMTP, so the setting applies to any mail through this firewall.</p>");
            return;
        }

        w.WriteLine("<table class=\"affected\">");
        w.WriteLine("<caption>Mail hosts affected</caption>");
        w.WriteLine("<thead><tr><th>Direction</th><th>Interface</th><th>Public</th><th>Real</th><th class=\"num\">Port</th><th>Via</th></tr></thead>");
        w.WriteLine("<tbody>");
        foreach (var host in hosts)
        {
            string real = host.RealInterface is null ? host.Real : $"{host.Real} ({host.RealInterface})";
            w.WriteLine($"<tr><td>{E(host.DirectionName)}</td><td>{E(host.Interface)}</td><td><code>{E(text.Message(host.Public))}</code></td><td><code>{E(text.Message(real))}</code></td><td class=\"num\">{E(host.Ports.ToString())}</td><td>{E(text.Message(host.Via))} (line {N(host.AccessLine + 1)})</td></tr>");
        }

        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        if (hosts is MailHostList { MoreRules: > 0 } list)
        {
            w.WriteLine($"<p class=\"affected more\">{N(list.MoreRules)} more access rules name mail ports (not listed).</p>");
        }
    }

    /// <summary>
    /// The finding's fix: the rule's fix guidance, then the device commands `pixlint fix` generates
    /// for this device (with save, verify and rollback), or why there is no automatic fix.
    /// </summary>
    private static void WriteFix(TextWriter w, Rule? rule, Remediation.Fix? fix)
    {
        if (rule is null || (rule.Docs.Fix is null && rule.Remediation.Strategies.Count == 0 && rule.Remediation.Manual is null))
        {
            return;
        }

        w.WriteLine("<div class=\"fix\">");
        w.WriteLine("<h4>Fix</h4>");
        if (rule.Docs.Fix is { } guidance)
        {
            w.Write(HtmlText.Markdown(guidance));
        }

        if (fix is not null)
        {
            w.WriteLine($"<p class=\"fix-title\">{HtmlText.Inline(fix.Title)} <span class=\"applicability\">[{E(fix.Applicability.ToString().ToLowerInvariant())}]</span></p>");
            foreach (string note in fix.Procedure.Notes)
            {
                w.WriteLine($"<p class=\"procedure\">{HtmlText.Inline(note)}</p>");
            }

            var procedure = fix.Procedure;
            var script = procedure.Pasteable(fix.Commands);
            WriteCommands(w, procedure.Delivery == Remediation.FixDelivery.FlexConfig ? "FlexConfig object" : "Commands", script);
            if (fix.Verify.Count > 0)
            {
                WriteCommands(w, "Verify", fix.Verify);
            }

            var rollback = procedure.Pasteable(fix.RollbackCommands);
            WriteCommands(w, "Rollback", rollback);
            if (fix.Notes.Count > 0)
            {
                w.WriteLine("<ul class=\"notes\">");
                foreach (string note in fix.Notes)
                {
                    w.WriteLine($"<li>{HtmlText.Inline(note)}</li>");
                }

                w.WriteLine("</ul>");
            }
        }
        else if (rule.Remediation.Manual is { } manual)
        {
            w.WriteLine($"<p>No automatic fix: {HtmlText.Inline(manual.Trim())}</p>");
        }
        else if (rule.Remediation.Strategies.Count > 0)
        {
            w.WriteLine($"<p><code>pixlint fix</code> strategies, by preference: {string.Join(", ", rule.Remediation.Strategies.Select(s => $"<code>{E(s)}</code>"))}.</p>");
        }

        w.WriteLine("</div>");
    }

    private static void WriteCommands(TextWriter w, string caption, IEnumerable<string> lines)
    {
        w.WriteLine($"<p class=\"commands-caption\">{E(caption)}</p>");
        w.WriteLine($"<pre class=\"commands\">{E(string.Join("\n", lines))}</pre>");
    }

    /// <summary>The lines around the finding, each row with its id (<see cref="Html.MailPathSvg.LineId"/>); returns the lines that have one.</summary>
    private static HashSet<int> WriteExcerpt(TextWriter w, FileReport file, ReportText text, Region region, int number, int context = ContextLines)
    {
        var ids = new HashSet<int>();
        int lines = file.Source.LineCount;
        if (lines == 0)
        {
            return ids;
        }

        int first = Math.Max(1, region.Line - context);
        int last = Math.Min(lines, Math.Max(region.Line, region.EndLine) + context);
        w.WriteLine("<table class=\"excerpt\">");
        for (int line = first; line <= last; line++)
        {
            bool hit = line >= region.Line && line <= Math.Max(region.Line, region.EndLine);
            string content = text.Line(line - 1).Replace('\t', ' ');
            ids.Add(line);
            w.WriteLine($"<tr id=\"{Html.MailPathSvg.LineId(number, line)}\"{(hit ? " class=\"hit\"" : string.Empty)}><td class=\"ln\">{N(line)}</td><td>{E(content)}</td></tr>");
        }

        w.WriteLine("</table>");
        return ids;
    }

    private void WriteRuleDocs(TextWriter page)
    {
        if (_byRule.Count == 0)
        {
            return;
        }

        page.WriteLine("<h2 id=\"rules\">Rules that fired</h2>");
        foreach (string id in _byRule.Keys)
        {
            if (!_rules.TryGetValue(id, out var rule))
            {
                continue;
            }

            page.WriteLine($"<section class=\"rule\" id=\"rule-{E(id)}\">");
            page.Write(HtmlText.Markdown(RuleMarkdown.Render(rule), topLevel: 3));
            page.WriteLine($"<p>Documentation: <a href=\"{E(rule.HelpUri)}\">{E(rule.HelpUri)}</a></p>");
            page.WriteLine("</section>");
        }
    }
}
