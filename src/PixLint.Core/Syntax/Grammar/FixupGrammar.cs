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

    /// <summary>
    /// The usual fixup lines without Sprache (each small file of a fleet has a dozen, parsed eagerly):
    /// the same command as <see cref="Fixup"/>, or null for anything else (a non-ASCII character, an
    /// `smtp` line the grammar would reject), which the grammar then parses and reports.
    /// </summary>
    public static Command? Fast(ReadOnlySpan<char> line, CommandGrammars.CommandSite site)
    {
        const int MaxWords = 32;
        if (line.IsEmpty || IsBlank(line[0]) || line.ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return null;
        }

        Span<Range> ranges = stackalloc Range[MaxWords];
        int count = LineWords.Split(line, ranges);
        if (count < 3)
        {
            return null;
        }

        var w = new LineWords(line, ranges[..count]);
        if (!w.Is(0, "fixup") || !w.Is(1, "protocol"))
        {
            return null;
        }

        FixupCommand? command;
        if (w.Is(2, "smtp"))
        {
            PortRange? ports = null;
            if (count == 4 && PortOrRange(new LineInput(w.Text(3))) is { WasSuccessful: true } r)
            {
                ports = r.Value;
            }

            command = count == 3 || ports is not null ? new FixupCommand("smtp", ports, []) : null;
        }
        else
        {
            var args = new string[count - 3];
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = w.Text(i + 3);
            }

            command = new FixupCommand(w.Text(2).ToLowerInvariant(), TrailingPorts(args), args);
        }

        return command is null ? null : command with { Line = site.Line, Span = site.Span, Negated = site.Negated };
    }

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
