using System.Collections.Frozen;

namespace PixLint.Syntax;

/// <summary>
/// The first word of a command line (after a leading `no`), for the words PixLint dispatches on.
/// Every other word is <see cref="Other"/>; <see cref="KeywordTable.IsKnownCommand"/> tells
/// whether such a word is still a real PIX/ASA command that PixLint simply does not model.
/// </summary>
public enum Keyword : ushort
{
    Other = 0,

    // Device identity and framing-like commands.
    PlatformHeader,
    Hostname,
    Context,
    AdminContext,
    AllocateInterface,
    ConfigUrl,

    // PIX 6 fixups.
    Fixup,

    // Modular Policy Framework.
    ClassMap,
    PolicyMap,
    ServicePolicy,
    Class,
    Match,
    Inspect,
    Parameters,
    Description,

    // Access control and objects.
    AccessList,
    AccessGroup,
    Object,
    ObjectGroup,
    Name,
    Names,
    Static,
    Nat,
    Conduit,
    Interface,
    Nameif,
    SecurityLevel,
    Ip,

    // Members of objects and object-groups.
    Host,
    Subnet,
    Range,
    Fqdn,
    Service,
    NetworkObject,
    PortObject,
    ServiceObject,
    GroupObject,
    ProtocolObject,

    // Text that is never parsed as a command.
    Banner,
    Crypto,
    Certificate,
    Quit,

    // Command-script structure.
    Exit,
    End,
    Clear,
    Configure,
}

/// <summary>Keyword lookup without allocating (span-keyed) and the list of known-but-unmodelled commands.</summary>
public static class KeywordTable
{
    private static readonly FrozenDictionary<string, Keyword> Keywords = new Dictionary<string, Keyword>(StringComparer.OrdinalIgnoreCase)
    {
        ["PIX"] = Keyword.PlatformHeader,
        ["ASA"] = Keyword.PlatformHeader,
        ["FWSM"] = Keyword.PlatformHeader,
        ["NGFW"] = Keyword.PlatformHeader,
        ["hostname"] = Keyword.Hostname,
        ["context"] = Keyword.Context,
        ["admin-context"] = Keyword.AdminContext,
        ["allocate-interface"] = Keyword.AllocateInterface,
        ["config-url"] = Keyword.ConfigUrl,
        ["fixup"] = Keyword.Fixup,
        ["class-map"] = Keyword.ClassMap,
        ["policy-map"] = Keyword.PolicyMap,
        ["service-policy"] = Keyword.ServicePolicy,
        ["class"] = Keyword.Class,
        ["match"] = Keyword.Match,
        ["inspect"] = Keyword.Inspect,
        ["parameters"] = Keyword.Parameters,
        ["description"] = Keyword.Description,
        ["access-list"] = Keyword.AccessList,
        ["access-group"] = Keyword.AccessGroup,
        ["object"] = Keyword.Object,
        ["object-group"] = Keyword.ObjectGroup,
        ["name"] = Keyword.Name,
        ["names"] = Keyword.Names,
        ["static"] = Keyword.Static,
        ["nat"] = Keyword.Nat,
        ["conduit"] = Keyword.Conduit,
        ["interface"] = Keyword.Interface,
        ["nameif"] = Keyword.Nameif,
        ["security-level"] = Keyword.SecurityLevel,
        ["ip"] = Keyword.Ip,
        ["host"] = Keyword.Host,
        ["subnet"] = Keyword.Subnet,
        ["range"] = Keyword.Range,
        ["fqdn"] = Keyword.Fqdn,
        ["service"] = Keyword.Service,
        ["network-object"] = Keyword.NetworkObject,
        ["port-object"] = Keyword.PortObject,
        ["service-object"] = Keyword.ServiceObject,
        ["group-object"] = Keyword.GroupObject,
        ["protocol-object"] = Keyword.ProtocolObject,
        ["banner"] = Keyword.Banner,
        ["crypto"] = Keyword.Crypto,
        ["certificate"] = Keyword.Certificate,
        ["quit"] = Keyword.Quit,
        ["exit"] = Keyword.Exit,
        ["end"] = Keyword.End,
        ["clear"] = Keyword.Clear,
        ["configure"] = Keyword.Configure,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, Keyword>.AlternateLookup<ReadOnlySpan<char>> KeywordsBySpan =
        Keywords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Top-level PIX/ASA/FWSM/FTD commands that PixLint accepts without modelling them (Batfish's
    /// "null block" idea): a line starting with one of these is known, not unrecognised.
    /// </summary>
    private static readonly FrozenSet<string> KnownCommands = new[]
    {
        "aaa", "aaa-server", "access-control-config", "access-session", "anyconnect", "anyconnect-custom-data",
        "app-agent", "apply", "arp", "arp-inspection", "asdm", "asp", "auth-prompt", "auto-update", "bgp", "boot", "ca",
        "call-home", "changeto", "class", "clock", "cluster", "command-alias", "compression", "console",
        "content-security", "copy", "coredump", "crashinfo", "crl", "ctl-file", "cts", "ddns", "debug", "description",
        "dhcp", "dhcp-client", "dhcpd", "dhcprelay", "dhcpv6", "dns", "dns-group", "dns-group-map", "dns-guard",
        "domain-name", "dp", "duplex", "dynamic-access-policy-record", "dynamic-filter", "eigrp", "enable",
        "established", "event", "failover", "failover-group", "filter", "firewall", "floodguard", "flow-export",
        "flow-offload", "forward-reference", "fragment", "ftp", "global", "group-delimiter", "group-policy", "gtp-map",
        "h323-map", "host", "hpm", "http", "hw-module", "icmp", "igmp", "igmp-proxy", "ikev1", "ikev2", "inspect",
        "interface-policy", "ip", "ipsec", "ipv6", "isakmp", "isis", "join-failover-group", "jumbo-frame",
        "kerberos-server", "key", "l2tp", "lacp", "ldap", "license", "limit-resource", "local", "logging",
        "mac-address", "mac-address-table", "mac-list", "mailhost", "management-access", "management-only", "mapping",
        "match", "media-termination", "member", "memory", "mgcp-map", "mode", "monitor-interface", "mroute", "mtu",
        "multicast-routing", "nameif", "nat-control", "neighbor", "netflow", "ngips", "no", "ntp",
        "object-group-search", "ospf", "outbound", "pager", "parameters", "passwd", "password", "password-policy",
        "pdm", "phone-proxy", "pim", "pki", "port-channel", "prefix-list", "priority-queue", "privilege", "prompt",
        "quota", "redundant", "regex", "resource", "rest-api", "rip", "route", "route-map", "router",
        "same-security-traffic", "saml", "scansafe", "security-level", "service", "service-module", "sftunnel", "shun",
        "shutdown", "sip-map", "sla", "smtp-server", "snmp-map", "snmp-server", "snort", "speed", "ssh", "ssl",
        "strong-encryption-disable", "sunrpc-server", "sysopt", "tcp-map", "telnet", "terminal", "tftp-server",
        "threat-detection", "time-range", "timeout", "tls", "tls-proxy", "track", "tunnel-group", "tunnel-group-map",
        "url-block", "url-cache", "url-server", "user-identity", "username", "virtual", "vlan", "vpdn", "vpn",
        "vpn-addr-assign", "vpn-sessiondb", "vpnclient", "vpngroup", "wccp", "webvpn", "webvpn-custom", "write",
        "xlate", "zonelabs-integrity",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownBySpan =
        KnownCommands.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>One more than the largest <see cref="Keyword"/> value: the size of tables indexed by keyword.</summary>
    internal static readonly int Count = (int)Enum.GetValues<Keyword>().Max() + 1;

    public static Keyword Lookup(ReadOnlySpan<char> word) =>
        KeywordsBySpan.TryGetValue(word, out var keyword) ? keyword : Keyword.Other;

    /// <summary>True for words that start a real PIX/ASA command PixLint does not model.</summary>
    public static bool IsKnownCommand(ReadOnlySpan<char> word) => KnownBySpan.Contains(word);
}
