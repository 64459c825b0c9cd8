using System.Collections.Frozen;

namespace PixLint.Syntax.Grammar;

/// <summary>A CLI sub-mode PixLint knows the commands of (what `fw(config-pmap-c)#` and the like stand for).</summary>
internal enum Mode : byte
{
    None = 0,
    Interface,
    Context,
    ObjectNetwork,
    ObjectService,
    ObjectGroup,
    ClassMap,
    PolicyMap,
    PolicyClass,
    InspectPolicyMap,
    InspectClass,
    Parameters,
    InspectMatch,
    TunnelGroupAttributes,
    GroupPolicyAttributes,
    UsernameAttributes,
    CertificateChain,
    Trustpoint,
    CryptoPolicy,
    IpsecProposal,
    DnsServerGroup,
    AaaServerHost,
    AaaServerGroup,
    FailoverGroup,
    Router,
    Webvpn,
    GroupPolicyWebvpn,
    DnsGroupMap,
    LdapAttributeMap,
    CallHome,
    CallHomeProfile,
    ResourceClass,
    Cluster,
    SnmpMap,
    TcpMap,
    SlaMonitor,
}

/// <summary>
/// The ASA/PIX 7+/FWSM 3+ sub-modes as data: which command opens which mode, and which commands
/// are valid inside each one. A flat capture (leading blanks lost), a command script or a
/// copy-paste is read the way the device reads a paste: a line that is valid in the current mode
/// stays in it, any other line leaves it for the parent mode. PIX 6 and FWSM 2 have no
/// interface mode (`interface ethernet0 auto` is a whole command; `nameif` and `ip address` are
/// top-level there), so an `interface` line with settings after its name, or in a file whose header
/// says PIX/FWSM before 7/3, opens nothing.
/// </summary>
/// <remarks>
/// Sources: Cisco ASA Series Command Reference (mode tables of each command: interface
/// configuration, object configuration, class-map / policy-map / policy-map class / parameters /
/// match configuration, tunnel-group and group-policy attributes, crypto ca certificate chain,
/// context configuration); see /work/shared/reference/cisco-smtp.md for the MPF facts.
/// </remarks>
internal static class ModeTable
{
    // The commands of each mode (the first word after an optional `no`). A word with a condition
    // belongs to the mode only when the line's second word is one of those listed (`ip address`
    // in an interface, not `ip local pool`; `#` stands for a number, `.` for a word with a dot
    // such as a MAC address), or, for `!source`, when no later word is `source`
    // (object NAT, not a twice NAT that follows the object in show-run order).
    private static readonly (Mode Mode, string Commands)[] Data =
    [
        (Mode.Interface, "nameif security-level ip:address ipv6 shutdown description speed duplex vlan"
            + " management-only member-interface channel-group pppoe delay ospf eigrp igmp pim flowcontrol lacp"
            + " nve-only zone-member authentication multicast switchport mac-address:."),
        (Mode.Context, "allocate-interface config-url description join-failover-group allocate-ips storage-url member"),
        (Mode.ObjectNetwork, "host subnet range fqdn description nat:!source"),
        (Mode.ObjectService, "service:tcp,udp,icmp,icmp6,tcp-udp,ip,sctp,gre,esp,ah,igmp,pim,ospf,eigrp,# description"),
        (Mode.ObjectGroup, "network-object port-object service-object group-object protocol-object icmp-object description user user-group"),
        (Mode.ClassMap, "match description"),
        (Mode.PolicyMap, "class description"),
        (Mode.PolicyClass, "inspect set police priority shape flow-export:event-type user-statistics csc ips sfr cxsc queue-limit"),
        (Mode.InspectPolicyMap, "parameters match class description"),
        (Mode.InspectClass, "drop-connection drop reset log mask rate-limit send-protocol-error"),
        (Mode.InspectMatch, "drop-connection drop reset log mask rate-limit send-protocol-error"),
        (Mode.Parameters, "allow-tls mask-banner mail-relay special-character message-length dns-guard protocol-enforcement"
            + " nat-rewrite id-randomization id-mismatch tsig protocol-violation body-match-maximum spoof-server mask-syst-reply"
            + " eool nop router-alert default im ip-address-privacy max-forwards-validation state-checking rtp-conformance"
            + " software-version uri-non-sip strict-header-validation trust-verification-server ras-rcf-pinholes"
            + " call-party-number early-message call-duration-limit h245-tunnel-block endpoint-mapper timeout:pinhole,signaling,gsn,pdp-context,request-queue,tunnel"
            + " permit-errors permit-response request-queue tunnel-limit tcp-inspection"),
        (Mode.TunnelGroupAttributes, "default-group-policy address-pool authentication-server-group authorization-server-group"
            + " accounting-server-group ikev1 ikev2 pre-shared-key isakmp peer-id-validate authentication group-alias group-url"
            + " dhcp-server password-management strip-realm strip-group chain trust-point secondary-authentication-server-group"
            + " ipv6-address-pool radius-common-pw"),
        (Mode.GroupPolicyAttributes, "vpn-tunnel-protocol dns-server wins-server split-tunnel-policy split-tunnel-network-list"
            + " split-dns default-domain vpn-idle-timeout vpn-session-timeout vpn-filter address-pools ipv6-address-pools"
            + " vpn-simultaneous-logins banner password-storage ip-comp re-xauth group-lock client-firewall user-authentication"
            + " msie-proxy intercept-dhcp nem backup-servers vlan ipv6-split-tunnel-policy ipsec-udp ipsec-udp-port pfs webvpn"
            + " client-access-rule secure-unit-authentication leap-bypass ip-phone-bypass nac-settings split-tunnel-all-dns"),
        (Mode.GroupPolicyWebvpn, "anyconnect url-list svc customization homepage file-browsing file-entry http-proxy port-forward"
            + " smart-tunnel filter keep-alive-ignore http-comp always-on-vpn"),
        (Mode.DnsGroupMap, "dns-to-domain"),
        (Mode.LdapAttributeMap, "map-name map-value"),
        (Mode.CallHome, "contact-email-addr phone-number street-address customer-id site-id contract-id sender mail-server"
            + " profile contact-name source-interface http-proxy"),
        (Mode.CallHomeProfile, "active destination subscribe-to-alert-group"),
        (Mode.ResourceClass, "limit-resource"),
        (Mode.Cluster, "key local-unit cluster-interface priority enable health-check site-id conn-rebalance clacp"
            + " console-replicate"),
        (Mode.SnmpMap, "deny"),
        (Mode.TcpMap, "check-retransmission checksum-verification exceed-mss queue-limit reserved-bits syn-data synack-data"
            + " tcp-options ttl-evasion-protection urgent-flag window-variation invalid-ack seq-past-window"),
        (Mode.SlaMonitor, "type num-packets frequency timeout threshold request-data-size tos verify-data"),
        (Mode.UsernameAttributes, "service-type vpn-group-policy vpn-tunnel-protocol vpn-filter vpn-idle-timeout vpn-session-timeout"
            + " group-lock password-storage ssh"),
        (Mode.CertificateChain, "certificate"),
        (Mode.Trustpoint, "enrollment subject-name keypair crl id-usage validation-usage revocation-check email ip-address"
            + " serial-number fqdn ca-check id-cert-issuer accept-subordinates match:certificate ocsp"),
        (Mode.CryptoPolicy, "authentication encryption integrity group prf hash lifetime"),
        (Mode.IpsecProposal, "protocol"),
        (Mode.DnsServerGroup, "domain-name name-server timeout retries poll-timer expire-entry-timer"),
        (Mode.AaaServerHost, "key server-port ldap-base-dn ldap-scope ldap-naming-attribute ldap-login-password ldap-login-dn"
            + " ldap-over-ssl ldap-attribute-map server-type timeout retry-interval authentication-port accounting-port"
            + " acl-netmask-convert sasl-mechanism radius-common-pw nt-auth-domain-controller kerberos-realm"),
        (Mode.AaaServerGroup, "max-failed-attempts reactivation-mode accounting-mode merge-dacl interim-accounting-update"
            + " dynamic-authorization"),
        (Mode.FailoverGroup, "primary secondary preempt replication polltime interface-policy mac-address"),
        (Mode.Router, "network area log-adj-changes redistribute default-information passive-interface router-id timers"
            + " neighbor address-family bgp distance auto-summary summary-address eigrp-stub auto-cost"),
        (Mode.Webvpn, "enable anyconnect anyconnect-essentials tunnel-group-list cache csd error-recovery port"),
    ];

    /// <summary>Per mode: word → the allowed second words (null for any), or the `!source` test.</summary>
    private static readonly FrozenDictionary<string, string[]?>.AlternateLookup<ReadOnlySpan<char>>[] Commands = Build();

    private static FrozenDictionary<string, string[]?>.AlternateLookup<ReadOnlySpan<char>>[] Build()
    {
        var table = new FrozenDictionary<string, string[]?>.AlternateLookup<ReadOnlySpan<char>>[Enum.GetValues<Mode>().Length];
        var empty = new Dictionary<string, string[]?>(StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Array.Fill(table, empty.GetAlternateLookup<ReadOnlySpan<char>>());

        foreach (var (mode, commands) in Data)
        {
            var words = new Dictionary<string, string[]?>(StringComparer.OrdinalIgnoreCase);
            foreach (string entry in commands.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int colon = entry.IndexOf(':', StringComparison.Ordinal);
                words[colon < 0 ? entry : entry[..colon]] = colon < 0 ? null : entry[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
            }

            table[(int)mode] = words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        return table;
    }

    /// <summary>The modes of every entry in <see cref="Data"/> (for tests: every mode has commands).</summary>
    internal static IEnumerable<Mode> ModesWithCommands => Data.Select(d => d.Mode);

    /// <summary>
    /// True when <paramref name="word"/> (the first word after `no`) with the words after it,
    /// <paramref name="rest"/>, is a command of <paramref name="mode"/>.
    /// </summary>
    public static bool Accepts(Mode mode, ReadOnlySpan<char> word, ReadOnlySpan<char> rest)
    {
        if (mode == Mode.None || !Commands[(int)mode].TryGetValue(word, out string[]? seconds))
        {
            return false;
        }

        if (seconds is null)
        {
            return true;
        }

        if (seconds[0] == "!source")
        {
            return !HasWord(rest, "source");
        }

        var second = FirstWord(rest);
        foreach (string allowed in seconds)
        {
            if (second.Equals(allowed, StringComparison.OrdinalIgnoreCase)
                || (allowed == "#" && !second.IsEmpty && !second.ContainsAnyExceptInRange('0', '9'))
                || (allowed == "." && second.Contains('.')))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The mode a command line opens, given the mode it sits in (<see cref="Mode.None"/> at the top
    /// level): <paramref name="word"/> is its first word, <paramref name="rest"/> the words after it.
    /// <paramref name="legacy"/> is true in a PIX 6 / FWSM 2 file (no interface mode).
    /// </summary>
    public static Mode Opens(Mode parent, Keyword keyword, ReadOnlySpan<char> word, ReadOnlySpan<char> rest, bool legacy)
    {
        switch (parent)
        {
            case Mode.None:
                break;
            case Mode.PolicyMap:
                return keyword == Keyword.Class ? Mode.PolicyClass : Mode.None;
            case Mode.GroupPolicyAttributes:
                return word.Equals("webvpn", StringComparison.OrdinalIgnoreCase) ? Mode.GroupPolicyWebvpn : Mode.None;
            case Mode.CallHome:
                return word.Equals("profile", StringComparison.OrdinalIgnoreCase) ? Mode.CallHomeProfile : Mode.None;
            case Mode.InspectPolicyMap:
                return keyword switch
                {
                    Keyword.Class => Mode.InspectClass,
                    Keyword.Parameters => Mode.Parameters,
                    Keyword.Match => Mode.InspectMatch,
                    _ => Mode.None,
                };
            default:
                return Mode.None;
        }

        var second = FirstWord(rest);
        switch (keyword)
        {
            case Keyword.Interface:
                // ASA: `interface NAME` alone; PIX 6: `interface ethernet0 auto [shutdown]`.
                return !legacy && !second.IsEmpty && FirstWord(AfterFirstWord(rest)).IsEmpty ? Mode.Interface : Mode.None;
            case Keyword.Context:
                return second.IsEmpty ? Mode.None : Mode.Context;
            case Keyword.Object:
                return second.Equals("network", StringComparison.OrdinalIgnoreCase) ? Mode.ObjectNetwork
                    : second.Equals("service", StringComparison.OrdinalIgnoreCase) ? Mode.ObjectService : Mode.None;
            case Keyword.ObjectGroup:
                return second.IsEmpty ? Mode.None : Mode.ObjectGroup;
            case Keyword.Class:
                // A top-level `class NAME` is a resource class of the system context.
                return second.IsEmpty ? Mode.None : Mode.ResourceClass;
            case Keyword.ClassMap:
                return second.IsEmpty ? Mode.None : Mode.ClassMap;
            case Keyword.PolicyMap:
                return second.IsEmpty ? Mode.None
                    : second.Equals("type", StringComparison.OrdinalIgnoreCase) ? Mode.InspectPolicyMap : Mode.PolicyMap;
            case Keyword.Crypto:
                return HasWord(rest, "chain") ? Mode.CertificateChain
                    : HasWord(rest, "trustpoint") ? Mode.Trustpoint
                    : HasWord(rest, "ipsec-proposal") ? Mode.IpsecProposal
                    : (second.Equals("ikev1", StringComparison.OrdinalIgnoreCase) || second.Equals("ikev2", StringComparison.OrdinalIgnoreCase)
                        || second.Equals("isakmp", StringComparison.OrdinalIgnoreCase)) && IsPolicyHeader(AfterFirstWord(rest)) ? Mode.CryptoPolicy
                    : Mode.None;
            case Keyword.Other:
                break;
            default:
                return Mode.None;
        }

        if (word.Equals("tunnel-group", StringComparison.OrdinalIgnoreCase))
        {
            var last = LastWord(rest);
            return last.EndsWith("-attributes", StringComparison.OrdinalIgnoreCase) ? Mode.TunnelGroupAttributes : Mode.None;
        }

        if (word.Equals("group-policy", StringComparison.OrdinalIgnoreCase))
        {
            return LastWord(rest).Equals("attributes", StringComparison.OrdinalIgnoreCase) ? Mode.GroupPolicyAttributes : Mode.None;
        }

        if (word.Equals("username", StringComparison.OrdinalIgnoreCase))
        {
            return LastWord(rest).Equals("attributes", StringComparison.OrdinalIgnoreCase) ? Mode.UsernameAttributes : Mode.None;
        }

        if (word.Equals("dns", StringComparison.OrdinalIgnoreCase))
        {
            return second.Equals("server-group", StringComparison.OrdinalIgnoreCase) ? Mode.DnsServerGroup : Mode.None;
        }

        if (word.Equals("aaa-server", StringComparison.OrdinalIgnoreCase))
        {
            // `aaa-server G (IF) host A [KEY]` opens the host mode; `aaa-server G protocol P` the group mode.
            return HasWord(rest, "host") ? Mode.AaaServerHost : HasWord(rest, "protocol") ? Mode.AaaServerGroup : Mode.None;
        }

        if (word.Equals("failover", StringComparison.OrdinalIgnoreCase))
        {
            return second.Equals("group", StringComparison.OrdinalIgnoreCase) ? Mode.FailoverGroup : Mode.None;
        }

        if (word.Equals("router", StringComparison.OrdinalIgnoreCase))
        {
            return second.IsEmpty ? Mode.None : Mode.Router;
        }

        if (word.Equals("cluster", StringComparison.OrdinalIgnoreCase))
        {
            return second.Equals("group", StringComparison.OrdinalIgnoreCase) ? Mode.Cluster : Mode.None;
        }

        if (word.Equals("sla", StringComparison.OrdinalIgnoreCase))
        {
            return second.Equals("monitor", StringComparison.OrdinalIgnoreCase) && FirstWord(AfterFirstWord(AfterFirstWord(rest))).IsEmpty ? Mode.SlaMonitor : Mode.None;
        }

        if (word.Equals("ldap", StringComparison.OrdinalIgnoreCase))
        {
            return second.Equals("attribute-map", StringComparison.OrdinalIgnoreCase) ? Mode.LdapAttributeMap : Mode.None;
        }

        if (second.IsEmpty)
        {
            return word.Equals("webvpn", StringComparison.OrdinalIgnoreCase) ? Mode.Webvpn
                : word.Equals("call-home", StringComparison.OrdinalIgnoreCase) ? Mode.CallHome
                : word.Equals("dns-group-map", StringComparison.OrdinalIgnoreCase) ? Mode.DnsGroupMap : Mode.None;
        }

        return word.Equals("snmp-map", StringComparison.OrdinalIgnoreCase) ? Mode.SnmpMap
            : word.Equals("tcp-map", StringComparison.OrdinalIgnoreCase) ? Mode.TcpMap : Mode.None;
    }

    /// <summary>`policy N` and nothing after it (`crypto isakmp policy 10 authentication pre-share` is a PIX 6 one-liner).</summary>
    private static bool IsPolicyHeader(ReadOnlySpan<char> rest) =>
        FirstWord(rest).Equals("policy", StringComparison.OrdinalIgnoreCase) && FirstWord(AfterFirstWord(AfterFirstWord(rest))).IsEmpty;

    private static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> text)
    {
        text = text.TrimStart();
        int end = text.IndexOfAny(' ', '\t');
        return end < 0 ? text : text[..end];
    }

    private static ReadOnlySpan<char> AfterFirstWord(ReadOnlySpan<char> text)
    {
        text = text.TrimStart();
        int end = text.IndexOfAny(' ', '\t');
        return end < 0 ? [] : text[end..];
    }

    private static ReadOnlySpan<char> LastWord(ReadOnlySpan<char> text)
    {
        text = text.TrimEnd();
        int start = text.LastIndexOfAny(' ', '\t');
        return start < 0 ? text : text[(start + 1)..];
    }

    private static bool HasWord(ReadOnlySpan<char> text, string word)
    {
        foreach (var range in text.SplitAny(' ', '\t'))
        {
            if (text[range].Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
