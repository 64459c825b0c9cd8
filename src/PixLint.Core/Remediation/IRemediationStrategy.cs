namespace PixLint.Remediation;

/// <summary>
/// One way of fixing findings (one class per strategy, registered by name in
/// <see cref="RemediationStrategies"/>). A rule lists the strategies that fit it, in preference order.
/// </summary>
public interface IRemediationStrategy
{
    /// <summary>The name rules use (<see cref="StrategyNames"/>).</summary>
    string Name { get; }

    /// <summary>Why this strategy cannot fix <paramref name="subject"/> here, or null when it can.</summary>
    string? Unavailable(RemediationContext context, object subject);

    /// <summary>The fix for <paramref name="subject"/> (call only when <see cref="Unavailable"/> is null).</summary>
    Fix Create(RemediationContext context, object subject);
}
