using System.Buffers;
using System.Net;
using PixLint.Syntax;
using PixLint.Syntax.Commands;

namespace PixLint.Model;

/// <summary>A named interface, its security level and its connected subnet (ASA `interface` block or PIX 6 `nameif` / `ip address`).</summary>
public sealed record InterfaceInfo(string Name, string? Hardware, int? SecurityLevel, int Line)
{
    public AddressRange? Subnet { get; init; }
}

/// <summary>`access-group ACL in|out interface IF` or `access-group ACL global` in force.</summary>
public sealed record AccessGroupBinding(int Line, string AccessList, string? Direction, string? Interface, bool Global)
{
    /// <summary>`in on outside`, `out on inside`, `global`.</summary>
    public string Describe() => Global ? "global" : $"{Direction} on {Interface}";
}

/// <summary>
/// A static address translation: PIX 6 / ASA 8.2 `static`, ASA 8.3+ object NAT (`nat ... static`
/// under `object network`) or twice NAT (`nat ... source static`). Addresses are resolved to
/// IPv4 networks where the configuration allows it; their display texts are made when first shown
/// (a large configuration has tens of thousands of translations and shows a handful).
/// </summary>
public sealed class StaticTranslation(
    int line,
    string kind,
    string realInterface,
    string mappedInterface,
    AddressRange? real,
    Func<string> realText,
    AddressRange? mapped,
    Func<string> mappedText,
    PortRange? realPort,
    PortRange? mappedPort)
{
    private string? _realText;
    private string? _mappedText;

    public int Line { get; } = line;

    public string Kind { get; } = kind;

    public string RealInterface { get; } = realInterface;

    public string MappedInterface { get; } = mappedInterface;

    public AddressRange? Real { get; } = real;

    public AddressRange? Mapped { get; } = mapped;

    public PortRange? RealPort { get; } = realPort;

    public PortRange? MappedPort { get; } = mappedPort;

    public string RealText => _realText ??= realText();

    public string MappedText => _mappedText ??= mappedText();
}

/// <summary>An IPv4 range (a host, a subnet or a `range A B`), inclusive, as unsigned integers.</summary>
public readonly record struct AddressRange(uint First, uint Last)
{
    public static AddressRange Any => new(0, uint.MaxValue);

    public bool IsAny => First == 0 && Last == uint.MaxValue;

    public bool IsHost => First == Last;

    public bool Contains(AddressRange other) => other.First >= First && other.Last <= Last;

    public bool Overlaps(AddressRange other) => First <= other.Last && other.First <= Last;

    public static bool TryParseAddress(string text, out uint value)
    {
        value = 0;
        if (!Syntax.Grammar.Lexical.IsIpv4(text) || !IPAddress.TryParse(text, out var ip))
        {
            return false;
        }

        byte[] b = ip.GetAddressBytes();
        value = ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
        return true;
    }

    /// <summary>ADDRESS with MASK (null mask: a host).</summary>
    public static AddressRange? FromMask(string address, string? mask)
    {
        if (!TryParseAddress(address, out uint a))
        {
            return null;
        }

        if (mask is null)
        {
            return new AddressRange(a, a);
        }

        if (!TryParseAddress(mask, out uint m))
        {
            return null;
        }

        return new AddressRange(a & m, (a & m) | ~m);
    }

    public static string Format(uint value) => $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";

    /// <summary>`192.0.2.25`, `192.0.2.0/24`, `192.0.2.10-192.0.2.20`, `any`.</summary>
    public override string ToString()
    {
        if (IsAny)
        {
            return "any";
        }

        if (IsHost)
        {
            return Format(First);
        }

        uint size = Last - First + 1;
        if (size != 0 && (size & (size - 1)) == 0 && (First & (size - 1)) == 0)
        {
            return $"{Format(First)}/{32 - System.Numerics.BitOperations.Log2(size)}";
        }

        return $"{Format(First)}-{Format(Last)}";
    }
}

/// <summary>
/// Interfaces, access-group bindings and static translations of a configuration, read on first
/// use (mail exposure needs them; most rules do not).
/// </summary>
public sealed class NetworkModel
{
    // Words that tell static NAT lines from the rest before any parsing (vectorised, case-insensitive).
    private static readonly SearchValues<string> StaticWord = SearchValues.Create([" static "], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> DestinationWord = SearchValues.Create([" destination "], StringComparison.OrdinalIgnoreCase);

    private readonly SyntaxTree _tree;
    private readonly ObjectStore _objects;
    private readonly Dictionary<int, List<(AddressRange? Range, string Text)>> _groupMembers = [];
    private readonly HashSet<int> _groupPath = [];
    private List<InterfaceInfo>? _interfaces;
    private List<AccessGroupBinding>? _accessGroups;
    private List<StaticTranslation>? _statics;

    internal NetworkModel(SyntaxTree tree, ObjectStore objects)
    {
        _tree = tree;
        _objects = objects;
    }

    public IReadOnlyList<InterfaceInfo> Interfaces => _interfaces ??= ReadInterfaces();

    public IReadOnlyList<AccessGroupBinding> AccessGroups => _accessGroups ??= ReadAccessGroups();

    public IReadOnlyList<StaticTranslation> Statics => _statics ??= ReadStatics();

    /// <summary>
    /// The Internet-facing interface: the lowest security level, else the one named `outside`.
    /// Null when the configuration says neither.
    /// </summary>
    public string? OutsideInterface
    {
        get
        {
            var levelled = Interfaces.Where(i => i.SecurityLevel is not null && i.Name.Length > 0).ToList();
            if (levelled.Count > 0)
            {
                int lowest = levelled.Min(i => i.SecurityLevel!.Value);
                var candidates = levelled.Where(i => i.SecurityLevel == lowest).ToList();
                return candidates.Find(i => i.Name.Contains("outside", StringComparison.OrdinalIgnoreCase))?.Name ?? candidates[0].Name;
            }

            return Interfaces.FirstOrDefault(i => i.Name.Equals("outside", StringComparison.OrdinalIgnoreCase))?.Name
                ?? (Interfaces.Count == 0 ? "outside" : null);
        }
    }

    /// <summary>Resolves an address operand to IPv4 ranges with a display text (names, objects, nested groups).</summary>
    public IReadOnlyList<(AddressRange? Range, string Text)> Resolve(AddressSpec spec) => spec.Kind switch
    {
        AddressSpecKind.Any => [(AddressRange.Any, spec.Value ?? "any")],
        AddressSpecKind.Host => [(ResolveHost(spec.Value!), Describe(spec.Value!))],
        AddressSpecKind.Network => [(AddressRange.FromMask(ResolveName(spec.Value!), spec.Mask), DescribeNetwork(spec.Value!, spec.Mask))],
        AddressSpecKind.Object => ResolveObject(spec.Value!),
        AddressSpecKind.ObjectGroup => ResolveGroup(spec.Value!),
        AddressSpecKind.Interface => [(null, $"interface {spec.Value}")],
        _ => [(null, spec.ToString())],
    };

    /// <summary>An address or name alias (`mx-inside`) as a host range.</summary>
    public AddressRange? ResolveHost(string text) => AddressRange.FromMask(ResolveName(text), null);

    private string ResolveName(string text) =>
        AddressRange.TryParseAddress(text, out _) ? text : _objects.FindName(text)?.Address ?? text;

    private string Describe(string text)
    {
        var name = AddressRange.TryParseAddress(text, out _) ? null : _objects.FindName(text);
        return name is null ? text : $"{text}, {name.Address}";
    }

    private string DescribeNetwork(string address, string? mask)
    {
        var range = AddressRange.FromMask(ResolveName(address), mask);
        string shown = range?.ToString() ?? $"{address} {mask}";
        return AddressRange.TryParseAddress(address, out _) ? shown : $"{address}, {shown}";
    }

    private const int MaxMembers = 256;

    private List<(AddressRange? Range, string Text)> ResolveObject(string name)
    {
        if (_objects.FindObject(name) < 0)
        {
            // 8.3+ NAT and ACLs may name an address directly where an object is expected.
            return [(ResolveHost(name), name)];
        }

        var range = ObjectRange(name);
        return [(range, range is null ? $"object {name}" : $"object {name}, {range}")];
    }

    /// <summary>The members of network group NAME (nested groups followed, each group resolved once: <see cref="GroupWalk"/>).</summary>
    private List<(AddressRange? Range, string Text)> ResolveGroup(string name)
    {
        int line = _objects.FindGroup(name);
        if (line < 0)
        {
            return [(null, $"object-group {name}")];
        }

        return GroupWalk.Evaluate(line, _groupMembers, _groupPath, _objects.NestedGroups, GroupMembers, []) is { Count: > 0 } members
            ? members
            : [(null, $"object-group {name}")];
    }

    private List<(AddressRange? Range, string Text)> GroupMembers(int line, Func<int, List<(AddressRange? Range, string Text)>> nested)
    {
        string name = _objects.HeaderWord(line, 2).ToString();
        var result = new List<(AddressRange?, string)>();
        foreach (int child in _tree.GetChildren(line))
        {
            switch (_tree.GetCommand(child))
            {
                case NetworkObjectCommand member:
                    foreach (var (range, text) in Resolve(member.Address))
                    {
                        result.Add((range, $"{text} in object-group {name}"));
                    }

                    break;
                case GroupObjectCommand go when _objects.FindGroup(go.Name) is int g and >= 0:
                    var members = nested(g);
                    result.AddRange(members.Count == 0 ? [(null, $"object-group {go.Name}")] : members.Take(MaxMembers - result.Count));
                    break;
                case GroupObjectCommand go:
                    result.Add((null, $"object-group {go.Name}"));
                    break;
            }

            if (result.Count >= MaxMembers)
            {
                result.RemoveRange(MaxMembers, result.Count - MaxMembers);
                break;
            }
        }

        return result;
    }

    private List<InterfaceInfo> ReadInterfaces()
    {
        var result = new List<InterfaceInfo>();
        foreach (int line in _tree.LinesWith(Keyword.Interface))
        {
            if (_tree.GetParent(line) >= 0 || _tree.GetCommand(line) is not InterfaceCommand iface)
            {
                continue;
            }

            string? name = null;
            int? level = null;
            AddressRange? subnet = null;
            foreach (int child in _tree.GetChildren(line))
            {
                switch (_tree.GetCommand(child))
                {
                    case NameifCommand { Negated: false } n when n.Name.Length > 0:
                        name = n.Name;
                        break;
                    case SecurityLevelCommand { Negated: false, Level: >= 0 } s:
                        level = s.Level;
                        break;
                    case IpAddressCommand { Negated: false, Address: { } address } ip:
                        subnet = AddressRange.FromMask(address, ip.Mask);
                        break;
                }
            }

            if (name is not null)
            {
                result.Add(new InterfaceInfo(name, iface.Hardware, level, line) { Subnet = subnet });
            }
        }

        foreach (int line in _tree.LinesWith(Keyword.Nameif))
        {
            if (_tree.GetParent(line) < 0 && _tree.GetCommand(line) is NameifCommand { Negated: false, Hardware: not null } n)
            {
                result.RemoveAll(i => i.Name == n.Name);
                result.Add(new InterfaceInfo(n.Name, n.Hardware, n.SecurityLevel, line));
            }
        }

        // PIX 6: `ip address IF ADDRESS MASK` at the top level.
        foreach (int line in _tree.LinesWith(Keyword.Ip))
        {
            if (_tree.GetParent(line) < 0 && _tree.GetCommand(line) is IpAddressCommand { Negated: false, Interface: { } ifName, Address: { } address } ip)
            {
                int at = result.FindIndex(i => i.Name == ifName);
                if (at >= 0)
                {
                    result[at] = result[at] with { Subnet = AddressRange.FromMask(address, ip.Mask) };
                }
            }
        }

        return result;
    }

    private List<AccessGroupBinding> ReadAccessGroups()
    {
        // A later binding for the same interface and direction replaces an earlier one; `no` removes it.
        // Keyed, so that 80,000 interfaces with their access-groups stay linear; in the order of the lines in force.
        var bound = new Dictionary<(bool Global, string? Interface, string? Direction), AccessGroupBinding>();
        foreach (int line in _tree.LinesWith(Keyword.AccessGroup))
        {
            if (_tree.GetParent(line) >= 0 || _tree.GetCommand(line) is not AccessGroupCommand g)
            {
                continue;
            }

            var key = (g.Global, g.Interface, g.Direction);
            bound.Remove(key);
            if (!g.Negated)
            {
                bound[key] = new AccessGroupBinding(line, g.AccessList, g.Direction, g.Interface, g.Global);
            }
        }

        return [.. bound.Values.OrderBy(b => b.Line)];
    }

    private List<StaticTranslation> ReadStatics()
    {
        var result = new List<StaticTranslation>();
        foreach (int line in _tree.LinesWith(Keyword.Static))
        {
            if (_tree.GetParent(line) >= 0 || _tree.GetCommand(line) is not StaticCommand { Negated: false, AccessList: null } s)
            {
                continue;
            }

            var real = AddressRange.FromMask(ResolveName(s.Real), s.Netmask);
            bool toInterface = s.Mapped.Equals("interface", StringComparison.OrdinalIgnoreCase);
            var mapped = toInterface ? null : AddressRange.FromMask(ResolveName(s.Mapped), s.Netmask);
            if (!toInterface && s.Real == s.Mapped)
            {
                continue; // identity static (NAT exemption)
            }

            result.Add(new StaticTranslation(
                line, "static", s.RealInterface, s.MappedInterface, real, () => Describe(s.Real), mapped,
                () => toInterface ? $"interface {s.MappedInterface}" : Describe(s.Mapped),
                Port(s.RealPort, s.Protocol), Port(s.MappedPort, s.Protocol)));
        }

        foreach (int line in _tree.LinesWith(Keyword.Nat))
        {
            // Only static translations count: skip dynamic NAT, and twice NAT limited to some destinations, before parsing.
            var text = _tree.GetCommandChars(line);
            if (text.IndexOfAny(StaticWord) < 0 || text.IndexOfAny(DestinationWord) >= 0)
            {
                continue;
            }

            switch (_tree.GetCommand(line))
            {
                case ObjectNatCommand { Negated: false, IsStatic: true } n when _tree.GetParent(line) is int parent and >= 0
                    && _tree.GetCommand(parent) is ObjectCommand { ObjectKind: "network" } obj:
                    bool objectToInterface = n.Mapped.Equals("interface", StringComparison.OrdinalIgnoreCase);
                    var real = ObjectRange(obj.Name);
                    var mapped = objectToInterface ? null : RangeOf(n.Mapped);
                    if (!objectToInterface && (n.Mapped == obj.Name || (real is { } r && mapped is { } m && r == m)))
                    {
                        continue;
                    }

                    result.Add(new StaticTranslation(line, "object nat", n.RealInterface, n.MappedInterface, real, () => ResolveObject(obj.Name)[0].Text,
                        mapped, () => objectToInterface ? $"interface {n.MappedInterface}" : ResolveObjectOrAddress(n.Mapped).Item2,
                        Port(n.RealPort, n.ServiceProtocol), Port(n.MappedPort, n.ServiceProtocol)));
                    break;
                case TwiceNatCommand { Negated: false, IsStatic: true, HasDestination: false } t when _tree.GetParent(line) < 0 && t.RealSource != t.MappedSource:
                    bool twiceToInterface = t.MappedSource.Equals("interface", StringComparison.OrdinalIgnoreCase);
                    result.Add(new StaticTranslation(line, "twice nat", t.RealInterface, t.MappedInterface, RangeOf(t.RealSource),
                        () => ResolveObjectOrAddress(t.RealSource).Item2, twiceToInterface ? null : RangeOf(t.MappedSource),
                        () => twiceToInterface ? $"interface {t.MappedInterface}" : ResolveObjectOrAddress(t.MappedSource).Item2,
                        ServicePort(t.RealService), ServicePort(t.MappedService)));
                    break;
            }
        }

        return result;
    }

    /// <summary>The interface whose connected subnet holds <paramref name="range"/> (null when none does).</summary>
    public InterfaceInfo? ConnectedInterface(AddressRange range) =>
        Interfaces.FirstOrDefault(i => i.Subnet is { } subnet && !subnet.IsAny && subnet.Contains(range));

    /// <summary>The range of object NAME (its host, subnet or range), without making display text.</summary>
    private AddressRange? ObjectRange(string name)
    {
        int line = _objects.FindObject(name);
        if (line < 0)
        {
            return ResolveHost(name);
        }

        foreach (int child in _tree.GetChildren(line))
        {
            if (_tree.GetCommand(child) is ObjectAddressCommand address)
            {
                return address.RangeEnd is not null
                    && AddressRange.TryParseAddress(address.Address.Value!, out uint first)
                    && AddressRange.TryParseAddress(address.RangeEnd, out uint last)
                    ? new AddressRange(Math.Min(first, last), Math.Max(first, last))
                    : address.Address.Kind switch
                    {
                        AddressSpecKind.Host => ResolveHost(address.Address.Value!),
                        AddressSpecKind.Network => AddressRange.FromMask(address.Address.Value!, address.Address.Mask),
                        _ => null,
                    };
            }
        }

        return null;
    }

    /// <summary>The range of an object, a single-member group, a name or an address.</summary>
    private AddressRange? RangeOf(string text)
    {
        if (_objects.FindObject(text) >= 0)
        {
            return ObjectRange(text);
        }

        if (_objects.FindGroup(text) >= 0)
        {
            var members = ResolveGroup(text);
            return members.Count == 1 ? members[0].Range : null;
        }

        return ResolveHost(text);
    }

    private (AddressRange?, string) ResolveObjectOrAddress(string text)
    {
        if (_objects.FindObject(text) >= 0)
        {
            return ResolveObject(text)[0];
        }

        if (_objects.FindGroup(text) >= 0)
        {
            var members = ResolveGroup(text);
            return members.Count == 1 ? members[0] : (null, $"object-group {text}");
        }

        return (ResolveHost(text), Describe(text));
    }

    /// <summary>The port of a service object used by twice NAT: its source port (the server's, for a static), else its destination port.</summary>
    private PortRange? ServicePort(string? serviceObject)
    {
        if (serviceObject is null)
        {
            return null;
        }

        int line = _objects.FindObject(serviceObject);
        if (line < 0)
        {
            return null;
        }

        foreach (int child in _tree.GetChildren(line))
        {
            if (_tree.GetCommand(child) is ObjectServiceCommand service
                && (service.SourcePort ?? service.DestinationPort) is { Operator: PortOperator.Eq or PortOperator.Range } port)
            {
                return port.Range;
            }
        }

        return null;
    }

    private static PortRange? Port(string? text, string? protocol) =>
        text is not null && PortNames.TryResolve(text, protocol, out int port) ? PortRange.Single(port) : null;
}
