using PixLint.Model;
using PixLint.Rules;

namespace PixLint.Remediation;

/// <summary>What the user asked of remediation (`pixlint fix --strategy NAME`).</summary>
public sealed record RemediationOptions
{
    public static readonly RemediationOptions Default = new();

    /// <summary>The strategy to use wherever a rule offers it, instead of the rule's preference order (null: best for the version).</summary>
    public string? Strategy { get; init; }
}

/// <summary>
/// The remediation pass after the rule engine: for each finding whose rule names strategies, the
/// first strategy (in the rule's preference order, or the one asked for) that can fix it on this
/// device makes its <see cref="Fix"/>. A fix notes why a preferred strategy was passed over.
/// </summary>
public sealed class Remediator
{
    public Remediator(RemediationOptions? options = null) => Options = options ?? RemediationOptions.Default;

    public static Remediator Default { get; } = new();

    public RemediationOptions Options { get; }

    /// <summary>Why the strategy asked for cannot be used on this device (e.g. `allow-tls` before 7.2(3)), or null when it can.</summary>
    public string? DeviceProblem(ConfigModel model)
    {
        if (Options.Strategy != StrategyNames.AllowTls)
        {
            return null;
        }

        return new RemediationContext(model).AllowTlsProblem();
    }

    /// <summary>The findings of <paramref name="hits"/>, each with its fix when one applies.</summary>
    public List<Finding> Attach(ConfigModel model, IReadOnlyList<RuleHit> hits)
    {
        var findings = new List<Finding>(hits.Count);
        RemediationContext? context = null;
        foreach (var hit in hits)
        {
            var strategies = hit.Rule.Remediation.Strategies;
            if (strategies.Count == 0)
            {
                findings.Add(hit.Finding);
                continue;
            }

            context ??= new RemediationContext(model);
            var fix = Choose(context, strategies, hit.Subject);
            findings.Add(fix is null ? hit.Finding : hit.Finding with { Fix = fix });
        }

        return findings;
    }

    private Fix? Choose(RemediationContext context, IReadOnlyList<string> strategies, object subject)
    {
        IEnumerable<string> order = Options.Strategy is { } asked && strategies.Contains(asked) ? [asked] : strategies;
        var passedOver = new List<string>();
        foreach (string name in order)
        {
            if (RemediationStrategies.Find(name) is not { } strategy)
            {
                continue;
            }

            if (strategy.Unavailable(context, subject) is { } reason)
            {
                passedOver.Add($"`{name}` was not used: {reason}");
                continue;
            }

            var fix = strategy.Create(context, subject);
            return passedOver.Count == 0 ? fix : fix with { Notes = [.. passedOver, .. fix.Notes] };
        }

        return null;
    }
}
