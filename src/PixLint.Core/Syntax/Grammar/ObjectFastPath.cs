using PixLint.Model;
using PixLint.Syntax.Commands;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// The usual object, object-group and NAT lines without Sprache: a large configuration has tens of
/// thousands of them, and naming the mail servers behind a finding resolves every static NAT and the
/// objects it names. Like <see cref="AccessListFastPath"/>, each reader follows its grammar
/// (<see cref="AccessListGrammar"/>, <see cref="NetworkGrammar"/>) word by word and answers only
/// with the command the grammar gives too; anything else (an unusual form, a non-ASCII character,
/// a line the grammar would reject) is null, and the grammar parses the line and gives any error.
/// Differential tests hold the two together.
/// </summary>
internal static class ObjectFastPath
{
    private const int MaxWords = 32;

    /// <summary>`object KIND NAME`.</summary>
    public static Command? Object(ReadOnlySpan<char> line, CommandGrammars.CommandSite site)
    {
        Span<Range> ranges = stackalloc Range[MaxWords];
        if (!Read(line, ranges, out var w) || w.Count != 3 || !w.Is(0, "object"))
        {
            return null;
        }

        return new ObjectCommand(w.Text(1).ToLowerInvariant(), w.Text(2)) { Line = site.Line, Span = site.Span, Negated = site.Negated };
    }

    /// <summary>`object-group KIND NAME [PROTOCOL]`.</summary>
    public static Command? ObjectGroup(ReadOnlySpan<char> line, CommandGrammars.CommandSite site)
    {
        Span<Range> ranges = stackalloc Range[MaxWords];
        if (!Read(line, ranges, out var w) || w.Count is not (3 or 4) || !w.Is(0, "object-group"))
        {
            return null;
        }

        string? protocol = w.Count == 4 ? w.Text(3).ToLowerInvariant() : null;
        return new ObjectGroupCommand(w.Text(1).ToLowerInvariant(), w.Text(2), protocol) { Line = site.Line, Span = site.Span, Negated = site.Negated };
    }

    /// <summary>` host A`, ` subnet A MASK`, ` subnet PREFIX`, ` range A B`, ` fqdn [v4|v6] NAME` under `object network`, ` service ...` under `object service`.</summary>
    public static Command? ObjectMember(ReadOnlySpan<char> line, CommandGrammars.CommandSite site)
    {
        Span<Range> ranges = stackalloc Range[MaxWords];
        if (!Read(line, ranges, out var w))
        {
            return null;
        }

        Command? command = null;
        if (w.Is(0, "host") && w.Count == 2)
        {
            command = new ObjectAddressCommand(new AddressSpec(AddressSpecKind.Host, w.Text(1)));
        }
        else if (w.Is(0, "subnet") && w.Count >= 2)
        {
            bool v6 = w.Span(1).Contains(':');
            if (v6 && w.Count == 2)
            {
                command = new ObjectAddressCommand(new AddressSpec(AddressSpecKind.Prefix, w.Text(1)));
            }
            else if (!v6 && w.Count == 3 && Lexical.IsIpv4(w.Span(2)))
            {
                command = new ObjectAddressCommand(new AddressSpec(AddressSpecKind.Network, w.Text(1), w.Text(2)));
            }
        }
        else if (w.Is(0, "range") && w.Count == 3)
        {
            command = new ObjectAddressCommand(new AddressSpec(AddressSpecKind.Host, w.Text(1)), w.Text(2));
        }
        else if (w.Is(0, "service"))
        {
            command = ServiceBody(w) is var (protocol, source, destination) ? new ObjectServiceCommand(protocol, source, destination) : null;
        }
        else if (w.Is(0, "fqdn"))
        {
            bool family = w.Is(1, "v4") || w.Is(1, "v6");
            if (w.Count == (family ? 3 : 2))
            {
                command = new ObjectAddressCommand(new AddressSpec(AddressSpecKind.Fqdn, w.Text(family ? 2 : 1)));
            }
        }

        return command is null ? null : command with { Line = site.Line, Span = site.Span, Negated = site.Negated };
    }

    /// <summary>` network-object ADDRESS`, ` port-object PORTS`, ` service-object ...`, ` group-object NAME` under `object-group` (` protocol-object`: the grammar).</summary>
    public static Command? GroupMember(ReadOnlySpan<char> line, CommandGrammars.CommandSite site)
    {
        Span<Range> ranges = stackalloc Range[MaxWords];
        if (!Read(line, ranges, out var w) || w.Count < 2)
        {
            return null;
        }

        Command? command = null;
        int i = 1;
        if (w.Is(0, "network-object"))
        {
            command = AccessListFastPath.Address(w, ref i) is { } address && i == w.Count ? new NetworkObjectCommand(address) : null;
        }
        else if (w.Is(0, "port-object"))
        {
            command = AccessListFastPath.Ports(w, ref i, null) is { } ports && i == w.Count ? new PortObjectCommand(ports) : null;
        }
        else if (w.Is(0, "service-object"))
        {
            command = ServiceBody(w) is var (protocol, source, destination) ? new ServiceObjectCommand(protocol, source, destination) : null;
        }
        else if (w.Is(0, "group-object") && w.Count == 2)
        {
            command = new GroupObjectCommand(w.Text(1));
        }

        return command is null ? null : command with { Line = site.Line, Span = site.Span, Negated = site.Negated };
    }

    /// <summary>` nat [(REAL_IF,MAPPED_IF)] static|dynamic MAPPED WORD*` under `object network`.</summary>
    public static Command? ObjectNat(ReadOnlySpan<char> line, CommandGrammars.CommandSite site)
    {
        Span<Range> ranges = stackalloc Range[MaxWords];
        if (!Read(line, ranges, out var w) || !w.Is(0, "nat"))
        {
            return null;
        }

        int i = 1;
        string real = "any", mapped = "any";
        if (InterfacePair(w, 1) is { } pair)
        {
            (real, mapped) = pair;
            i = 2;
        }

        bool isStatic = w.Is(i, "static");
        if ((!isStatic && !w.Is(i, "dynamic")) || !w.Has(i + 1))
        {
            return null;
        }

        // `service tcp|udp REAL_PORT MAPPED_PORT` after the first `service` word, when it reads so.
        (string Protocol, string Real, string Mapped)? service = null;
        for (int s = i + 2; s < w.Count; s++)
        {
            if (w.Is(s, "service"))
            {
                if (w.Has(s + 3) && (w.Is(s + 1, "tcp") || w.Is(s + 1, "udp"))
                    && PortNames.TryResolve(w.Span(s + 2), null, out _) && PortNames.TryResolve(w.Span(s + 3), null, out _))
                {
                    service = (w.Is(s + 1, "tcp") ? "tcp" : "udp", w.Text(s + 2), w.Text(s + 3));
                }

                break;
            }
        }

        return new ObjectNatCommand(real, mapped, isStatic, w.Text(i + 1), service?.Protocol, service?.Real, service?.Mapped)
        {
            Line = site.Line,
            Span = site.Span,
            Negated = site.Negated,
        };
    }

    /// <summary>Top-level `nat (REAL_IF,MAPPED_IF) [POSITION] source static|dynamic REAL MAPPED WORD*` (twice NAT; the PIX 6 form: the grammar).</summary>
    public static Command? TwiceNat(ReadOnlySpan<char> line, CommandGrammars.CommandSite site)
    {
        Span<Range> ranges = stackalloc Range[MaxWords];
        if (!Read(line, ranges, out var w) || !w.Is(0, "nat") || InterfacePair(w, 1) is not var (real, mapped))
        {
            return null;
        }

        int i = w.Is(2, "source") ? 2 : 3;
        if (!w.Is(i, "source") || !(w.Is(i + 1, "static") || w.Is(i + 1, "dynamic")) || !w.Has(i + 3))
        {
            return null;
        }

        int rest = i + 4;
        string? realService = null, mappedService = null;
        bool destination = false;
        for (int k = rest; k < w.Count; k++)
        {
            if (realService is null && k + 2 < w.Count && w.Is(k, "service"))
            {
                realService = w.Text(k + 1);
                mappedService = w.Text(k + 2);
            }

            destination |= w.Is(k, "destination");
        }

        return new TwiceNatCommand(real, mapped, w.Is(i + 1, "static"), w.Text(i + 2), w.Text(i + 3), realService, mappedService)
        {
            HasDestination = destination,
            Line = site.Line,
            Span = site.Span,
            Negated = site.Negated,
        };
    }

    /// <summary>`(REAL_IF,MAPPED_IF)` as one word, as <c>NetworkGrammar.InterfacePair</c> reads it.</summary>
    private static (string Real, string Mapped)? InterfacePair(LineWords w, int index)
    {
        if (!w.Has(index))
        {
            return null;
        }

        var word = w.Span(index);
        int comma = word.IndexOf(',');
        if (word.Length < 2 || word[0] != '(' || word[^1] != ')' || comma <= 1 || comma >= word.Length - 2)
        {
            return null;
        }

        return (word[1..comma].ToString(), word[(comma + 1)..^1].ToString());
    }

    /// <summary>The words of an ASCII line; false (leave it to the grammar) for anything else or too many words.</summary>
    /// <summary>
    /// After ` service` or ` service-object`: `PROTOCOL [source PORTS] [[destination] PORTS]` to the end
    /// of the line, PROTOCOL a name or `object NAME`. ICMP's types and codes, and protocol words the
    /// grammar weighs further (`object-group`, `source`, address keywords), are left to the grammar.
    /// </summary>
    private static (ProtocolSpec Protocol, PortSpec? Source, PortSpec? Destination)? ServiceBody(LineWords w)
    {
        int i = 1;
        ProtocolSpec protocol;
        if (w.Is(1, "object"))
        {
            if (!w.Has(2))
            {
                return null;
            }

            protocol = new ProtocolSpec(w.Text(2), IsObject: true);
            i = 3;
        }
        else if (!w.Has(1) || w.Is(1, "icmp") || w.Is(1, "icmp6") || w.Is(1, "object-group") || w.Is(1, "source") || w.Is(1, "destination")
            || AccessListFastPath.IsAddressKeyword(w, 1) || AccessListFastPath.IsOperator(w, 1))
        {
            return null;
        }
        else
        {
            protocol = new ProtocolSpec(AccessListFastPath.ProtocolName(w.Span(1)));
            i = 2;
        }

        PortSpec? source = null, destination = null;
        if (w.Is(i, "source"))
        {
            i++;
            source = AccessListFastPath.Ports(w, ref i, null);
            if (source is null)
            {
                return null;
            }
        }

        if (w.Has(i))
        {
            i += w.Is(i, "destination") ? 1 : 0;
            destination = AccessListFastPath.Ports(w, ref i, null);
            if (destination is null)
            {
                return null;
            }
        }

        return i == w.Count ? (protocol, source, destination) : null;
    }

    private static bool Read(ReadOnlySpan<char> line, Span<Range> ranges, out LineWords words)
    {
        words = default;
        if (line.IsEmpty || Lexical.IsBlank(line[0]) || line.ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return false;
        }

        int count = LineWords.Split(line, ranges);
        if (count < 0)
        {
            return false;
        }

        words = new LineWords(line, ranges[..count]);
        return true;
    }
}
