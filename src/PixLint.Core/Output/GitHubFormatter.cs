using System.Text;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>
/// `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
/// annotations on the pull request's diff:
/// <c>::error file=cfg/fw1.cfg,line=103,col=3,endLine=103,endColumn=16,title=SMTP010::message</c>.
/// Notes become `::notice`. Columns are given only when the span is on one line (GitHub ignores them
/// otherwise). Property values escape `%`, CR, LF, `:` and `,`; the message escapes `%`, CR and LF.
/// Input problems at warning or above are annotated too; the last line is the text summary.
/// Annotations do not fail a job: the exit code does.
/// </summary>
public sealed class GitHubFormatter : IReportFormatter
{
    private StreamWriter? _writer;
    private FormatOptions _options = new();

    public void Begin(ReportContext context)
    {
        _writer = new StreamWriter(context.Output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        _options = context.Options;
    }

    public void Add(FileReport file)
    {
        var writer = _writer!;
        var text = new ReportText(file, _options);
        string path = ArtifactPath.Relative(file.Path, _options.WorkingDirectory);
        foreach (var finding in file.Findings)
        {
            TimeBudget.Check();
            var message = new StringBuilder(text.Message(finding.Message));
            foreach (string note in finding.Notes)
            {
                message.Append('\n').Append("note: ").Append(text.Message(note));
            }

            if (finding.HelpUri is not null)
            {
                message.Append('\n').Append("help: ").Append(finding.HelpUri);
            }

            WriteCommand(writer, Command(finding.Severity), path, Region.Of(file.Source, finding.Span), finding.RuleId, message.ToString());
        }

        foreach (var diagnostic in file.CountedDiagnostics)
        {
            Region? region = diagnostic.Span.Length == 0 && diagnostic.Span.Start == 0 ? null : Region.Of(file.Source, diagnostic.Span);
            WriteCommand(writer, Command(diagnostic.Severity), path, region, $"pixlint: {diagnostic.Code}", text.Message(diagnostic.Message));
        }

        writer.Flush();
    }

    public void End(LintSummary summary)
    {
        _writer!.WriteLine(TextFormatter.Summary(summary));
        _writer.Flush();
    }

    public void Dispose() => _writer?.Dispose();

    private static string Command(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "notice",
    };

    private static void WriteCommand(TextWriter writer, string command, string path, Region? region, string title, string message)
    {
        var sb = new StringBuilder();
        sb.Append("::").Append(command).Append(" file=").Append(EscapeProperty(path));
        if (region is { } r)
        {
            sb.Append(",line=").Append(r.Line);
            if (r.EndLine == r.Line)
            {
                sb.Append(",col=").Append(r.Column).Append(",endLine=").Append(r.EndLine).Append(",endColumn=").Append(Math.Max(r.EndColumn, r.Column));
            }
            else
            {
                sb.Append(",endLine=").Append(r.EndLine);
            }
        }

        sb.Append(",title=").Append(EscapeProperty(title)).Append("::").Append(EscapeData(message));
        writer.WriteLine(sb.ToString());
    }

    /// <summary>Escaping for the message (what follows `::`).</summary>
    public static string EscapeData(string value) => value
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escaping for a property value (`file=`, `title=`).</summary>
    public static string EscapeProperty(string value) => EscapeData(value)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);
}
