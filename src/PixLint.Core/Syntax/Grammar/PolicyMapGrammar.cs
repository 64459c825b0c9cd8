using PixLint.Syntax.Commands;
using Sprache;
using static PixLint.Syntax.Grammar.Lexical;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// Policy-maps (layer 3/4 and inspect maps) and the commands inside them.
/// <code>
/// policy-map  ::= "policy-map" ["type" "inspect" PROTO | "type" WORD] NAME
/// class       ::= "class" NAME
/// inspect     ::= "inspect" PROTO [QUALIFIER*] [MAP]            (a leading "no" is removed first)
/// parameters  ::= "parameters"
/// parameter   ::= "mask-banner"
///               | "allow-tls" ["action" "log"]
///               | "mail-relay" DOMAIN "action" ("drop-connection" | "log")
///               | "special-character" "action" ("drop-connection" | "log")
///               | WORD WORD*                                      (other parameters, kept as words)
/// match       ::= "match" ["not"] WORD+                          (inspect-map criteria)
/// action      ::= ("mask" | "drop-connection" | "reset" | "log") ["log"]
///               | "drop" ["send-protocol-error"] ["log"]
///               | "rate-limit" NUMBER
/// description ::= "description" TEXT
/// service-policy ::= "service-policy" NAME ("global" | "interface" IF)
/// </code>
/// For `esmtp` and `smtp` the only argument of `inspect` is the inspect map's name.
/// </summary>
internal static class PolicyMapGrammar
{
    private static readonly Parser<(string? Type, string? Protocol)> TypeClause =
        from _ in Kw("type")
        from type in WordWhere(_ => true, "policy-map type")
        from proto in type.Equals("inspect", StringComparison.OrdinalIgnoreCase)
            ? WordWhere(_ => true, "inspected protocol").Select(p => (string?)p.ToLowerInvariant())
            : Parse.Return((string?)null)
        select ((string?)type.ToLowerInvariant(), proto);

    public static readonly Parser<Command> PolicyMap =
        from _ in Kw("policy-map")
        from type in TypeClause.Optional()
        from name in Name
        from end in End
        select (Command)new PolicyMapCommand(type.GetOrDefault().Type, type.GetOrDefault().Protocol, name);

    public static readonly Parser<Command> Class =
        from _ in Kw("class")
        from name in Name
        from end in End
        select (Command)new PolicyClassCommand(name);

    private static readonly Parser<Command> InspectMail =
        from proto in OneOf("esmtp", "smtp")
        from map in Name.Select(n => (string?)n).Or(End.Return((string?)null))
        from end in End
        select (Command)new InspectCommand(proto, map is null ? [] : [map], map);

    private static readonly Parser<Command> InspectOther =
        from proto in WordWhere(_ => true, "inspected protocol")
        from args in Rest
        select (Command)new InspectCommand(proto.ToLowerInvariant(), args, MapNameOf(proto, args));

    public static readonly Parser<Command> Inspect =
        from _ in Kw("inspect")
        from command in InspectMail.XOr(InspectOther)
        select command;

    public static readonly Parser<Command> Parameters =
        from _ in Kw("parameters")
        from end in End
        select (Command)new ParametersCommand();

    private static readonly Parser<string> LogAction =
        from _ in Kw("action")
        from action in OneOf("drop-connection", "log")
        select action;

    private static readonly Parser<Command> MaskBanner =
        from _ in Kw("mask-banner")
        from end in End
        select (Command)new InspectParameterCommand("mask-banner", []);

    private static readonly Parser<Command> AllowTls =
        from _ in Kw("allow-tls")
        from action in OptionalAtEnd(from a in Kw("action") from l in Kw("log") select "log")
        from end in End
        select (Command)new InspectParameterCommand("allow-tls", action.Present ? ["action", "log"] : []);

    private static readonly Parser<Command> MailRelay =
        from _ in Kw("mail-relay")
        from domain in WordWhere(w => !w.Equals("action", StringComparison.OrdinalIgnoreCase), "domain name").Optional()
        from action in domain.IsDefined ? LogAction.Select(a => (string?)a) : End.Return((string?)null)
        from end in End
        select (Command)new InspectParameterCommand("mail-relay",
            domain.IsDefined ? [domain.Get(), "action", action!] : []);

    private static readonly Parser<Command> SpecialCharacter =
        from _ in Kw("special-character")
        from action in LogAction.Select(a => (string?)a).Or(End.Return((string?)null))
        from end in End
        select (Command)new InspectParameterCommand("special-character", action is null ? [] : ["action", action]);

    private static readonly Parser<Command> OtherParameter =
        from name in WordWhere(_ => true, "parameter")
        from args in Rest
        select (Command)new InspectParameterCommand(name.ToLowerInvariant(), args);

    /// <summary>Any line under `parameters`.</summary>
    public static readonly Parser<Command> Parameter =
        MaskBanner.XOr(AllowTls).XOr(MailRelay).XOr(SpecialCharacter).XOr(OtherParameter);

    public static readonly Parser<Command> InspectMatch =
        from _ in Kw("match")
        from not in Kw("not").Optional()
        from first in WordWhere(_ => true, "match criterion")
        from rest in Rest
        select (Command)new InspectMatchCommand(not.IsDefined, [first, .. rest]);

    private static readonly Parser<Command> SimpleAction =
        from action in OneOf("mask", "drop-connection", "reset", "log")
        from log in OptionalAtEnd(Kw("log"))
        from end in End
        select (Command)new InspectActionCommand(action, log.Present ? ["log"] : []);

    private static readonly Parser<Command> DropAction =
        from action in Kw("drop")
        from error in Kw("send-protocol-error").Optional()
        from log in OptionalAtEnd(Kw("log"))
        from end in End
        select (Command)new InspectActionCommand("drop",
            [.. error.IsDefined ? new[] { "send-protocol-error" } : [], .. log.Present ? new[] { "log" } : []]);

    private static readonly Parser<Command> RateLimitAction =
        from action in Kw("rate-limit")
        from rate in Number
        from end in End
        select (Command)new InspectActionCommand("rate-limit", [rate.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>An action line under an inspect-map `match` (or an inspect class).</summary>
    public static readonly Parser<Command> Action = SimpleAction.XOr(DropAction).XOr(RateLimitAction);

    public static readonly Parser<Command> Description =
        from _ in Kw("description")
        from text in RestOfLine
        select (Command)new DescriptionCommand(text);

    public static readonly Parser<Command> ServicePolicy =
        from _ in Kw("service-policy")
        from name in Name
        from scope in Kw("global").Select(_ => (string?)null)
            .Or(from i in Kw("interface") from ifName in WordWhere(_ => true, "interface name") select (string?)ifName)
        from end in End
        select (Command)new ServicePolicyCommand(name, scope is null, scope);

    /// <summary>The inspect map named by `inspect PROTO ...` for protocols that take qualifiers before the map.</summary>
    private static string? MapNameOf(string protocol, IReadOnlyList<string> args)
    {
        var rest = args.Where(a => !IsQualifier(protocol, a)).ToList();
        return rest.Count == 1 ? rest[0] : null;
    }

    private static bool IsQualifier(string protocol, string word) => protocol.ToLowerInvariant() switch
    {
        "h323" => word is "h225" or "ras",
        "ftp" => word == "strict",
        "icmp" => word == "error",
        "dns" => word == "dynamic-filter-snoop",
        "scansafe" => word is "fail-open" or "fail-close",
        _ => false,
    };
}
