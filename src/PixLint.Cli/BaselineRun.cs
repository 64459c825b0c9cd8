using PixLint.Output;
using PixLint.Rules;
using PixLint.Text;

namespace PixLint.Cli;

/// <summary>
/// `--baseline FILE` and `--write-baseline FILE` for one lint run: loads the baseline, filters each
/// file's findings through it, records findings for the new baseline, and at the end writes the file
/// (atomically) and tells standard error what happened.
/// </summary>
internal sealed class BaselineRun
{
    private readonly CliEnvironment _env;
    private readonly BaselineMatcher? _matcher;
    private readonly string? _matchFolder;
    private readonly BaselineRecorder? _recorder;
    private readonly string? _writePath;
    private readonly string? _writeDisplay;

    private BaselineRun(CliEnvironment env, BaselineMatcher? matcher, string? matchFolder, string? writePath, string? writeDisplay)
    {
        _env = env;
        _matcher = matcher;
        _matchFolder = matchFolder;
        _writePath = writePath;
        _writeDisplay = writeDisplay;
        _recorder = writePath is null ? null : new BaselineRecorder();
    }

    public bool IsWriting => _recorder is not null;

    /// <summary>Loads `--baseline` and prepares `--write-baseline`; null (errors printed) when the baseline cannot be read.</summary>
    public static BaselineRun? Open(CliEnvironment env, string? baseline, string? writeBaseline)
    {
        BaselineMatcher? matcher = null;
        string? folder = null;
        if (baseline is not null)
        {
            string full = env.ResolvePath(baseline);
            byte[]? bytes;
            try
            {
                bytes = BoundedFile.Read(full, BoundedFile.MaxBaselineBytes, out string? tooLarge);
                if (bytes is null)
                {
                    env.Error.WriteLine($"{baseline}: error: {tooLarge}: not read as a baseline");
                    return null;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                env.Error.WriteLine(File.Exists(full) || Directory.Exists(full)
                    ? $"{baseline}: error: cannot read the baseline ({e.Message})"
                    : $"{baseline}: error: no such file (create it with --write-baseline {baseline})");
                return null;
            }

            var errors = new List<string>();
            var parsed = Baseline.Parse(baseline, bytes, errors);
            if (parsed is null)
            {
                foreach (string error in errors)
                {
                    env.Error.WriteLine(error);
                }

                return null;
            }

            matcher = new BaselineMatcher(parsed, FileDiscovery.Display(baseline));
            folder = Path.GetDirectoryName(full);
        }

        string? writePath = writeBaseline is null ? null : env.ResolvePath(writeBaseline);
        return new BaselineRun(env, matcher, folder, writePath, writeBaseline);
    }

    /// <summary>Records the file's findings (for --write-baseline) and returns the report without the ones the baseline accepts.</summary>
    public FileReport Filter(FileReport report, string? fullPath, FormatOptions options)
    {
        if (_matcher is null && _recorder is null)
        {
            return report;
        }

        var secrets = new ReportText(report, options).Secrets;
        if (_recorder is not null)
        {
            _recorder.Add(report, PathFrom(Path.GetDirectoryName(_writePath!)!, fullPath), secrets);
        }

        return _matcher is null ? report : _matcher.Apply(report, PathFrom(_matchFolder!, fullPath), secrets);
    }

    /// <summary>The baseline's part of the summary (null without --baseline).</summary>
    public BaselineOutcome? Outcome() => _matcher?.Outcome();

    /// <summary>Notes on standard error, and the new baseline written; false when it could not be written.</summary>
    public bool Finish(BaselineOutcome? outcome, List<string> errors)
    {
        if (outcome is { Unmatched.Count: > 0 })
        {
            _env.Error.WriteLine($"pixlint: note: {outcome.File}: {outcome.Unmatched.Count} {(outcome.Unmatched.Count == 1 ? "entry matches" : "entries match")} no finding any more (fixed, or the configuration changed); refresh the baseline with --write-baseline:");
            foreach (var entry in outcome.Unmatched)
            {
                _env.Error.WriteLine($"  {entry.Path}: {entry.RuleId} {entry.Identity}{(entry.Count > 1 ? $" (x{entry.Count})" : string.Empty)}");
            }
        }

        if (_recorder is null)
        {
            return true;
        }

        string temp = Path.Combine(Path.GetDirectoryName(_writePath!)!, $".{Path.GetFileName(_writePath)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                _recorder.Build().Write(stream);
            }

            File.Move(temp, _writePath!, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{_writeDisplay}: error: cannot write the baseline ({e.Message})");
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            return false;
        }

        _env.Error.WriteLine($"pixlint: wrote {_recorder.Findings} {(_recorder.Findings == 1 ? "finding" : "findings")} to the baseline {_writeDisplay}");
        return true;
    }

    /// <summary>A file's path in a baseline: relative to the baseline's folder, forward slashes; `-` for standard input.</summary>
    private static string PathFrom(string folder, string? fullPath) =>
        fullPath is null ? "-" : Path.GetRelativePath(folder, fullPath).Replace('\\', '/');
}
