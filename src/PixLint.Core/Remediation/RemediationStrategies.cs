using PixLint.Remediation.Strategies;

namespace PixLint.Remediation;

/// <summary>The registry of remediation strategies, listed by hand (no reflection: Native AOT keeps working).</summary>
public static class RemediationStrategies
{
    public static IReadOnlyDictionary<string, IRemediationStrategy> All { get; } = new IRemediationStrategy[]
    {
        new RemoveFixupStrategy(),
        new AllowTlsStrategy(),
        new DisableInspectionStrategy(),
        new RemoveVerbMatchStrategy(),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>The strategies `pixlint fix --strategy` may choose (the ones that compete for the same findings).</summary>
    public static IReadOnlyList<string> Choosable { get; } = [StrategyNames.AllowTls, StrategyNames.DisableInspection];

    public static IRemediationStrategy? Find(string name) => All.GetValueOrDefault(name);
}
