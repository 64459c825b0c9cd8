using PixLint.Output;

namespace PixLint.Rules;

/// <summary>What a baseline did in one run: how many findings it suppressed, and which entries matched nothing.</summary>
public sealed record BaselineOutcome(string File, int Suppressed, IReadOnlyList<BaselineEntry> Unmatched);

/// <summary>
/// Applies a <see cref="Baseline"/> to the files of one run, in order (not thread-safe: the CLI
/// calls it from its single output loop). A finding is suppressed while its entry (same path, rule
/// and redacted identity) has occurrences left; entries of the files this run linted that are left
/// over no longer match anything (the finding was fixed, or the configuration changed).
/// </summary>
public sealed class BaselineMatcher
{
    private readonly string _file;
    private readonly Dictionary<(string Path, string RuleId, string Identity), int> _remaining = [];
    private readonly List<BaselineEntry> _entries;
    private readonly HashSet<string> _seenPaths = new(StringComparer.Ordinal);

    public BaselineMatcher(Baseline baseline, string displayFile)
    {
        _file = displayFile;
        _entries = [.. baseline.Entries];
        foreach (var entry in baseline.Entries)
        {
            var key = (entry.Path, entry.RuleId, entry.Identity);
            _remaining[key] = _remaining.GetValueOrDefault(key) + entry.Count;
        }
    }

    public int Suppressed { get; private set; }

    /// <summary>The report without the findings the baseline accepts; <paramref name="baselinePath"/> is the file's path relative to the baseline.</summary>
    public FileReport Apply(FileReport report, string baselinePath, SecretValues secrets)
    {
        _seenPaths.Add(baselinePath);
        if (report.Findings.Count == 0)
        {
            return report;
        }

        var kept = new List<Finding>(report.Findings.Count);
        foreach (var finding in report.Findings)
        {
            var key = (baselinePath, finding.RuleId, FindingIdentity.Redacted(finding, secrets));
            if (_remaining.TryGetValue(key, out int left) && left > 0)
            {
                _remaining[key] = left - 1;
                Suppressed++;
            }
            else
            {
                kept.Add(finding);
            }
        }

        return kept.Count == report.Findings.Count ? report : report with { Findings = kept };
    }

    /// <summary>The outcome after every file: entries of linted files with occurrences left (count = how many are left).</summary>
    public BaselineOutcome Outcome()
    {
        var unmatched = new List<BaselineEntry>();
        var reported = new HashSet<(string, string, string)>();
        foreach (var entry in _entries)
        {
            var key = (entry.Path, entry.RuleId, entry.Identity);
            if (_seenPaths.Contains(entry.Path) && _remaining.TryGetValue(key, out int left) && left > 0 && reported.Add(key))
            {
                unmatched.Add(entry with { Count = left });
            }
        }

        return new BaselineOutcome(_file, Suppressed, unmatched);
    }
}
