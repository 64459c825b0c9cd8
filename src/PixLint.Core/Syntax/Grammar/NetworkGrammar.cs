using PixLint.Syntax.Commands;
using Sprache;
using static PixLint.Syntax.Grammar.Lexical;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// Interfaces and address translation: what PixLint needs to name the mail servers behind a finding.
/// <code>
/// interface      ::= "interface" HARDWARE WORD*
/// nameif         ::= "nameif" [NAME]                                 (under interface; `no nameif` has none)
///                  | "nameif" HARDWARE NAME "security" N             (PIX 6, one word: security100)
/// ip-address     ::= "ip" "address" ([IF] ADDRESS MASK WORD* | ("dhcp" | "pppoe") WORD*)   (other `ip ...`: words)
/// security-level ::= "security-level" [N]                           (`no security-level` has none)
/// static         ::= "static" "(" REAL_IF "," MAPPED_IF ")" ["tcp" | "udp"] MAPPED [PORT] REAL [PORT] OPTION*
///                  | "static" "(" REAL_IF "," MAPPED_IF ")" MAPPED "access-list" ACL OPTION*
/// object-nat     ::= "nat" ["(" REAL_IF "," MAPPED_IF ")"] ("static" | "dynamic") MAPPED WORD*   (under object network; no pair = any,any)
/// twice-nat      ::= "nat" "(" REAL_IF "," MAPPED_IF ")" [WORD] "source" ("static" | "dynamic") REAL MAPPED WORD*
/// legacy-nat     ::= "nat" "(" IF ")" ID WORD*
/// </code>
/// MAPPED and REAL are addresses or names; `interface` stands for the interface's own address.
/// </summary>
internal static class NetworkGrammar
{
    private static readonly Parser<(string Real, string Mapped)> InterfacePair = input =>
    {
        var r = Word(input);
        if (r.WasSuccessful && r.Value is ['(', .., ')'] && r.Value.IndexOf(',', StringComparison.Ordinal) is int comma and > 1 && comma < r.Value.Length - 2)
        {
            return Result.Success((r.Value[1..comma], r.Value[(comma + 1)..^1]), r.Remainder);
        }

        return Fail<(string, string)>(input, "(REAL_IF,MAPPED_IF)");
    };

    private static readonly Parser<string> SingleInterface = input =>
    {
        var r = Word(input);
        if (r.WasSuccessful && r.Value is ['(', .., ')'] && !r.Value.Contains(',', StringComparison.Ordinal))
        {
            return Result.Success(r.Value[1..^1], r.Remainder);
        }

        return Fail<string>(input, "(INTERFACE)");
    };

    public static readonly Parser<Command> Interface =
        from _ in Kw("interface")
        from hardware in WordWhere(_ => true, "interface name")
        from args in Rest
        select (Command)new InterfaceCommand(hardware, args);

    private static readonly Parser<Command> NameifAsa =
        from name in WordWhere(_ => true, "interface name")
        from end in End
        select (Command)new NameifCommand(null, name, null);

    // `no nameif` (an interface without a name).
    private static readonly Parser<Command> NoName = End.Return((Command)new NameifCommand(null, string.Empty, null));

    private static readonly Parser<Command> NameifPix =
        from hardware in WordWhere(_ => true, "hardware interface")
        from name in WordWhere(_ => true, "interface name")
        from level in WordWhere(w => w.StartsWith("security", StringComparison.OrdinalIgnoreCase) && int.TryParse(w.AsSpan(8), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _), "securityN (N = 0-100)")
        from end in End
        select (Command)new NameifCommand(hardware, name, int.Parse(level.AsSpan(8), System.Globalization.CultureInfo.InvariantCulture));

    public static readonly Parser<Command> Nameif =
        from _ in Kw("nameif")
        from command in NoName.Or(NameifAsa).Or(NameifPix)
        select command;

    private static readonly Parser<Command> IpAddressValue =
        from _ in Kw("address")
        from first in WordWhere(_ => true, "address, interface name, dhcp or pppoe")
        from command in Lexical.IsIpv4(first)
            ? from mask in Ipv4.Named("network mask") from rest in Rest select (Command)new IpAddressCommand(null, first, mask)
            : first.Equals("dhcp", StringComparison.OrdinalIgnoreCase) || first.Equals("pppoe", StringComparison.OrdinalIgnoreCase)
                ? Rest.Select(_ => (Command)new IpAddressCommand(null, null, null))
                : from address in Ipv4.Or(OneOf("dhcp", "pppoe")) from rest in Rest
                  select (Command)new IpAddressCommand(first, Lexical.IsIpv4(address) ? address : null, Lexical.IsIpv4(address) && rest.Count > 0 ? rest[0] : null)
        select command;

    /// <summary>`ip address ...` (interface or PIX 6 form); any other `ip ...` command is kept as words.</summary>
    public static readonly Parser<Command> Ip =
        from _ in Kw("ip")
        from command in IpAddressValue.XOr(Rest.Select(words => (Command)new GenericCommand(["ip", .. words])))
        select command;

    /// <summary>
    /// `no ip address [...]` (an interface without an address: most real ASA configurations have
    /// one) or any other `no ip ...`; the address words, if any, need not be complete.
    /// </summary>
    public static readonly Parser<Command> NoIp =
        from _ in Kw("ip")
        from command in Kw("address").Then(_ => Rest).Select(_ => (Command)new IpAddressCommand(null, null, null))
            .XOr(Rest.Select(words => (Command)new GenericCommand(["ip", .. words])))
        select command;

    public static readonly Parser<Command> SecurityLevel =
        from _ in Kw("security-level")
        from level in Number.Or(End.Return(-1))
        from end in End
        select (Command)new SecurityLevelCommand(level);

    private static readonly Parser<(string Address, string? Port)> PortedAddress =
        from address in WordWhere(_ => true, "address")
        from port in WordWhere(Model.PortNames.IsPort, "port").Optional()
        select (address, port.GetOrDefault());

    private static readonly Parser<Func<(string Real, string Mapped), Command>> PortStatic =
        from proto in OneOf("tcp", "udp")
        from mapped in WordWhere(_ => true, "mapped address or 'interface'")
        from mappedPort in WordWhere(Model.PortNames.IsPort, "mapped port")
        from policy in (from __ in Kw("access-list") from acl in Name select acl).Optional()
        from real in policy.IsDefined ? Parse.Return(policy.Get()) : WordWhere(_ => true, "real address")
        from realPort in policy.IsDefined ? Parse.Return<string?>(null) : WordWhere(Model.PortNames.IsPort, "real port").Select(p => (string?)p)
        from options in Rest
        select new Func<(string Real, string Mapped), Command>(pair =>
            new StaticCommand(pair.Real, pair.Mapped, proto, mapped, mappedPort, real, realPort, Netmask(options), policy.GetOrDefault()));

    private static readonly Parser<Func<(string Real, string Mapped), Command>> AddressStatic =
        from mapped in WordWhere(_ => true, "mapped address or 'interface'")
        from policy in (from __ in Kw("access-list") from acl in Name select acl).Optional()
        from real in policy.IsDefined ? Parse.Return(policy.Get()) : WordWhere(_ => true, "real address")
        from options in Rest
        select new Func<(string Real, string Mapped), Command>(pair =>
            new StaticCommand(pair.Real, pair.Mapped, null, mapped, null, real, null, Netmask(options), policy.GetOrDefault()));

    /// <summary>`static (...)`: the port form (`tcp|udp` first), or the address and policy forms.</summary>
    public static readonly Parser<Command> Static =
        from _ in Kw("static")
        from pair in InterfacePair
        from make in PortStatic.XOr(AddressStatic)
        select make(pair);

    private static readonly Parser<(string Protocol, string Real, string Mapped)> ObjectService =
        from _ in Kw("service")
        from proto in OneOf("tcp", "udp")
        from real in WordWhere(Model.PortNames.IsPort, "real port")
        from mapped in WordWhere(Model.PortNames.IsPort, "mapped port")
        select (proto, real, mapped);

    public static readonly Parser<Command> ObjectNat =
        from _ in Kw("nat")
        from pair in InterfacePair.Or(Parse.Return((Real: "any", Mapped: "any")))
        from kind in OneOf("static", "dynamic")
        from mapped in WordWhere(_ => true, "mapped address, object or 'interface'")
        from rest in Rest
        let service = ServiceOf(rest)
        select (Command)new ObjectNatCommand(pair.Real, pair.Mapped, kind == "static", mapped, service?.Protocol, service?.Real, service?.Mapped);

    private static readonly Parser<Command> TwiceNat =
        from pair in InterfacePair
        from position in WordWhere(w => !w.Equals("source", StringComparison.OrdinalIgnoreCase), "after-auto or a line number").Optional()
        from _ in Kw("source")
        from kind in OneOf("static", "dynamic")
        from real in WordWhere(_ => true, "real source object")
        from mapped in WordWhere(_ => true, "mapped source object")
        from rest in Rest
        let service = TwiceService(rest)
        select (Command)new TwiceNatCommand(pair.Real, pair.Mapped, kind == "static", real, mapped, service.Real, service.Mapped)
        {
            HasDestination = rest.Contains("destination", StringComparer.OrdinalIgnoreCase),
        };

    private static readonly Parser<Command> LegacyNat =
        from iface in SingleInterface
        from id in WordWhere(_ => true, "NAT id")
        from args in Rest
        select (Command)new LegacyNatCommand(iface, id, args);

    /// <summary>A top-level `nat`: twice NAT (ASA 8.3+) or the PIX 6 / ASA 8.2 `nat (IF) ID` form.</summary>
    public static readonly Parser<Command> Nat =
        from _ in Kw("nat")
        from command in TwiceNat.Or(LegacyNat)
        select command;

    private static string? Netmask(IReadOnlyList<string> options)
    {
        for (int i = 0; i + 1 < options.Count; i++)
        {
            if (options[i].Equals("netmask", StringComparison.OrdinalIgnoreCase))
            {
                return options[i + 1];
            }
        }

        return null;
    }

    private static (string Protocol, string Real, string Mapped)? ServiceOf(IReadOnlyList<string> rest)
    {
        int at = rest.ToList().FindIndex(w => w.Equals("service", StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            return null;
        }

        var r = ObjectService(new LineInput(string.Join(' ', rest.Skip(at))));
        return r.WasSuccessful ? r.Value : null;
    }

    private static (string? Real, string? Mapped) TwiceService(IReadOnlyList<string> rest)
    {
        for (int i = 0; i + 2 < rest.Count; i++)
        {
            if (rest[i].Equals("service", StringComparison.OrdinalIgnoreCase))
            {
                return (rest[i + 1], rest[i + 2]);
            }
        }

        return (null, null);
    }
}
