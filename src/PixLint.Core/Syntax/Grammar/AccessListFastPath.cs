using System.Globalization;
using PixLint.Model;
using PixLint.Syntax.Commands;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// The common `access-list` lines without Sprache: a large configuration has hundreds of thousands
/// of them, and resolving every list an `access-group` binds parses them all. It reads the line's
/// words once and follows <see cref="AccessListGrammar"/> step by step (the grammar stays the
/// definition; a differential test checks the two agree). It only ever answers with a command the
/// grammar gives too: when anything is unusual (a non-ASCII character, an FWSM setting, a word the
/// grammar would reject, very many words) it answers null and the grammar parses the line, so
/// every error message still comes from the grammar.
/// </summary>
internal static class AccessListFastPath
{
    private const int MaxWords = 64;

    private static readonly AddressSpec AnyAddress = new(AddressSpecKind.Any, "any");
    private static readonly AddressSpec Any4Address = new(AddressSpecKind.Any, "any4");
    private static readonly AddressSpec Any6Address = new(AddressSpecKind.Any, "any6");

    /// <summary>The command for <paramref name="line"/> (from its first word) at <paramref name="site"/>, or null to let the grammar decide.</summary>
    public static AccessListCommand? TryParse(ReadOnlySpan<char> line, CommandGrammars.CommandSite site = default)
    {
        if (line.IsEmpty || Lexical.IsBlank(line[0]))
        {
            return null; // The grammar reads from the first word: blanks first are its to reject.
        }

        if (line.ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return null; // Sprache's grammar lowercases with ToLowerInvariant: keep non-ASCII there.
        }

        Span<Range> words = stackalloc Range[MaxWords];
        int count = LineWords.Split(line, words);
        if (count < 0)
        {
            return null;
        }

        var reader = new LineWords(line, words[..count]);
        if (count < 3 || !reader.Is(0, "access-list")
            || reader.Is(1, "commit") || reader.Is(1, "mode") || reader.Is(1, "alert-interval") || reader.Is(1, "deny-flow-max"))
        {
            return null;
        }

        string name = reader.Text(1);
        int i = 2;
        if (reader.Is(i, "line"))
        {
            if (i + 1 >= count || !int.TryParse(line[words[i + 1]], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return null;
            }

            i += 2;
        }

        if (i >= count)
        {
            return null;
        }

        if (reader.Is(i, "remark"))
        {
            // The rest of the line as typed, from the word after `remark`.
            int from = words[i].End.Value;
            while (from < line.Length && Lexical.IsBlank(line[from]))
            {
                from++;
            }

            return new AccessListCommand(name, AccessListKind.Remark, null, line[from..].TrimEnd().ToString()) { Line = site.Line, Span = site.Span, Negated = site.Negated };
        }

        AccessListKind? other = reader.Is(i, "standard") ? AccessListKind.Standard
            : reader.Is(i, "webtype") ? AccessListKind.Webtype
            : reader.Is(i, "ethertype") ? AccessListKind.Ethertype
            : null;
        if (other is not null)
        {
            return new AccessListCommand(name, other.Value, null, null) { Line = site.Line, Span = site.Span, Negated = site.Negated };
        }

        if (reader.Is(i, "extended") || reader.Is(i, "advanced"))
        {
            i++;
        }

        var entry = Ace(reader, ref i);
        return entry is null ? null : new AccessListCommand(name, AccessListKind.Extended, entry, null) { Line = site.Line, Span = site.Span, Negated = site.Negated };
    }

    /// <summary>`permit|deny PROTO SRC [PORTS] DST [PORTS] OPTIONS`, as <see cref="AccessListGrammar.Ace"/> reads it.</summary>
    private static AccessControlEntry? Ace(LineWords w, ref int i)
    {
        bool permit = w.Is(i, "permit");
        if (!permit && !w.Is(i, "deny"))
        {
            return null;
        }

        i++;
        if (!w.Has(i))
        {
            return null;
        }

        ProtocolSpec protocol;
        string? transport = null;
        if (w.Is(i, "object") || w.Is(i, "object-group"))
        {
            if (!w.Has(i + 1))
            {
                return null;
            }

            protocol = new ProtocolSpec(w.Text(i + 1), IsObject: w.Is(i, "object"), IsObjectGroup: w.Is(i, "object-group"));
            i += 2;
        }
        else
        {
            if (IsAddressKeyword(w, i) || IsOperator(w, i))
            {
                return null;
            }

            transport = ProtocolName(w.Span(i));
            protocol = new ProtocolSpec(transport);
            i++;
        }

        var source = Address(w, ref i);
        if (source is null)
        {
            return null;
        }

        PortSpec? sourcePort = null;
        if (IsOperator(w, i) || (w.Is(i, "object-group") && AddressFollowsGroup(w, i)))
        {
            sourcePort = Ports(w, ref i, transport);
            if (sourcePort is null)
            {
                return null;
            }
        }

        var destination = Address(w, ref i);
        if (destination is null)
        {
            return null;
        }

        PortSpec? destinationPort = null;
        if (IsOperator(w, i) || w.Is(i, "object-group"))
        {
            destinationPort = Ports(w, ref i, transport);
            if (destinationPort is null)
            {
                return null;
            }
        }

        string[] options = w.Count > i ? new string[w.Count - i] : [];
        for (int k = 0; k < options.Length; k++)
        {
            options[k] = w.Text(i + k);
        }

        return new AccessControlEntry(permit, protocol, source, sourcePort, destination, destinationPort, options);
    }

    /// <summary>An address operand (`any`, `host A`, `object N`, `A MASK`, a v6 prefix...) as the grammar's Address reads it, or null.</summary>
    internal static AddressSpec? Address(LineWords w, ref int i)
    {
        if (!w.Has(i))
        {
            return null;
        }

        if (w.Is(i, "any") || w.Is(i, "any4") || w.Is(i, "any6"))
        {
            var any = w.Is(i, "any") ? AnyAddress : w.Is(i, "any4") ? Any4Address : Any6Address;
            i++;
            return any;
        }

        AddressSpecKind? named = w.Is(i, "host") ? AddressSpecKind.Host
            : w.Is(i, "object") ? AddressSpecKind.Object
            : w.Is(i, "object-group") ? AddressSpecKind.ObjectGroup
            : w.Is(i, "interface") ? AddressSpecKind.Interface
            : null;
        if (named is not null)
        {
            if (!w.Has(i + 1))
            {
                return null;
            }

            var spec = new AddressSpec(named.Value, w.Text(i + 1));
            i += 2;
            return spec;
        }

        var word = w.Span(i);
        if (word.Contains(':') && word.Contains('/'))
        {
            var prefix = new AddressSpec(AddressSpecKind.Prefix, w.Text(i));
            i++;
            return prefix;
        }

        if (IsOperator(w, i) || !w.Has(i + 1) || !Lexical.IsIpv4(w.Span(i + 1)))
        {
            return null;
        }

        var network = new AddressSpec(AddressSpecKind.Network, w.Text(i), w.Text(i + 1));
        i += 2;
        return network;
    }

    /// <summary>A port operand (`eq P`, `range A B`, `object-group N`...) as the grammar's Ports reads it, or null.</summary>
    internal static PortSpec? Ports(LineWords w, ref int i, string? transport)
    {
        if (w.Is(i, "object-group"))
        {
            if (!w.Has(i + 1))
            {
                return null;
            }

            var group = new PortSpec(PortOperator.ObjectGroup, default, w.Text(i + 1));
            i += 2;
            return group;
        }

        if (w.Is(i, "range"))
        {
            if (!w.Has(i + 2) || !PortNames.TryResolve(w.Span(i + 1), transport, out int low) || !PortNames.TryResolve(w.Span(i + 2), transport, out int high))
            {
                return null;
            }

            i += 3;
            return new PortSpec(PortOperator.Range, new PortRange(Math.Min(low, high), Math.Max(low, high)));
        }

        PortOperator? op = w.Is(i, "eq") ? PortOperator.Eq
            : w.Is(i, "lt") ? PortOperator.Lt
            : w.Is(i, "gt") ? PortOperator.Gt
            : w.Is(i, "neq") ? PortOperator.Neq
            : null;
        if (op is null || !w.Has(i + 1) || !PortNames.TryResolve(w.Span(i + 1), transport, out int port))
        {
            return null;
        }

        i += 2;
        return new PortSpec(op.Value, PortRange.Single(port));
    }

    /// <summary>`SRC object-group X` is a source port group only when a plain address (not another group) follows it.</summary>
    private static bool AddressFollowsGroup(LineWords w, int i)
    {
        int j = i + 2;
        if (!w.Has(i + 1) || !w.Has(j) || w.Is(j, "object-group"))
        {
            return false;
        }

        return Address(w, ref j) is not null;
    }

    internal static bool IsOperator(LineWords w, int i) =>
        w.Is(i, "eq") || w.Is(i, "lt") || w.Is(i, "gt") || w.Is(i, "neq") || w.Is(i, "range");

    internal static bool IsAddressKeyword(LineWords w, int i) =>
        w.Is(i, "host") || w.Is(i, "any") || w.Is(i, "any4") || w.Is(i, "any6");

    /// <summary>The protocol lowercased, without a new string for the usual ones.</summary>
    internal static string ProtocolName(ReadOnlySpan<char> word)
    {
        foreach (string known in (ReadOnlySpan<string>)["tcp", "udp", "ip", "icmp", "icmp6", "esp", "ah", "gre", "tcp-udp"])
        {
            if (word.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return word.ToString().ToLowerInvariant();
    }
}
