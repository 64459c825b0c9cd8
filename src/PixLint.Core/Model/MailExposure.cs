namespace PixLint.Model;

/// <summary>Which way mail crosses the firewall.</summary>
public enum MailDirection : byte
{
    /// <summary>Mail to a server behind the firewall (an access rule permits SMTP to it).</summary>
    Inbound,

    /// <summary>Mail from a host behind the firewall (a relay's deliveries).</summary>
    Outbound,
}

/// <summary>
/// One host (or network) that sends or receives SMTP through the firewall, as the configuration
/// shows it: the access rule that permits it, and the static NAT that gives its public address.
/// </summary>
public sealed record MailExposure(
    MailDirection Direction,
    string Interface,
    string Public,
    string Real,
    PortRange Ports,
    string Via,
    int AccessLine,
    int? NatLine)
{
    /// <summary>The real address range when the configuration resolves it (for matching NAT).</summary>
    public AddressRange? RealRange { get; init; }

    /// <summary>The interface the real host sits on, when a translation says so.</summary>
    public string? RealInterface { get; init; }

    /// <summary>How many access rules (or conduits) permit this same exposure; listed once.</summary>
    public int Count { get; init; } = 1;

    /// <summary>True when the rule permits every port (`permit ip ...`) rather than naming mail ports.</summary>
    public bool AllPorts { get; init; }

    /// <summary>
    /// The order a report lists it in: 0 for a server published by static NAT, 1 for a named host
    /// or network, 2 for a rule that permits any host or every port.
    /// </summary>
    public int Rank => NatLine is not null ? 0
        : AllPorts || Public.StartsWith("any", StringComparison.Ordinal) ? 2
        : 1;

    public string DirectionName => Direction == MailDirection.Inbound ? "inbound" : "outbound";

    /// <summary>`mail to 203.0.113.25:25 (object mx-inside, 192.0.2.25, inside)` or `mail from 192.0.2.25, inside (seen as 203.0.113.25) to port 25`.</summary>
    public string Describe() => Count > 1 ? $"{DescribeOne()} ({Count} access rules)" : DescribeOne();

    private string DescribeOne()
    {
        string port = Ports.ToString();
        string real = RealInterface is null ? Real : $"{Real}, {RealInterface}";
        if (Direction == MailDirection.Outbound)
        {
            return Public == Real ? $"mail from {real} to port {port}" : $"mail from {real} (seen as {Public}) to port {port}";
        }

        string target = Public.StartsWith("any", StringComparison.Ordinal) ? $"any host on port {port}"
            : AddressRange.TryParseAddress(Public, out _) ? $"{Public}:{port}"
            : $"{Public}, port {port}";
        return Public == Real ? $"mail to {target}" : $"mail to {target} ({real})";
    }
}

/// <summary>
/// The mail hosts found for a set of ports, ranked (<see cref="MailExposure.Rank"/>, then file order), capped at <see cref="MailExposureAnalyzer.MaxHosts"/>;
/// <see cref="MoreRules"/> counts the further access rules that name mail ports (not read, to keep
/// large configurations fast).
/// </summary>
public sealed class MailHostList(IReadOnlyList<MailExposure> hosts, int moreRules) : IReadOnlyList<MailExposure>
{
    public static readonly MailHostList Empty = new([], 0);

    /// <summary>NAT-published servers first, then named hosts, then permit-any rules; file order within each (a stable sort).</summary>
    public static MailExposure[] Ranked(IEnumerable<MailExposure> hosts) => [.. hosts.OrderBy(h => h.Rank)];

    public int MoreRules { get; } = moreRules;

    public int Count => hosts.Count;

    public MailExposure this[int index] => hosts[index];

    public IEnumerator<MailExposure> GetEnumerator() => hosts.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
