using PixLint.Model;

namespace PixLint.Syntax.Commands;

/// <summary>`PIX|ASA|FWSM|NGFW Version X [&lt;context&gt;|&lt;system&gt;]`.</summary>
public sealed record VersionHeaderCommand(DevicePlatform Platform, string VersionText, OsVersion? Version, string? ContextMarker) : Command;

/// <summary>`hostname NAME`.</summary>
public sealed record HostnameCommand(string Name) : Command;

/// <summary>`[no] fixup protocol PROTO [port[-port] | args]`.</summary>
public sealed record FixupCommand(string Protocol, PortRange? Ports, IReadOnlyList<string> Arguments) : Command;

/// <summary>`context NAME` (system execution space of a multi-context device).</summary>
public sealed record ContextCommand(string Name) : Command;

/// <summary>`admin-context NAME`.</summary>
public sealed record AdminContextCommand(string Name) : Command;

/// <summary>` allocate-interface PHYSICAL [MAPPED] [visible|invisible]` under `context`.</summary>
public sealed record AllocateInterfaceCommand(IReadOnlyList<string> Arguments) : Command;

/// <summary>` config-url URL` under `context`.</summary>
public sealed record ConfigUrlCommand(string Url) : Command;

/// <summary>`name ADDRESS NAME [description TEXT]`.</summary>
public sealed record NameCommand(string Address, string Name, string? Description) : Command;

/// <summary>`access-group ACL in|out interface IF [per-user-override]` or `access-group ACL global`.</summary>
public sealed record AccessGroupCommand(string AccessList, string? Direction, string? Interface, bool Global) : Command;
