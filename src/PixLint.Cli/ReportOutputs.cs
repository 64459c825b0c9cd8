using PixLint.Output;
using PixLint.Rules;

namespace PixLint.Cli;

/// <summary>One report of a lint run: a format, and the file it goes to (null: standard output).</summary>
internal sealed record ReportTarget(string Format, string? File);

/// <summary>
/// Every report of one lint run (`-f text -f sarif:pixlint.sarif -f html:report.html`): the configurations
/// are read and linted once and each file's report is handed to every formatter in turn, so each
/// output is byte for byte what a run with that format alone writes. Each file is written to a
/// temporary file beside it and renamed into place only when its report is complete
/// (<see cref="ReportSink"/>), so a reader never sees half a report.
/// </summary>
internal sealed class ReportOutputs : IDisposable
{
    private readonly List<(ReportSink Sink, IReportFormatter Formatter)> _outputs;
    private bool _ended;

    private ReportOutputs(List<(ReportSink Sink, IReportFormatter Formatter)> outputs) => _outputs = outputs;

    /// <summary>
    /// The targets of `-f FORMAT[:FILE]` (repeatable) and `-o FILE`: no `-f` means text; `-o` names the
    /// file of a single format given without one. At most one report goes to standard output, and no
    /// file gets two. Null, with <paramref name="error"/> set, when the options do not make sense.
    /// </summary>
    public static List<ReportTarget>? Parse(IReadOnlyList<string> specs, string? output, IReadOnlyCollection<string> formats, string workingDirectory, out string? error)
    {
        error = null;
        var targets = new List<ReportTarget>();
        foreach (string spec in specs.Count == 0 ? ["text"] : specs)
        {
            int colon = spec.IndexOf(':', StringComparison.Ordinal);
            string format = colon < 0 ? spec : spec[..colon];
            string? file = colon < 0 ? null : spec[(colon + 1)..];
            if (!formats.Contains(format))
            {
                string expects = $"--format expects one of {string.Join(", ", formats)} (optionally with :FILE, as in -f sarif:pixlint.sarif), got '{format}'";
                error = UsageErrors.Closest(format, formats) is { } near ? $"{expects}; did you mean '{near}'?" : expects;
                return null;
            }

            if (file is { Length: 0 })
            {
                error = $"--format: '{spec}' names no file after ':'; expected {format}:FILE, or {format} for standard output";
                return null;
            }

            targets.Add(new ReportTarget(format, file));
        }

        if (output is not null)
        {
            if (targets.Count != 1 || targets[0].File is not null)
            {
                error = "--output: names the file of a single format; with several, give each its file: -f FORMAT:FILE";
                return null;
            }

            targets[0] = targets[0] with { File = output };
        }

        var toStdout = targets.Where(t => t.File is null).Select(t => t.Format).ToList();
        if (toStdout.Count > 1)
        {
            error = $"--format: {string.Join(" and ", toStdout)} would both go to standard output; give all but one a file: -f FORMAT:FILE";
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets.Where(t => t.File is not null))
        {
            if (!seen.Add(Path.GetFullPath(target.File!, workingDirectory)))
            {
                error = $"--format: {target.File} is named twice; each report needs its own file";
                return null;
            }
        }

        return targets;
    }

    /// <summary>
    /// Opens every target (null, with the errors added, if a file cannot be created: nothing is
    /// linted then). <paramref name="colorStdout"/> colours a text report on standard output;
    /// <paramref name="statistics"/> replaces it with the per-rule counts.
    /// </summary>
    public static ReportOutputs? Open(
        CliEnvironment env, IReadOnlyList<ReportTarget> targets, IReadOnlyDictionary<string, Func<IReportFormatter>> formatters,
        FormatOptions options, bool colorStdout, bool statistics, IReadOnlyList<Rule> rules, List<string> errors, IEnumerable<string?>? inputs = null)
    {
        var outputs = new List<(ReportSink Sink, IReportFormatter Formatter)>();
        var all = statistics && !targets.Any(t => t.File is null) ? [.. targets, new ReportTarget("text", null)] : targets;
        foreach (var target in all)
        {
            var sink = ReportSink.Open(env, target.File, errors, inputs);
            if (sink is null)
            {
                new ReportOutputs(outputs).Dispose();
                return null;
            }

            bool stdoutText = target.File is null && target.Format == "text";
            var formatter = stdoutText && statistics ? new StatisticsFormatter() : formatters[target.Format]();
            outputs.Add((sink, formatter));
            formatter.Begin(new ReportContext(sink.Stream, options with { Color = stdoutText && colorStdout }, rules));
        }

        return new ReportOutputs(outputs);
    }

    /// <summary>`--statistics` with a format other than text on standard output: an error message, else null.</summary>
    public static string? CheckStatistics(IReadOnlyList<ReportTarget> targets, bool statistics) =>
        statistics && targets.FirstOrDefault(t => t.File is null) is { Format: not "text" } stdout
            ? $"--statistics: prints the counts per rule on standard output in place of the text report, but {stdout.Format} goes there; write it to a file: -f {stdout.Format}:FILE"
            : null;

    public void Add(FileReport file)
    {
        foreach (var (_, formatter) in _outputs)
        {
            formatter.Add(file);
        }
    }

    /// <summary>Ends every report and disposes its formatter (a formatter's writer must not touch the file once it is committed).</summary>
    public void End(LintSummary summary)
    {
        foreach (var (_, formatter) in _outputs)
        {
            formatter.End(summary);
            formatter.Dispose();
        }

        _ended = true;
    }

    /// <summary>Moves every finished report into place; false (with the errors added) when one could not be.</summary>
    public bool Commit(List<string> errors)
    {
        bool ok = true;
        foreach (var (sink, _) in _outputs)
        {
            ok &= sink.Commit(errors);
        }

        return ok;
    }

    public void Dispose()
    {
        foreach (var (sink, formatter) in _outputs)
        {
            if (!_ended)
            {
                formatter.Dispose();
            }

            sink.Dispose();
        }
    }
}

/// <summary>
/// `--color auto|always|never` for the text report on standard output. `auto` colours a terminal
/// unless `NO_COLOR` is set (https://no-color.org); `FORCE_COLOR` (https://force-color.org) colours
/// even when standard output is not a terminal (CI logs). NO_COLOR wins over FORCE_COLOR, as in
/// Python 3.13; the option wins over both.
/// </summary>
internal static class ColorChoice
{
    public static readonly string[] Values = ["auto", "always", "never"];

    public static bool Resolve(CliEnvironment env, string? choice) => choice switch
    {
        "always" => true,
        "never" => false,
        _ => env.UseColor,
    };
}
