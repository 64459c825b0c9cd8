using PixLint.Output;

namespace PixLint.Rules;

/// <summary>Collects the findings of a run into a <see cref="Baseline"/> (`--write-baseline`): one entry per path, rule and identity, with its count.</summary>
public sealed class BaselineRecorder
{
    private readonly Dictionary<(string Path, string RuleId, string Identity), int> _counts = [];

    public int Findings { get; private set; }

    /// <summary>Records every finding of <paramref name="report"/>; <paramref name="baselinePath"/> is the file's path relative to the baseline.</summary>
    public void Add(FileReport report, string baselinePath, SecretValues secrets)
    {
        foreach (var finding in report.Findings)
        {
            var key = (baselinePath, finding.RuleId, FindingIdentity.Redacted(finding, secrets));
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            Findings++;
        }
    }

    public Baseline Build() => new([.. _counts.Select(kv => new BaselineEntry(kv.Key.Path, kv.Key.RuleId, kv.Key.Identity, kv.Value))]);
}
