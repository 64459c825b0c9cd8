using PixLint.Model;
using PixLint.Syntax.Commands;
using Sprache;
using static PixLint.Syntax.Grammar.Lexical;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// Access lists, objects and object-groups: enough to know which addresses and ports a class-map's
/// access list (or an access-group) selects.
/// <code>
/// access-list ::= "access-list" ("commit" | "mode" WORD | "alert-interval" N | "deny-flow-max" N)   (FWSM settings)
///               | "access-list" NAME ["line" N] ( "remark" TEXT
///                                               | ("extended" | "advanced") ACE     ("advanced": FTD)
///                                               | "standard" WORD*
///                                               | ("webtype" | "ethertype") WORD*
///                                               | ACE )                 (PIX 6 / ASA 7 omit "extended")
/// ACE         ::= ("permit" | "deny") PROTO ADDRESS [PORTS] ADDRESS [PORTS] OPTION*
/// PROTO       ::= "object-group" NAME | "object" NAME | WORD
/// ADDRESS     ::= "any" | "any4" | "any6" | "host" HOST | "object" NAME | "object-group" NAME
///               | "interface" IF | PREFIX6 | HOST MASK
/// PORTS       ::= ("eq" | "lt" | "gt" | "neq") PORT | "range" PORT PORT | "object-group" NAME
/// object        ::= "object" ("network" | "service") NAME
/// object-member ::= "host" HOST | "subnet" ADDR MASK | "range" ADDR ADDR | "fqdn" WORD+
///                 | "service" SERVICE
/// SERVICE       ::= ("icmp" | "icmp6") [TYPE [CODE]] | PROTO ["source" PORTS] ["destination" PORTS]
/// object-group  ::= "object-group" KIND NAME [PROTO]
/// group-member  ::= "network-object" ("host" HOST | "object" NAME | ADDR MASK | PREFIX6)
///                 | "port-object" PORTS | "service-object" (SERVICE | "object" NAME)
///                 | "group-object" NAME | "protocol-object" ["object"] PROTO
/// conduit       ::= "conduit" ACE                        (PIX 4-6: the first address is the global, public side)
/// </code>
/// HOST may be an address or a `name` alias (PIX 6). After the source address, `object-group X` may
/// be a source port group or the destination address; the grammar reads it as the destination unless
/// a plain address (not another object-group) follows it.
/// </summary>
internal static class AccessListGrammar
{
    private static readonly string[] PortOperators = ["eq", "lt", "gt", "neq", "range"];

    private static bool IsMask(string w) => IsIpv4(w);

    private static readonly Parser<AddressSpec> Address = input =>
    {
        var r = Word(input);
        if (!r.WasSuccessful)
        {
            return Fail<AddressSpec>(input, "address (any, host A, A MASK, object N, object-group N)");
        }

        string w = r.Value;
        switch (w.ToLowerInvariant())
        {
            case "any":
            case "any4":
            case "any6":
                return Result.Success(new AddressSpec(AddressSpecKind.Any, w.ToLowerInvariant()), r.Remainder);
            case "host":
            {
                var h = WordWhere(_ => true, "host address")(r.Remainder);
                return h.WasSuccessful ? Result.Success(new AddressSpec(AddressSpecKind.Host, h.Value), h.Remainder) : Propagate<AddressSpec>(h);
            }

            case "object":
            case "object-group":
            case "interface":
            {
                var n = WordWhere(_ => true, w.Equals("interface", StringComparison.OrdinalIgnoreCase) ? "interface name" : "object name")(r.Remainder);
                var kind = w.ToLowerInvariant() switch
                {
                    "object" => AddressSpecKind.Object,
                    "object-group" => AddressSpecKind.ObjectGroup,
                    _ => AddressSpecKind.Interface,
                };
                return n.WasSuccessful ? Result.Success(new AddressSpec(kind, n.Value), n.Remainder) : Propagate<AddressSpec>(n);
            }
        }

        if (w.Contains(':', StringComparison.Ordinal) && w.Contains('/', StringComparison.Ordinal))
        {
            return Result.Success(new AddressSpec(AddressSpecKind.Prefix, w), r.Remainder);
        }

        if (IsOperator(w) || IsAddressKeyword(w))
        {
            return Fail<AddressSpec>(input, "address (any, host A, A MASK, object N, object-group N)");
        }

        var m = WordWhere(IsMask, "network mask")(r.Remainder);
        return m.WasSuccessful
            ? Result.Success(new AddressSpec(AddressSpecKind.Network, w, m.Value), m.Remainder)
            : Propagate<AddressSpec>(m);
    };

    private static Parser<PortSpec> Ports(string? transport) => input =>
    {
        var r = Word(input);
        if (!r.WasSuccessful)
        {
            return Fail<PortSpec>(input, "port operator");
        }

        string op = r.Value.ToLowerInvariant();
        if (op == "object-group")
        {
            var g = WordWhere(_ => true, "object-group name")(r.Remainder);
            return g.WasSuccessful
                ? Result.Success(new PortSpec(PortOperator.ObjectGroup, default, g.Value), g.Remainder)
                : Propagate<PortSpec>(g);
        }

        if (op == "range")
        {
            var low = Port(transport)(r.Remainder);
            if (!low.WasSuccessful)
            {
                return Propagate<PortSpec>(low);
            }

            var high = Port(transport)(low.Remainder);
            return high.WasSuccessful
                ? Result.Success(new PortSpec(PortOperator.Range, new PortRange(Math.Min(low.Value, high.Value), Math.Max(low.Value, high.Value))), high.Remainder)
                : Propagate<PortSpec>(high);
        }

        PortOperator? oper = op switch
        {
            "eq" => PortOperator.Eq,
            "lt" => PortOperator.Lt,
            "gt" => PortOperator.Gt,
            "neq" => PortOperator.Neq,
            _ => null,
        };
        if (oper is null)
        {
            return Fail<PortSpec>(input, "port operator");
        }

        var p = Port(transport)(r.Remainder);
        return p.WasSuccessful ? Result.Success(new PortSpec(oper.Value, PortRange.Single(p.Value)), p.Remainder) : Propagate<PortSpec>(p);
    };

    private static readonly Parser<ProtocolSpec> Protocol = input =>
    {
        var r = Word(input);
        if (!r.WasSuccessful)
        {
            return Fail<ProtocolSpec>(input, "protocol");
        }

        string w = r.Value.ToLowerInvariant();
        if (w is "object" or "object-group")
        {
            var n = WordWhere(_ => true, "object name")(r.Remainder);
            return n.WasSuccessful
                ? Result.Success(new ProtocolSpec(n.Value, IsObject: w == "object", IsObjectGroup: w == "object-group"), n.Remainder)
                : Propagate<ProtocolSpec>(n);
        }

        if (IsAddressKeyword(w) || IsOperator(w))
        {
            return Fail<ProtocolSpec>(input, "protocol");
        }

        return Result.Success(new ProtocolSpec(w), r.Remainder);
    };

    /// <summary>`permit|deny PROTO SRC [PORTS] DST [PORTS] OPTIONS`.</summary>
    public static readonly Parser<AccessControlEntry> Ace = input =>
    {
        var action = OneOf("permit", "deny")(input);
        if (!action.WasSuccessful)
        {
            return Propagate<AccessControlEntry>(action);
        }

        var proto = Protocol(action.Remainder);
        if (!proto.WasSuccessful)
        {
            return Propagate<AccessControlEntry>(proto);
        }

        string? transport = proto.Value.IsObject || proto.Value.IsObjectGroup ? null : proto.Value.Name;
        var src = Address(proto.Remainder);
        if (!src.WasSuccessful)
        {
            return Propagate<AccessControlEntry>(src);
        }

        var next = src.Remainder;
        PortSpec? srcPort = null;
        if (StartsPortOperator(next))
        {
            var sp = Ports(transport)(next);
            if (!sp.WasSuccessful)
            {
                return Propagate<AccessControlEntry>(sp);
            }

            srcPort = sp.Value;
            next = sp.Remainder;
        }
        else if (NextWordIs(next, "object-group") && AddressFollowsGroup(next))
        {
            // `SRC object-group PORTS DST ...`: a source port group followed by the destination.
            var sp = Ports(transport)(next);
            srcPort = sp.Value;
            next = sp.Remainder;
        }

        var dst = Address(next);
        if (!dst.WasSuccessful)
        {
            return Propagate<AccessControlEntry>(dst);
        }

        next = dst.Remainder;
        PortSpec? dstPort = null;
        if (StartsPortOperator(next) || NextWordIs(next, "object-group"))
        {
            var dp = Ports(transport)(next);
            if (!dp.WasSuccessful)
            {
                return Propagate<AccessControlEntry>(dp);
            }

            dstPort = dp.Value;
            next = dp.Remainder;
        }

        var options = Rest(next);
        return Result.Success(
            new AccessControlEntry(action.Value == "permit", proto.Value, src.Value, srcPort, dst.Value, dstPort, options.Value),
            options.Remainder);
    };

    private static readonly Parser<(AccessListKind Kind, AccessControlEntry? Entry, string? Remark)> Body =
        (from _ in Kw("remark") from text in RestOfLine select (AccessListKind.Remark, (AccessControlEntry?)null, (string?)text))
        .XOr(from _ in OneOf("extended", "advanced") from ace in Ace from end in End select (AccessListKind.Extended, (AccessControlEntry?)ace, (string?)null))
        .XOr(from _ in Kw("standard") from words in Rest select (AccessListKind.Standard, (AccessControlEntry?)null, (string?)null))
        .XOr(from _ in Kw("webtype") from words in Rest select (AccessListKind.Webtype, (AccessControlEntry?)null, (string?)null))
        .XOr(from _ in Kw("ethertype") from words in Rest select (AccessListKind.Ethertype, (AccessControlEntry?)null, (string?)null))
        .XOr(from ace in Ace from end in End select (AccessListKind.Extended, (AccessControlEntry?)ace, (string?)null));

    private static readonly Parser<Command> Setting =
        from _ in Kw("access-list")
        from setting in OneOf("commit", "mode", "alert-interval", "deny-flow-max")
        from args in Rest
        select (Command)new AccessListCommand(setting, AccessListKind.Setting, null, null);

    private static readonly Parser<Command> Entry =
        from _ in Kw("access-list")
        from name in Name
        from line in (from l in Kw("line") from n in Number select n).Optional()
        from body in Body
        select (Command)new AccessListCommand(name, body.Kind, body.Entry, body.Remark);

    /// <summary>`access-list ...` by the grammar alone: FWSM settings first (their second word is a keyword, not a list name), then entries.</summary>
    internal static readonly Parser<Command> GrammarOnly = Setting.Or(Entry);

    /// <summary>
    /// `access-list ...`: the usual lines through <see cref="AccessListFastPath"/> (the same command,
    /// without Sprache's cost), everything else, and every error, through the grammar.
    /// </summary>
    public static readonly Parser<Command> AccessList = input =>
        AccessListFastPath.TryParse(input.Source.AsSpan(input.Position)) is { } command
            ? Result.Success<Command>(command, Advance(input, input.Source.Length - input.Position))
            : GrammarOnly(input);

    /// <summary>PIX 4-6 `conduit permit|deny PROTO GLOBAL [PORTS] FOREIGN [PORTS]` (GLOBAL is the destination).</summary>
    public static readonly Parser<Command> Conduit = input =>
    {
        var keyword = Kw("conduit")(input);
        if (!keyword.WasSuccessful)
        {
            return Propagate<Command>(keyword);
        }

        var ace = Ace(keyword.Remainder);
        if (!ace.WasSuccessful)
        {
            return Propagate<Command>(ace);
        }

        // The ACE reader takes the first address as the source; for a conduit it is the global (destination) side.
        var e = ace.Value;
        return Result.Success((Command)new ConduitCommand(e.Permit, e.Protocol, e.Source, e.SourcePort, e.Destination, e.DestinationPort), ace.Remainder);
    };

    public static readonly Parser<Command> Object =
        from _ in Kw("object")
        from kind in WordWhere(_ => true, "object kind (network, service)")
        from name in Name
        from end in End
        select (Command)new ObjectCommand(kind.ToLowerInvariant(), name);

    private static readonly Parser<Command> ObjectHost =
        from _ in Kw("host")
        from address in WordWhere(_ => true, "host address")
        from end in End
        select (Command)new ObjectAddressCommand(new AddressSpec(AddressSpecKind.Host, address));

    private static readonly Parser<Command> ObjectSubnet =
        from _ in Kw("subnet")
        from address in WordWhere(_ => true, "network address")
        from mask in address.Contains(':', StringComparison.Ordinal)
            ? Parse.Return((string?)null)
            : WordWhere(IsMask, "network mask").Select(m => (string?)m)
        from end in End
        select (Command)new ObjectAddressCommand(mask is null
            ? new AddressSpec(AddressSpecKind.Prefix, address)
            : new AddressSpec(AddressSpecKind.Network, address, mask));

    private static readonly Parser<Command> ObjectRange =
        from _ in Kw("range")
        from low in WordWhere(_ => true, "first address")
        from high in WordWhere(_ => true, "last address")
        from end in End
        select (Command)new ObjectAddressCommand(new AddressSpec(AddressSpecKind.Host, low), high);

    private static readonly Parser<Command> ObjectFqdn =
        from _ in Kw("fqdn")
        from family in OneOf("v4", "v6").Optional()
        from name in WordWhere(_ => true, "domain name")
        from end in End
        select (Command)new ObjectAddressCommand(new AddressSpec(AddressSpecKind.Fqdn, name));

    private static readonly Parser<PortSpec> SourcePorts =
        from _ in Kw("source")
        from ports in Ports(null)
        select ports;

    private static readonly Parser<PortSpec> DestinationPorts =
        from _ in Kw("destination")
        from ports in Ports(null)
        select ports;

    private static readonly Parser<string> IcmpType = WordWhere(w => !w.Equals("source", StringComparison.OrdinalIgnoreCase) && !w.Equals("destination", StringComparison.OrdinalIgnoreCase), "ICMP type");

    private static readonly Parser<(ProtocolSpec Protocol, PortSpec? Source, PortSpec? Destination)> IcmpService =
        from proto in OneOf("icmp", "icmp6")
        from type in IcmpType.Optional()
        from code in Number.Optional()
        from end in End
        select (new ProtocolSpec(proto), (PortSpec?)null, (PortSpec?)null);

    private static readonly Parser<(ProtocolSpec Protocol, PortSpec? Source, PortSpec? Destination)> PortService =
        from proto in Protocol
        from source in SourcePorts.Optional()
        from destination in DestinationPorts.Or(Ports(null)).Optional()
        from end in End
        select (proto, source.GetOrDefault(), destination.GetOrDefault());

    private static readonly Parser<(ProtocolSpec Protocol, PortSpec? Source, PortSpec? Destination)> ServiceBody = IcmpService.XOr(PortService);

    private static readonly Parser<Command> ObjectService =
        from _ in Kw("service")
        from body in ServiceBody
        select (Command)new ObjectServiceCommand(body.Protocol, body.Source, body.Destination);

    /// <summary>Lines under `object network|service`.</summary>
    public static readonly Parser<Command> ObjectMember = ObjectHost.XOr(ObjectSubnet).XOr(ObjectRange).XOr(ObjectFqdn).XOr(ObjectService);

    public static readonly Parser<Command> ObjectGroup =
        from _ in Kw("object-group")
        from kind in WordWhere(_ => true, "object-group kind (network, service, protocol, icmp-type)")
        from name in Name
        from proto in WordWhere(_ => true, "protocol").Optional()
        from end in End
        select (Command)new ObjectGroupCommand(kind.ToLowerInvariant(), name, proto.GetOrDefault()?.ToLowerInvariant());

    private static readonly Parser<Command> NetworkObject =
        from _ in Kw("network-object")
        from address in Address
        from end in End
        select (Command)new NetworkObjectCommand(address);

    private static readonly Parser<Command> PortObject =
        from _ in Kw("port-object")
        from ports in Ports(null)
        from end in End
        select (Command)new PortObjectCommand(ports);

    private static readonly Parser<Command> ServiceObject =
        from _ in Kw("service-object")
        from body in ServiceBody
        select (Command)new ServiceObjectCommand(body.Protocol, body.Source, body.Destination);

    private static readonly Parser<Command> GroupObject =
        from _ in Kw("group-object")
        from name in Name
        from end in End
        select (Command)new GroupObjectCommand(name);

    private static readonly Parser<Command> ProtocolObject =
        from _ in Kw("protocol-object")
        from isObject in Kw("object").Optional()
        from proto in WordWhere(_ => true, "protocol")
        from end in End
        select (Command)new ProtocolObjectCommand(proto.ToLowerInvariant());

    /// <summary>Lines under `object-group`.</summary>
    public static readonly Parser<Command> GroupMember =
        NetworkObject.XOr(PortObject).XOr(ServiceObject).XOr(GroupObject).XOr(ProtocolObject);

    private static bool IsOperator(string w) =>
        Array.Exists(PortOperators, o => o.Equals(w, StringComparison.OrdinalIgnoreCase));

    private static bool IsAddressKeyword(string w) =>
        w.Equals("host", StringComparison.OrdinalIgnoreCase)
        || w.Equals("any", StringComparison.OrdinalIgnoreCase)
        || w.Equals("any4", StringComparison.OrdinalIgnoreCase)
        || w.Equals("any6", StringComparison.OrdinalIgnoreCase);

    private static bool StartsPortOperator(IInput input)
    {
        var r = Word(input);
        return r.WasSuccessful && IsOperator(r.Value);
    }

    private static bool NextWordIs(IInput input, string word)
    {
        var r = Word(input);
        return r.WasSuccessful && r.Value.Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when `object-group X` at <paramref name="input"/> is followed by an address operand.</summary>
    private static bool AddressFollowsGroup(IInput input)
    {
        var group = Ports(null)(input);
        if (!group.WasSuccessful || AtEnd(group.Remainder))
        {
            return false;
        }

        // `object-group A object-group B` is ambiguous (source ports + destination, or destination +
        // destination ports); the second reading is by far the more common one, so only a plain
        // address after the group makes it a source port group.
        if (NextWordIs(group.Remainder, "object-group"))
        {
            return false;
        }

        var after = Address(group.Remainder);
        return after.WasSuccessful;
    }
}
