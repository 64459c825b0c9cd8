namespace PixLint.Remediation;

/// <summary>The remediation strategies a rule may name in `remediation.strategies` (checked when rules load).</summary>
public static class StrategyNames
{
    /// <summary>PIX 6 / FWSM 1-2: `no fixup protocol smtp PORT` for each port in force.</summary>
    public const string RemoveFixup = "remove-fixup";

    /// <summary>Keep ESMTP inspection, with `allow-tls` in the inspect map (7.2(3)+, 8.0(3)+, later).</summary>
    public const string AllowTls = "allow-tls";

    /// <summary>`no inspect esmtp` in each applied policy that strips STARTTLS.</summary>
    public const string DisableInspection = "disable-inspection";

    /// <summary>Remove the `match ... cmd verb` block that selects STARTTLS.</summary>
    public const string RemoveVerbMatch = "remove-verb-match";

    public static IReadOnlyList<string> All { get; } = [RemoveFixup, AllowTls, DisableInspection, RemoveVerbMatch];
}
