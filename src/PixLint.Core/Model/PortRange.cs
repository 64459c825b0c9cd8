namespace PixLint.Model;

/// <summary>An inclusive range of TCP/UDP ports (a single port has Low == High).</summary>
public readonly record struct PortRange(int Low, int High)
{
    public static PortRange Single(int port) => new(port, port);

    public bool Contains(int port) => port >= Low && port <= High;

    public bool Overlaps(PortRange other) => Low <= other.High && other.Low <= High;

    public override string ToString() => Low == High ? Low.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Low}-{High}";
}

/// <summary>The port names PIX/ASA accept (and print) in place of numbers.</summary>
public static class PortNames
{
    private static readonly Dictionary<string, int> Tcp = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aol"] = 5190, ["bgp"] = 179, ["chargen"] = 19, ["cifs"] = 3020, ["citrix-ica"] = 1494,
        ["cmd"] = 514, ["ctiqbe"] = 2748, ["daytime"] = 13, ["discard"] = 9, ["domain"] = 53,
        ["echo"] = 7, ["exec"] = 512, ["finger"] = 79, ["ftp"] = 21, ["ftp-data"] = 20,
        ["gopher"] = 70, ["h323"] = 1720, ["hostname"] = 101, ["http"] = 80, ["https"] = 443,
        ["ident"] = 113, ["imap4"] = 143, ["irc"] = 194, ["kerberos"] = 88, ["klogin"] = 543,
        ["kshell"] = 544, ["ldap"] = 389, ["ldaps"] = 636, ["login"] = 513, ["lotusnotes"] = 1352,
        ["lpd"] = 515, ["netbios-ssn"] = 139, ["nfs"] = 2049, ["nntp"] = 119, ["pcanywhere-data"] = 5631,
        ["pim-auto-rp"] = 496, ["pop2"] = 109, ["pop3"] = 110, ["pptp"] = 1723, ["rsh"] = 514,
        ["rtsp"] = 554, ["sip"] = 5060, ["smtp"] = 25, ["sqlnet"] = 1521, ["ssh"] = 22,
        ["sunrpc"] = 111, ["tacacs"] = 49, ["talk"] = 517, ["telnet"] = 23, ["uucp"] = 540,
        ["whois"] = 43, ["www"] = 80,
    };

    private static readonly Dictionary<string, int> Udp = new(StringComparer.OrdinalIgnoreCase)
    {
        ["biff"] = 512, ["bootpc"] = 68, ["bootps"] = 67, ["cifs"] = 3020, ["discard"] = 9, ["dnsix"] = 195,
        ["domain"] = 53, ["echo"] = 7, ["http"] = 80, ["isakmp"] = 500, ["kerberos"] = 88,
        ["mobile-ip"] = 434, ["nameserver"] = 42, ["netbios-dgm"] = 138, ["netbios-ns"] = 137,
        ["nfs"] = 2049, ["ntp"] = 123, ["pcanywhere-status"] = 5632, ["pim-auto-rp"] = 496,
        ["radius"] = 1645, ["radius-acct"] = 1646, ["rip"] = 520, ["secureid-udp"] = 5510,
        ["sip"] = 5060, ["snmp"] = 161, ["snmptrap"] = 162, ["sunrpc"] = 111, ["syslog"] = 514,
        ["tacacs"] = 49, ["talk"] = 517, ["tftp"] = 69, ["time"] = 37, ["vxlan"] = 4789,
        ["who"] = 513, ["www"] = 80, ["xdmcp"] = 177,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> TcpBySpan = Tcp.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> UdpBySpan = Udp.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Resolves a port number or name. <paramref name="transport"/> is tcp, udp or null (either).</summary>
    public static bool TryResolve(string word, string? transport, out int port) => TryResolve(word.AsSpan(), transport, out port);

    /// <summary>Resolves a port number or name without allocating.</summary>
    public static bool TryResolve(ReadOnlySpan<char> word, string? transport, out int port)
    {
        if (int.TryParse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port))
        {
            return port is >= 0 and <= 65535;
        }

        bool udpOnly = string.Equals(transport, "udp", StringComparison.OrdinalIgnoreCase);
        bool tcpOnly = string.Equals(transport, "tcp", StringComparison.OrdinalIgnoreCase);
        if (!udpOnly && TcpBySpan.TryGetValue(word, out port))
        {
            return true;
        }

        return !tcpOnly && UdpBySpan.TryGetValue(word, out port);
    }

    /// <summary>True when <paramref name="word"/> is a number or a port name in either table.</summary>
    public static bool IsPort(string word) => TryResolve(word, null, out _);
}
