namespace PixLint.Syntax.Commands;

/// <summary>`interface HARDWARE [...]` (ASA block header; PIX 6 `interface ethernet0 auto` line).</summary>
public sealed record InterfaceCommand(string Hardware, IReadOnlyList<string> Arguments) : Command;

/// <summary>` nameif NAME` under `interface` (ASA), or PIX 6 `nameif HARDWARE NAME securityN`.</summary>
public sealed record NameifCommand(string? Hardware, string Name, int? SecurityLevel) : Command;

/// <summary>` ip address A MASK [standby S]` under `interface`, or PIX 6 `ip address IF A MASK`; null address for `dhcp`/`pppoe`.</summary>
public sealed record IpAddressCommand(string? Interface, string? Address, string? Mask) : Command;

/// <summary>` security-level N` under `interface` (-1 for `no security-level`).</summary>
public sealed record SecurityLevelCommand(int Level) : Command;

/// <summary>
/// PIX 6 / ASA 8.2 static NAT: `static (REAL_IF,MAPPED_IF) [tcp|udp] MAPPED [MAPPED_PORT] REAL [REAL_PORT] [netmask MASK] ...`.
/// MAPPED may be `interface`; REAL may be `access-list NAME` (policy static; in the port form the
/// access list gives the real address and port: `static (in,out) tcp interface 25 access-list A`).
/// </summary>
public sealed record StaticCommand(
    string RealInterface,
    string MappedInterface,
    string? Protocol,
    string Mapped,
    string? MappedPort,
    string Real,
    string? RealPort,
    string? Netmask,
    string? AccessList) : Command;

/// <summary>` nat (REAL_IF,MAPPED_IF) static|dynamic MAPPED [service PROTO REAL_PORT MAPPED_PORT] ...` under `object network` (ASA 8.3+).</summary>
public sealed record ObjectNatCommand(
    string RealInterface,
    string MappedInterface,
    bool IsStatic,
    string Mapped,
    string? ServiceProtocol,
    string? RealPort,
    string? MappedPort) : Command;

/// <summary>
/// ASA 8.3+ twice NAT: `nat (REAL_IF,MAPPED_IF) [after-auto|N] source static|dynamic REAL MAPPED
/// [destination static MAPPED_DST REAL_DST] [service REAL_SVC MAPPED_SVC] ...`.
/// </summary>
public sealed record TwiceNatCommand(
    string RealInterface,
    string MappedInterface,
    bool IsStatic,
    string RealSource,
    string MappedSource,
    string? RealService,
    string? MappedService) : Command
{
    /// <summary>True when a `destination` clause limits the translation to traffic to some hosts (e.g. a VPN).</summary>
    public bool HasDestination { get; init; }
}

/// <summary>PIX 6 / ASA 8.2 dynamic NAT or exemption: `nat (IF) ID ...` (no address translation PixLint follows).</summary>
public sealed record LegacyNatCommand(string Interface, string Id, IReadOnlyList<string> Arguments) : Command;

/// <summary>PIX 4-6 `conduit permit|deny PROTO GLOBAL [PORTS] FOREIGN [PORTS]`: inbound access to GLOBAL (the public address).</summary>
public sealed record ConduitCommand(bool Permit, ProtocolSpec Protocol, AddressSpec Global, PortSpec? GlobalPort, AddressSpec Foreign, PortSpec? ForeignPort) : Command;
