using System.Text;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>
/// `--format markdown`: the findings as a GitHub-flavoured Markdown summary, for
/// `$GITHUB_STEP_SUMMARY` and merge-request comments: a heading, one table row per finding and per
/// input problem at warning or above (severity, rule linked to its documentation, location, message),
/// then the text summary line. Secrets are redacted as in every report; table cells escape `|`,
/// HTML and line breaks, so a configuration's text can neither break the table nor inject markup.
/// </summary>
public sealed class MarkdownFormatter : IReportFormatter
{
    private StreamWriter? _writer;
    private FormatOptions _options = new();
    private bool _tableStarted;

    public void Begin(ReportContext context)
    {
        _options = context.Options;
        _writer = new StreamWriter(context.Output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        _writer.WriteLine("## PixLint");
        _writer.WriteLine();
    }

    public void Add(FileReport file)
    {
        var writer = _writer!;
        var text = new ReportText(file, _options);
        string path = ArtifactPath.Relative(file.Path, _options.WorkingDirectory);
        var items = file.Findings.Select(f => (f.Span, f.Severity, Rule: Link(f.RuleId, f.HelpUri), f.Message))
            .Concat(file.Diagnostics.Where(d => d.Severity >= Severity.Warning).Select(d => (d.Span, d.Severity, Rule: Cell(d.Code), d.Message)))
            .OrderBy(x => x.Span.Start);
        foreach (var (span, severity, rule, message) in items)
        {
            TimeBudget.Check();
            if (!_tableStarted)
            {
                writer.WriteLine("| Severity | Rule | Location | Message |");
                writer.WriteLine("|---|---|---|---|");
                _tableStarted = true;
            }

            var region = Region.Of(file.Source, span);
            writer.WriteLine($"| {Label(severity)} | {rule} | {Code($"{path}:{region.Line}:{region.Column}")} | {Cell(text.Message(message))} |");
        }

        writer.Flush();
    }

    public void End(LintSummary summary)
    {
        var writer = _writer!;
        if (_tableStarted)
        {
            writer.WriteLine();
        }

        writer.WriteLine(Cell(TextFormatter.Summary(summary)));
        writer.Flush();
    }

    public void Dispose() => _writer?.Dispose();

    private static string Label(Severity severity) => severity switch
    {
        Severity.Error => "🔴 error",
        Severity.Warning => "🟠 warning",
        _ => "🔵 note",
    };

    private static string Link(string ruleId, string? helpUri) =>
        helpUri is not null && Uri.TryCreate(helpUri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"[{Cell(ruleId)}]({uri.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal)})"
            : Cell(ruleId);

    /// <summary>A path in a code span (backticks in it widen the fence).</summary>
    private static string Code(string value)
    {
        string escaped = value.Replace("|", "\\|", StringComparison.Ordinal);
        return escaped.Contains('`', StringComparison.Ordinal) ? $"`` {escaped} ``" : $"`{escaped}`";
    }

    /// <summary>Text for a table cell: no line breaks, `|` escaped, `&lt;` `&gt;` `&amp;` as entities (GitHub renders some HTML).</summary>
    public static string Cell(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            switch (c)
            {
                case '|': sb.Append("\\|"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\r': break;
                case '\n': sb.Append("<br>"); break;
                default: sb.Append(char.IsControl(c) ? '\uFFFD' : c); break;
            }
        }

        return sb.ToString();
    }
}
