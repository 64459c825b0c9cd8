using PixLint.Model;
using PixLint.Syntax.Commands;
using Sprache;
using static PixLint.Syntax.Grammar.Lexical;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// Layer 3/4 class-maps and their match criteria.
/// <code>
/// class-map ::= "class-map" ["type" TYPE [PROTO]] ["match-all" | "match-any"] NAME
/// match     ::= "match" "port" ("tcp" | "udp") ("eq" PORT | "range" PORT PORT)
///             | "match" "default-inspection-traffic"
///             | "match" "access-list" NAME
///             | "match" "any"
///             | "match" WORD+                       (flow, dscp, tunnel-group, ...: kept as words)
/// </code>
/// </summary>
internal static class ClassMapGrammar
{
    private static readonly Parser<string> TypeClause =
        from _ in Kw("type")
        from type in WordWhere(_ => true, "class-map type")
        from proto in type.Equals("inspect", StringComparison.OrdinalIgnoreCase)
            ? WordWhere(_ => true, "inspected protocol").Select(p => " " + p)
            : Parse.Return(string.Empty)
        select type.ToLowerInvariant() + proto.ToLowerInvariant();

    public static readonly Parser<Command> ClassMap =
        from _ in Kw("class-map")
        from type in TypeClause.Optional()
        from mode in OneOf("match-all", "match-any").Optional()
        from name in Name
        from end in End
        select (Command)new ClassMapCommand(type.GetOrDefault(), mode.GetOrDefault(), name);

    private static readonly Parser<PortRange> EqPort =
        from _ in Kw("eq")
        from port in Port(null)
        select PortRange.Single(port);

    private static readonly Parser<PortRange> RangePorts =
        from _ in Kw("range")
        from low in Port(null)
        from high in Port(null)
        select new PortRange(Math.Min(low, high), Math.Max(low, high));

    private static readonly Parser<Command> MatchPort =
        from _ in Kw("port")
        from transport in OneOf("tcp", "udp")
        from ports in EqPort.Or(RangePorts)
        from end in End
        select (Command)new MatchPortCommand(transport, ports);

    private static readonly Parser<Command> MatchDefault =
        from _ in Kw("default-inspection-traffic")
        from end in End
        select (Command)new MatchDefaultInspectionTrafficCommand();

    private static readonly Parser<Command> MatchAccessList =
        from _ in Kw("access-list")
        from name in Name
        from end in End
        select (Command)new MatchAccessListCommand(name);

    private static readonly Parser<Command> MatchAny =
        from _ in Kw("any")
        from end in End
        select (Command)new MatchAnyCommand();

    private static readonly Parser<Command> MatchOther =
        from first in WordWhere(w => !IsModelledCriterion(w), "match criterion")
        from rest in Rest
        select (Command)new MatchOtherCommand([first, .. rest]);

    public static readonly Parser<Command> Match =
        from _ in Kw("match")
        from command in MatchPort.XOr(MatchDefault).XOr(MatchAccessList).XOr(MatchAny).XOr(MatchOther)
        select command;

    private static bool IsModelledCriterion(string word) =>
        word.Equals("port", StringComparison.OrdinalIgnoreCase)
        || word.Equals("default-inspection-traffic", StringComparison.OrdinalIgnoreCase)
        || word.Equals("access-list", StringComparison.OrdinalIgnoreCase)
        || word.Equals("any", StringComparison.OrdinalIgnoreCase);
}
