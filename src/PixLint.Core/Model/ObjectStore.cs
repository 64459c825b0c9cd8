using PixLint.Syntax;
using PixLint.Syntax.Commands;

namespace PixLint.Model;

/// <summary>
/// Access lists, objects, object-groups and names, indexed on first use: a large config has
/// hundreds of thousands of access-list lines, and most lint runs need only the few that a
/// class-map refers to. Lines are parsed when asked for.
/// </summary>
public sealed class ObjectStore
{
    private readonly SyntaxTree _tree;
    private static readonly char[] Blanks = [' ', '\t'];

    private Dictionary<string, List<int>>? _accessLists;
    private Dictionary<string, int>? _objects;
    private Dictionary<string, int>? _groups;
    private Dictionary<string, NameCommand>? _names;

    // Object-group values by transport and group line, and the groups being evaluated (GroupWalk).
    private readonly Dictionary<string, Dictionary<int, PortSet>> _servicePorts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<int, bool>> _protocols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, PortSet>> _listPorts = new(StringComparer.Ordinal);
    private readonly HashSet<int> _servicePath = [];
    private readonly HashSet<int> _protocolPath = [];

    internal ObjectStore(SyntaxTree tree) => _tree = tree;

    /// <summary>The names of every access list, in order of first appearance.</summary>
    public IReadOnlyCollection<string> AccessListNames => AccessListIndex.Keys;

    /// <summary>The lines of access list <paramref name="name"/> that parsed, in file order (empty when undefined).</summary>
    public IReadOnlyList<AccessListCommand> GetAccessList(string name)
    {
        if (!AccessListIndex.TryGetValue(name, out var lines))
        {
            return [];
        }

        var result = new List<AccessListCommand>(lines.Count);
        foreach (int line in lines)
        {
            if (_tree.GetCommand(line) is AccessListCommand acl && !_tree.IsNegated(line))
            {
                result.Add(acl);
            }
        }

        return result;
    }

    public bool HasAccessList(string name) => AccessListIndex.ContainsKey(name);

    /// <summary>The `object network|service NAME` line, or -1.</summary>
    public int FindObject(string name) => ObjectIndex(Keyword.Object).GetValueOrDefault(name, -1);

    /// <summary>The `object-group KIND NAME` line, or -1.</summary>
    public int FindGroup(string name) => ObjectIndex(Keyword.ObjectGroup).GetValueOrDefault(name, -1);

    /// <summary>The `object-group KIND NAME` line, or -1 (without making a string of the name).</summary>
    public int FindGroup(ReadOnlySpan<char> name) =>
        ObjectIndex(Keyword.ObjectGroup).GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out int line) ? line : -1;

    /// <summary>
    /// The kind of object-group NAME (`network`, `service`, `protocol`...) read from its header words,
    /// without parsing the line; null when there is no such group.
    /// </summary>
    public string? GroupKind(string name) => FindGroup(name) is int line and >= 0 ? NthWord(line, 1) : null;

    /// <summary>The kind of object NAME (`network` or `service`) read from its header words; null when there is none.</summary>
    public string? ObjectKind(string name) => FindObject(name) is int line and >= 0 ? NthWord(line, 1) : null;

    private string? NthWord(int line, int n) => HeaderWord(line, n) is { IsEmpty: false } word ? word.ToString().ToLowerInvariant() : null;

    /// <summary>Word <paramref name="n"/> (from 0) of a line's command text, empty when it has fewer words; read without parsing the line.</summary>
    public ReadOnlySpan<char> HeaderWord(int line, int n)
    {
        var text = _tree.GetCommandChars(line).TrimStart(Blanks);
        for (int i = 0; i < n && !text.IsEmpty; i++)
        {
            int end = text.IndexOfAny(Blanks);
            text = end < 0 ? [] : text[end..].TrimStart(Blanks);
        }

        int stop = text.IndexOfAny(Blanks);
        return stop < 0 ? text : text[..stop];
    }

    /// <summary>The address a `name` alias stands for (PIX 6 and ASA `names`).</summary>
    public NameCommand? FindName(string name)
    {
        if (_names is null)
        {
            _names = new Dictionary<string, NameCommand>(StringComparer.Ordinal);
            foreach (int line in _tree.LinesWith(Keyword.Name))
            {
                if (_tree.GetParent(line) < 0 && !_tree.IsNegated(line) && _tree.GetCommand(line) is NameCommand n)
                {
                    _names[n.Name] = n;
                }
            }
        }

        return _names.GetValueOrDefault(name);
    }

    /// <summary>
    /// The TCP (or UDP) destination ports that the permit entries of access list <paramref name="name"/>
    /// select; <see cref="PortSet.Unknown"/> when the list is undefined.
    /// </summary>
    public PortSet DestinationPorts(string name, string transport)
    {
        if (!HasAccessList(name))
        {
            return PortSet.Unknown;
        }

        // Memoised: many class-maps (or 80,000 policy-maps sharing one class) may match one list.
        var memo = Memo(_listPorts, transport);
        if (!memo.TryGetValue(name, out var ports))
        {
            memo[name] = ports = ListPorts(name, transport);
        }

        return ports;
    }

    private PortSet ListPorts(string name, string transport)
    {
        var ports = PortSet.Empty;
        foreach (var acl in GetAccessList(name))
        {
            if (acl.Entry is { Permit: true } ace && !ace.Inactive)
            {
                ports = ports.Union(DestinationPorts(ace, transport));
            }
        }

        return ports;
    }

    /// <summary>The destination ports one entry selects for <paramref name="transport"/> (empty when the protocol does not carry it).</summary>
    public PortSet DestinationPorts(AccessControlEntry ace, string transport)
    {
        var proto = ace.Protocol;
        if (proto.IsObject)
        {
            return ServiceObjectPorts(proto.Name, transport);
        }

        if (proto.IsObjectGroup)
        {
            int group = FindGroup(proto.Name);
            var groupCommand = group >= 0 ? _tree.GetCommand<ObjectGroupCommand>(group) : null;
            if (groupCommand is { GroupKind: "service" } && groupCommand.Protocol is null)
            {
                return ServiceGroupPorts(group, transport);
            }

            if (groupCommand is { GroupKind: "protocol" } && !GroupHasProtocol(group, transport))
            {
                return PortSet.Empty;
            }
        }
        else if (!Carries(proto.Name, transport))
        {
            return PortSet.Empty;
        }

        return ace.DestinationPort is null ? PortSet.All : PortsOf(ace.DestinationPort, transport);
    }

    /// <summary>The ports a port operand selects (object-groups resolved, nested groups followed).</summary>
    public PortSet PortsOf(PortSpec spec, string transport) =>
        spec.Operator == PortOperator.ObjectGroup
            ? FindGroup(spec.GroupName!) is int g and >= 0 ? ServiceGroupPorts(g, transport) : PortSet.Unknown
            : PortSet.Of(spec.ToRanges());

    private static bool Carries(string protocol, string transport) =>
        protocol.Equals(transport, StringComparison.OrdinalIgnoreCase)
        || protocol is "ip" or "tcp-udp"
        || (transport == "tcp" && protocol == "6")
        || (transport == "udp" && protocol == "17");

    private PortSet ServiceObjectPorts(string name, string transport)
    {
        int line = FindObject(name);
        if (line < 0)
        {
            return PortSet.Unknown;
        }

        var ports = PortSet.Empty;
        foreach (int child in _tree.GetChildren(line))
        {
            if (_tree.GetCommand(child) is ObjectServiceCommand svc && Carries(svc.Protocol.Name, transport))
            {
                ports = ports.Union(svc.DestinationPort is null ? PortSet.All : PortsOf(svc.DestinationPort, transport));
            }
        }

        return ports;
    }

    /// <summary>The ports of service group <paramref name="groupLine"/> for a transport: every group resolved once (<see cref="GroupWalk"/>).</summary>
    private PortSet ServiceGroupPorts(int groupLine, string transport)
    {
        var memo = Memo(_servicePorts, transport);
        return GroupWalk.Evaluate(groupLine, memo, _servicePath, NestedGroups, (line, nested) => OwnServicePorts(line, transport, nested), PortSet.Unknown);
    }

    private PortSet OwnServicePorts(int groupLine, string transport, Func<int, PortSet> nested)
    {
        var header = _tree.GetCommand<ObjectGroupCommand>(groupLine);
        if (header is null)
        {
            return PortSet.Unknown;
        }

        // `object-group service NAME tcp|udp|tcp-udp` holds port-objects for that protocol.
        bool typed = header.Protocol is not null;
        if (typed && !Carries(header.Protocol!, transport))
        {
            return PortSet.Empty;
        }

        var parts = new List<PortSet>();
        foreach (int child in _tree.GetChildren(groupLine))
        {
            switch (_tree.GetCommand(child))
            {
                case PortObjectCommand po:
                    parts.Add(PortsOf(po.Port, transport));
                    break;
                case ServiceObjectCommand so when so.Protocol.IsObject:
                    parts.Add(ServiceObjectPorts(so.Protocol.Name, transport));
                    break;
                case ServiceObjectCommand so when Carries(so.Protocol.Name, transport):
                    parts.Add(so.DestinationPort is null ? PortSet.All : PortsOf(so.DestinationPort, transport));
                    break;
                case GroupObjectCommand go when FindGroup(go.Name) is int g and >= 0:
                    parts.Add(nested(g));
                    break;
            }
        }

        return PortSet.UnionOf(parts);
    }

    /// <summary>Whether protocol group <paramref name="groupLine"/> (or a group it includes) carries <paramref name="transport"/>.</summary>
    private bool GroupHasProtocol(int groupLine, string transport)
    {
        var memo = Memo(_protocols, transport);
        return GroupWalk.Evaluate(groupLine, memo, _protocolPath, NestedGroups, (line, nested) =>
        {
            foreach (int child in _tree.GetChildren(line))
            {
                switch (_tree.GetCommand(child))
                {
                    case ProtocolObjectCommand p when Carries(p.Protocol, transport):
                    case GroupObjectCommand go when FindGroup(go.Name) is int g and >= 0 && nested(g):
                        return true;
                }
            }

            return false;
        }, onCycle: false);
    }

    /// <summary>The lines of the groups that group <paramref name="groupLine"/> includes (`group-object NAME`).</summary>
    internal List<int> NestedGroups(int groupLine)
    {
        var result = new List<int>();
        foreach (int child in _tree.GetChildren(groupLine))
        {
            if (_tree.GetCommand(child) is GroupObjectCommand go && FindGroup(go.Name) is int g and >= 0)
            {
                result.Add(g);
            }
        }

        return result;
    }

    private static Dictionary<TKey, T> Memo<TKey, T>(Dictionary<string, Dictionary<TKey, T>> memos, string transport)
        where TKey : notnull
    {
        if (!memos.TryGetValue(transport, out var memo))
        {
            memos[transport] = memo = [];
        }

        return memo;
    }

    private Dictionary<string, List<int>> AccessListIndex
    {
        get
        {
            if (_accessLists is not null)
            {
                return _accessLists;
            }

            var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
            var text = _tree.Source.Text.AsSpan();
            foreach (int line in _tree.LinesWith(Keyword.AccessList))
            {
                if (_tree.GetParent(line) >= 0)
                {
                    continue;
                }

                var name = SecondWord(text, _tree.GetCommandSpan(line), _tree.IsNegated(line));
                if (name.IsEmpty)
                {
                    continue;
                }

                if (!lookup.TryGetValue(name, out var lines))
                {
                    lines = [];
                    lookup[name] = lines;
                }

                lines.Add(line);
            }

            return _accessLists = index;
        }
    }

    private Dictionary<string, int> ObjectIndex(Keyword keyword)
    {
        ref var cache = ref keyword == Keyword.Object ? ref _objects : ref _groups;
        if (cache is not null)
        {
            return cache;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (int line in _tree.LinesWith(keyword))
        {
            if (_tree.GetParent(line) < 0 && !_tree.IsNegated(line) && HeaderWord(line, 2) is { IsEmpty: false } name)
            {
                lookup.TryAdd(name, line);
            }
        }

        return cache = index;
    }

    /// <summary>The word after the keyword (`access-list NAME ...`), without allocating.</summary>
    private static ReadOnlySpan<char> SecondWord(ReadOnlySpan<char> text, Text.TextSpan span, bool negated)
    {
        var s = text.Slice(span.Start, span.Length);
        int skip = negated ? 2 : 1;
        for (int w = 0; w < skip; w++)
        {
            int end = s.IndexOfAny(' ', '\t');
            if (end < 0)
            {
                return [];
            }

            s = s[end..].TrimStart();
        }

        int stop = s.IndexOfAny(' ', '\t');
        return stop < 0 ? s : s[..stop];
    }
}
