using PixLint.Model;
using PixLint.Syntax.Commands;
using Sprache;
using static PixLint.Syntax.Grammar.Lexical;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// PIX 4.2-6.x / FWSM 1-2 application fixups (the leading `no` is removed before parsing).
/// <code>
/// fixup ::= "fixup" "protocol" PROTO [PORTS | WORD*]
/// PORTS ::= PORT | PORT "-" PORT        (one word, e.g. 25 or 2525-2530)
/// </code>
/// For `smtp` the argument must be a port or range (or absent, for the bare `no fixup protocol smtp`);
/// other protocols keep their arguments as words (`h323 ras 1718-1719`, `icmp error`).
/// </summary>
internal static class FixupGrammar
{
    private static readonly Parser<Command> Smtp =
        from proto in Kw("smtp")
        from ports in PortOrRange.Select(p => (PortRange?)p).Or(End.Return((PortRange?)null))
        from end in End
        select (Command)new FixupCommand("smtp", ports, []);

    private static readonly Parser<Command> Other =
        from proto in WordWhere(_ => true, "protocol name")
        from args in Rest
        select (Command)new FixupCommand(proto.ToLowerInvariant(), TrailingPorts(args), args);

    public static readonly Parser<Command> Fixup =
        from _ in Kw("fixup")
        from __ in Kw("protocol")
        from command in Smtp.XOr(Other)
        select command;

    private static PortRange? TrailingPorts(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return null;
        }

        var r = PortOrRange(new LineInput(args[^1]));
        return r.WasSuccessful ? r.Value : null;
    }
}
