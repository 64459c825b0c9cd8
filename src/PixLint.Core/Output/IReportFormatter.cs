using PixLint.Rules;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>What every formatter is given once, before the first file.</summary>
public sealed record ReportContext(Stream Output, FormatOptions Options, IReadOnlyList<Rule> Rules);

/// <summary>Totals of a run, known only at the end (files are streamed).</summary>
public sealed record LintSummary
{
    public int Files { get; init; }

    public int Errors { get; init; }

    public int Warnings { get; init; }

    public int Notes { get; init; }

    public int Diagnostics { get; init; }

    public int UnrecognizedLines { get; init; }

    public int FilesWithUnrecognizedLines { get; init; }

    /// <summary>Diagnostics about the input that count (<see cref="FileReport.CountedDiagnostics"/>), by severity.</summary>
    public int InputErrors { get; init; }

    public int InputWarnings { get; init; }

    public int InputNotes { get; init; }

    /// <summary>Files a folder walk looked at and did not lint (not configurations, hidden, excluded, too large).</summary>
    public int Skipped { get; init; }

    /// <summary>Files that could not be read or linted (reported as errors).</summary>
    public int Unreadable { get; init; }

    /// <summary>What `--baseline` suppressed and which of its entries matched nothing (null without a baseline).</summary>
    public BaselineOutcome? Baseline { get; init; }

    /// <summary>Devices by verdict, with the numbers of the executive summary (<see cref="DeviceVerdict"/>).</summary>
    public VerdictTotals Verdicts { get; init; } = new();

    public int Findings => Errors + Warnings + Notes;

    /// <summary>Adds one file's counts.</summary>
    public LintSummary Add(FileReport file) => this with
    {
        Files = Files + 1,
        Errors = Errors + file.Findings.Count(f => f.Severity == Severity.Error),
        Warnings = Warnings + file.Findings.Count(f => f.Severity == Severity.Warning),
        Notes = Notes + file.Findings.Count(f => f.Severity == Severity.Note),
        Diagnostics = Diagnostics + file.Diagnostics.Count,
        UnrecognizedLines = UnrecognizedLines + file.UnrecognizedLines,
        FilesWithUnrecognizedLines = FilesWithUnrecognizedLines + (file.UnrecognizedLines > 0 ? 1 : 0),
        InputErrors = InputErrors + file.CountedDiagnostics.Count(d => d.Severity == Severity.Error),
        InputWarnings = InputWarnings + file.CountedDiagnostics.Count(d => d.Severity == Severity.Warning),
        InputNotes = InputNotes + file.CountedDiagnostics.Count(d => d.Severity == Severity.Note),
        Verdicts = Verdicts.Add(DeviceVerdict.Of(file)),
    };

    public static LintSummary Of(IEnumerable<FileReport> files) => files.Aggregate(new LintSummary(), (s, f) => s.Add(f));
}

/// <summary>
/// One output format of `pixlint lint` (one class per format). Files arrive one at a time, in a
/// deterministic order, so a run over thousands of files never holds them all: <see cref="Begin"/>,
/// then <see cref="Add"/> for each file, then <see cref="End"/>. A formatter instance serves one run.
/// </summary>
public interface IReportFormatter : IDisposable
{
    void Begin(ReportContext context);

    void Add(FileReport file);

    void End(LintSummary summary);
}

public static class ReportFormatterExtensions
{
    /// <summary>Writes a whole report in one call (tests, library use); the formatter is used up.</summary>
    public static void Write(this IReportFormatter formatter, LintReport report, Stream output, FormatOptions options, IReadOnlyList<Rule>? rules = null)
    {
        formatter.Begin(new ReportContext(output, options, rules ?? []));
        foreach (var file in report.Files)
        {
            formatter.Add(file);
        }

        formatter.End(LintSummary.Of(report.Files));
    }
}
