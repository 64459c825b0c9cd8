using System.Text;
using PixLint.Remediation;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Output;

/// <summary>
/// `--format text` (the default): `path:line:col: severity RULE message`, the source line with a
/// caret under the span, and a summary. Colour only when asked (a terminal and NO_COLOR unset).
/// </summary>
public sealed class TextFormatter : IReportFormatter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Cyan = "\u001b[36m";

    private StreamWriter? _writer;
    private FormatOptions _options = new();

    public void Begin(ReportContext context)
    {
        _writer = new StreamWriter(context.Output, new UTF8Encoding(false), leaveOpen: true);
        _options = context.Options;
    }

    public void Add(FileReport file)
    {
        WriteFile(file, _writer!, _options);
        _writer!.Flush();
    }

    public void End(LintSummary summary)
    {
        _writer!.WriteLine(Summary(summary));
        if (_options.Project is { } project)
        {
            _writer.WriteLine(project.Describe());
        }

        _writer.Flush();
    }

    public void Dispose() => _writer?.Dispose();

    private static void WriteFile(FileReport file, TextWriter writer, FormatOptions options)
    {
        string C(string code, string text) => options.Color ? code + text + Reset : text;
        var shown = new ReportText(file, options);

        {
            var items = file.Findings.Select(f => (f.Span, Item: (object)f))
                .Concat(file.CountedDiagnostics.Select(d => (d.Span, Item: (object)d)))
                .OrderBy(x => x.Span.Start);
            foreach (var (span, item) in items)
            {
                TimeBudget.Check();
                var region = Region.Of(file.Source, span);
                string location = span.Length == 0 && span.Start == 0 && item is ParseDiagnostic
                    ? LosslessUtf8.ToDisplay(file.Path)
                    : $"{LosslessUtf8.ToDisplay(file.Path)}:{region.Line}:{region.Column}";
                switch (item)
                {
                    case Finding f:
                        writer.WriteLine($"{C(Bold, location)}: {SeverityLabel(f.Severity, C)} {C(Bold, f.RuleId)} {shown.Message(f.Message)}");
                        WriteExcerpt(writer, file, shown, span, C);
                        foreach (var host in f.Affected ?? [])
                        {
                            writer.WriteLine($"  {C(Cyan, "= affected:")} {shown.Message(host.Describe())} (line {host.AccessLine + 1}{(host.NatLine is int nat ? $", NAT line {nat + 1}" : string.Empty)})");
                        }

                        if (f.Affected is Model.MailHostList { MoreRules: > 0 } more)
                        {
                            writer.WriteLine($"  {C(Cyan, "= affected:")} {more.MoreRules} more access rules name mail ports (see --format json)");
                        }

                        foreach (string note in f.Notes)
                        {
                            writer.WriteLine($"  {C(Cyan, "= note:")} {shown.Message(note)}");
                        }

                        if (f.Fix is { } fix)
                        {
                            writer.WriteLine($"  {C(Cyan, "= fix:")} {LosslessUtf8.ToDisplay(fix.Title)} [{fix.Applicability.ToName()}] (`pixlint fix`)");
                        }

                        break;
                    case ParseDiagnostic d:
                        writer.WriteLine($"{C(Bold, location)}: {SeverityLabel(d.Severity, C)} {C(Dim, d.Code)} {shown.Message(d.Message)}");
                        if (span.Length > 0)
                        {
                            WriteExcerpt(writer, file, shown, span, C);
                        }

                        break;
                }
            }
        }

    }

    /// <summary>
    /// `Found 3 findings (2 errors, 1 warning, 0 notes) in 5 files; 4 files skipped (--list-files shows why).`
    /// "No findings" only when every file was read: otherwise `0 findings in the 2 files read; 1 file could not be read`.
    /// </summary>
    public static string Summary(LintSummary summary)
    {
        string files = summary.Files == 1 ? "1 file" : $"{summary.Files} files";
        var sb = new StringBuilder();
        sb.Append(summary.Findings == 0
            ? summary.Unreadable > 0 ? $"0 findings in the {files} read" : $"No findings in {files}"
            : $"Found {Plural(summary.Findings, "finding")} ({Plural(summary.Errors, "error")}, {Plural(summary.Warnings, "warning")}, {Plural(summary.Notes, "note")}) in {files}");
        if (summary.InputErrors + summary.InputWarnings + summary.InputNotes > 0)
        {
            var parts = new[] { (summary.InputErrors, "error"), (summary.InputWarnings, "warning"), (summary.InputNotes, "note") }
                .Where(p => p.Item1 > 0).Select(p => Plural(p.Item1, p.Item2));
            sb.Append($"; {string.Join(", ", parts)} about the input (what PixLint could not read or tell, listed above)");
        }

        if (summary.Unreadable > 0)
        {
            sb.Append($"; {Plural(summary.Unreadable, "file")} could not be read (errors above)");
        }

        if (summary.Skipped > 0)
        {
            sb.Append($"; {(summary.Skipped == 1 ? "1 file" : $"{summary.Skipped} files")} skipped (--list-files shows why)");
        }

        sb.Append('.');
        if (summary.UnrecognizedLines > 0)
        {
            sb.Append($" {Plural(summary.UnrecognizedLines, "unrecognised line")} in {Plural(summary.FilesWithUnrecognizedLines, "file")} (see --format json).");
        }

        if (summary.Baseline is { } baseline)
        {
            sb.Append($" {Plural(baseline.Suppressed, "finding")} suppressed by the baseline");
            sb.Append(baseline.Unmatched.Count == 0
                ? "."
                : baseline.Unmatched.Count == 1
                    ? "; 1 baseline entry no longer matches anything (listed on standard error)."
                    : $"; {baseline.Unmatched.Count} baseline entries no longer match anything (listed on standard error).");
        }

        return sb.ToString();
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    private static string SeverityLabel(Severity severity, Func<string, string, string> c) => severity switch
    {
        Severity.Error => c(Red + Bold, "error"),
        Severity.Warning => c(Yellow + Bold, "warning"),
        _ => c(Cyan + Bold, "note"),
    };

    private static void WriteExcerpt(TextWriter writer, FileReport file, ReportText shown, TextSpan span, Func<string, string, string> c)
    {
        var source = file.Source;
        int lineIndex = source.GetLineIndex(span.Start);
        if (lineIndex < 0 || file.Model is null)
        {
            return;
        }

        var line = source.GetLine(lineIndex);
        string text = shown.Line(lineIndex).Replace('\t', ' ');
        int start = Math.Min(span.Start - line.Start, text.Length);
        int length = Math.Max(1, Math.Min(span.End, line.End) - span.Start);
        length = Math.Min(length, Math.Max(1, text.Length - start));
        string number = (lineIndex + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string gutter = new(' ', number.Length);
        writer.WriteLine($"  {c(Dim, number + " |")} {text}");
        writer.WriteLine($"  {c(Dim, gutter + " |")} {new string(' ', start)}{c(Red, new string('^', length))}");
    }
}
