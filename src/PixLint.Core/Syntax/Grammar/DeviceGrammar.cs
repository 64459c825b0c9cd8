using PixLint.Model;
using PixLint.Syntax.Commands;
using Sprache;
using static PixLint.Syntax.Grammar.Lexical;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// Device identity and multi-context commands.
/// <code>
/// version-header ::= ("PIX" | "ASA" | "FWSM" | "NGFW") "Version" VERSION ["&lt;context&gt;" | "&lt;system&gt;"]
/// hostname       ::= "hostname" NAME
/// context        ::= "context" NAME
/// admin-context  ::= "admin-context" NAME
/// allocate-if    ::= "allocate-interface" WORD+
/// config-url     ::= "config-url" URL
/// name           ::= "name" ADDRESS NAME ["description" TEXT]
/// access-group   ::= "access-group" ACL ("in" | "out") "interface" IF WORD* | "access-group" ACL "global"
/// </code>
/// VERSION is any word; whether it is a real version number is decided by <see cref="OsVersion"/>.
/// </summary>
internal static class DeviceGrammar
{
    private static readonly Parser<DevicePlatform> Platform =
        OneOf("PIX", "ASA", "FWSM", "NGFW").Select(p => p switch
        {
            "PIX" => DevicePlatform.Pix,
            "ASA" => DevicePlatform.Asa,
            "FWSM" => DevicePlatform.Fwsm,
            _ => DevicePlatform.Ftd,
        });

    public static readonly Parser<Command> VersionHeader =
        from platform in Platform
        from _ in Kw("Version")
        from text in WordWhere(_ => true, "version number")
        from marker in OptionalAtEnd(OneOf("<context>", "<system>"))
        from end in End
        select (Command)new VersionHeaderCommand(
            platform, text, OsVersion.TryParse(text, out var v) ? v : null, marker.Present ? marker.Value : null);

    public static readonly Parser<Command> Hostname =
        from _ in Kw("hostname")
        from name in Name
        from end in End
        select (Command)new HostnameCommand(name);

    public static readonly Parser<Command> Context =
        from _ in Kw("context")
        from name in Name
        from end in End
        select (Command)new ContextCommand(name);

    public static readonly Parser<Command> AdminContext =
        from _ in Kw("admin-context")
        from name in Name
        from end in End
        select (Command)new AdminContextCommand(name);

    public static readonly Parser<Command> AllocateInterface =
        from _ in Kw("allocate-interface")
        from first in WordWhere(_ => true, "interface name")
        from rest in Rest
        select (Command)new AllocateInterfaceCommand([first, .. rest]);

    public static readonly Parser<Command> ConfigUrl =
        from _ in Kw("config-url")
        from url in WordWhere(_ => true, "URL")
        from end in End
        select (Command)new ConfigUrlCommand(url);

    public static readonly Parser<Command> NameEntry =
        from _ in Kw("name")
        from address in WordWhere(w => IsIpv4(w) || w.Contains(':', StringComparison.Ordinal), "IP address")
        from name in Name
        from description in (from d in Kw("description") from text in RestOfLine select text).Optional()
        from end in End
        select (Command)new NameCommand(address, name, description.GetOrDefault());

    public static readonly Parser<Command> AccessGroup =
        from _ in Kw("access-group")
        from acl in Name
        from binding in GlobalBinding.Or(InterfaceBinding)
        select (Command)new AccessGroupCommand(acl, binding.Direction, binding.Interface, binding.Interface is null);

    private static readonly Parser<(string? Direction, string? Interface)> GlobalBinding =
        from _ in Kw("global")
        from end in End
        select ((string?)null, (string?)null);

    private static readonly Parser<(string? Direction, string? Interface)> InterfaceBinding =
        from direction in OneOf("in", "out")
        from _ in Kw("interface")
        from name in WordWhere(_ => true, "interface name")
        from options in Rest
        select ((string?)direction, (string?)name);
}
