using PixLint.Model;

namespace PixLint.Syntax.Commands;

/// <summary>How an access-list line is written.</summary>
public enum AccessListKind : byte
{
    /// <summary>`access-list N [line K] extended permit|deny ...` or PIX 6 `access-list N permit|deny ...`.</summary>
    Extended,
    Standard,
    Remark,
    Webtype,
    Ethertype,

    /// <summary>A global access-list setting rather than an entry: `access-list mode auto`, `access-list commit` (FWSM).</summary>
    Setting,
}

/// <summary>An address operand: `any`, `host A`, `A MASK`, `object N`, `object-group N`, `interface IF`, `A/LEN`.</summary>
public sealed record AddressSpec(AddressSpecKind Kind, string? Value = null, string? Mask = null)
{
    public static readonly AddressSpec Any = new(AddressSpecKind.Any);

    public override string ToString() => Kind switch
    {
        AddressSpecKind.Any => Value ?? "any",
        AddressSpecKind.Host => $"host {Value}",
        AddressSpecKind.Network => $"{Value} {Mask}",
        AddressSpecKind.Object => $"object {Value}",
        AddressSpecKind.ObjectGroup => $"object-group {Value}",
        AddressSpecKind.Interface => $"interface {Value}",
        _ => Value ?? string.Empty,
    };
}

public enum AddressSpecKind : byte
{
    Any,
    Host,
    Network,
    Object,
    ObjectGroup,
    Interface,
    Prefix,
    Fqdn,
}

/// <summary>A port operand: `eq P`, `lt P`, `gt P`, `neq P`, `range A B`, or `object-group N`.</summary>
public sealed record PortSpec(PortOperator Operator, PortRange Range, string? GroupName = null)
{
    public override string ToString() => Operator switch
    {
        PortOperator.ObjectGroup => $"object-group {GroupName}",
        PortOperator.Range => $"range {Range.Low} {Range.High}",
        _ => $"{Operator.ToString().ToLowerInvariant()} {Range.Low}",
    };

    /// <summary>The ports this operand selects, as ranges (empty for an object-group, resolved by the model).</summary>
    public IReadOnlyList<PortRange> ToRanges() => Operator switch
    {
        PortOperator.Eq or PortOperator.Range => [Range],
        PortOperator.Lt => Range.Low > 0 ? [new PortRange(0, Range.Low - 1)] : [],
        PortOperator.Gt => Range.Low < 65535 ? [new PortRange(Range.Low + 1, 65535)] : [],
        PortOperator.Neq => [.. new[] { new PortRange(0, Range.Low - 1), new PortRange(Range.Low + 1, 65535) }.Where(r => r.Low <= r.High)],
        _ => [],
    };
}

public enum PortOperator : byte
{
    Eq,
    Lt,
    Gt,
    Neq,
    Range,
    ObjectGroup,
}

/// <summary>The protocol operand of an ACE: a name or number (`ip`, `tcp`, `6`), `object N` or `object-group N`.</summary>
public sealed record ProtocolSpec(string Name, bool IsObject = false, bool IsObjectGroup = false)
{
    public override string ToString() => IsObject ? $"object {Name}" : IsObjectGroup ? $"object-group {Name}" : Name;
}

/// <summary>One access-control entry (the part after `permit|deny`).</summary>
public sealed record AccessControlEntry(
    bool Permit,
    ProtocolSpec Protocol,
    AddressSpec Source,
    PortSpec? SourcePort,
    AddressSpec Destination,
    PortSpec? DestinationPort,
    IReadOnlyList<string> Options)
{
    public bool Inactive => Options.Any(o => o.Equals("inactive", StringComparison.OrdinalIgnoreCase));
}

/// <summary>`access-list NAME [line N] [extended] permit|deny ...`, `access-list NAME remark TEXT`, ...</summary>
public sealed record AccessListCommand(string Name, AccessListKind Kind, AccessControlEntry? Entry, string? Remark) : Command;

/// <summary>`object network|service NAME`.</summary>
public sealed record ObjectCommand(string ObjectKind, string Name) : Command;

/// <summary>` host A`, ` subnet A MASK`, ` range A B`, ` fqdn NAME` under `object network`.</summary>
public sealed record ObjectAddressCommand(AddressSpec Address, string? RangeEnd = null) : Command;

/// <summary>` service PROTO [source OP P] [destination OP P]` under `object service`.</summary>
public sealed record ObjectServiceCommand(ProtocolSpec Protocol, PortSpec? SourcePort, PortSpec? DestinationPort) : Command;

/// <summary>`object-group network|service|protocol|icmp-type NAME [tcp|udp|tcp-udp]`.</summary>
public sealed record ObjectGroupCommand(string GroupKind, string Name, string? Protocol) : Command;

/// <summary>` network-object host A | A MASK | object N`.</summary>
public sealed record NetworkObjectCommand(AddressSpec Address) : Command;

/// <summary>` port-object eq P | range A B`.</summary>
public sealed record PortObjectCommand(PortSpec Port) : Command;

/// <summary>` service-object PROTO [source OP P] [destination OP P]` or ` service-object object N`.</summary>
public sealed record ServiceObjectCommand(ProtocolSpec Protocol, PortSpec? SourcePort, PortSpec? DestinationPort) : Command;

/// <summary>` group-object NAME`.</summary>
public sealed record GroupObjectCommand(string Name) : Command;

/// <summary>` protocol-object PROTO`.</summary>
public sealed record ProtocolObjectCommand(string Protocol) : Command;
