using System.Text;
using PixLint.Rules;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>
/// `--statistics`: in place of the text report, how many findings each rule made (most first, as
/// ruff's `--statistics`), then the text summary line:
/// <c>    2  SMTP010  error    Applied ESMTP inspection strips STARTTLS</c>.
/// </summary>
public sealed class StatisticsFormatter : IReportFormatter
{
    private readonly Dictionary<string, (int Count, Severity Severity)> _counts = new(StringComparer.Ordinal);
    private StreamWriter? _writer;
    private IReadOnlyList<Rule> _rules = [];

    public void Begin(ReportContext context)
    {
        _rules = context.Rules;
        _writer = new StreamWriter(context.Output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
    }

    public void Add(FileReport file)
    {
        foreach (var finding in file.Findings)
        {
            // Per-rule severity overrides apply per finding; the most severe one is shown.
            _counts[finding.RuleId] = _counts.TryGetValue(finding.RuleId, out var c)
                ? (c.Count + 1, finding.Severity > c.Severity ? finding.Severity : c.Severity)
                : (1, finding.Severity);
        }
    }

    public void End(LintSummary summary)
    {
        var writer = _writer!;
        var rows = _counts.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        int countWidth = rows.Count == 0 ? 1 : rows.Max(r => r.Value.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        int idWidth = rows.Count == 0 ? 0 : rows.Max(r => r.Key.Length);
        foreach (var (id, (count, severity)) in rows)
        {
            string title = _rules.FirstOrDefault(r => r.Id == id)?.Title ?? string.Empty;
            string line = $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(countWidth)}  {id.PadRight(idWidth)}  {severity.ToName(),-7}  {title}";
            writer.WriteLine(line.TrimEnd());
        }

        writer.WriteLine(TextFormatter.Summary(summary));
        writer.Flush();
    }

    public void Dispose() => _writer?.Dispose();
}
