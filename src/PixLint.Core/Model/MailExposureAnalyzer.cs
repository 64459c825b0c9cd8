using System.Collections.Frozen;
using PixLint.Syntax;
using PixLint.Syntax.Commands;

namespace PixLint.Model;

/// <summary>
/// Finds the hosts that send or receive SMTP through the firewall: every permit entry of an access
/// list bound by `access-group` (and every PIX `conduit`) that names SMTP ports explicitly (`eq smtp`,
/// a range, a service object or group), combined with static NAT for the public and real address.
/// Entries that permit every port (`permit ip ...`) also carry mail but are not listed: they name no
/// mail server. Only lines that can select the ports asked for are parsed, so a large configuration
/// costs a scan of its access-list lines plus a few parses.
/// </summary>
public sealed class MailExposureAnalyzer
{
    /// <summary>The mail ports considered when a class matches every port: SMTP, SMTPS, submission.</summary>
    public static readonly PortSet MailPorts = PortSet.Of([PortRange.Single(25), PortRange.Single(465), PortRange.Single(587)]);

    private const int MaxEnumeratedPorts = 64;

    /// <summary>How many permit-every-port rules are read and listed (the first ones in the file).</summary>
    private const int MaxAllPortRules = 32;

    private enum LineClass : byte
    {
        None,
        MailPorts,
        AllPorts,
    }

    /// <summary>The most hosts listed for one set of ports; further rules are only counted.</summary>
    public const int MaxHosts = 100;

    private readonly ConfigModel _model;
    private readonly Dictionary<string, MailHostList> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PortSet> _servicePorts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PortSet>.AlternateLookup<ReadOnlySpan<char>> _servicePortsBySpan;
    private HashSet<string> _candidates = [];

    internal MailExposureAnalyzer(ConfigModel model)
    {
        _model = model;
        _servicePortsBySpan = _servicePorts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Exposures on <paramref name="ports"/> (a class matching every port, or an unresolved one, means the mail ports).</summary>
    public MailHostList For(PortSet ports)
    {
        var interest = ports.IsAll || ports.IsUnknown ? MailPorts : ports;
        string key = interest.ToString();
        if (!_cache.TryGetValue(key, out var exposures))
        {
            _cache[key] = exposures = Compute(interest);
        }

        return exposures;
    }

    private MailHostList Compute(PortSet interest)
    {
        var tree = _model.Tree;
        var network = _model.Network;
        string outside = network.OutsideInterface ?? "outside";
        var result = new List<MailExposure>();
        var seen = new HashSet<(MailDirection, string, string, string, PortRange, int)>();
        int moreRules = 0;
        void Add(MailExposure e)
        {
            if (result.Count < MaxHosts && seen.Add((e.Direction, e.Interface, e.Public, e.Real, e.Ports, e.AccessLine)))
            {
                result.Add(e);
            }
        }

        var tokens = PortTokens(interest);
        _candidates = CandidateServices(tokens);
        int broadLeft = MaxAllPortRules;
        var bindings = network.AccessGroups.GroupBy(b => b.AccessList, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var boundLists = bindings.Keys.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (int line in tree.LinesWith(Keyword.AccessList))
        {
            TimeBudget.Check();
            if (tree.GetParent(line) >= 0 || tree.IsNegated(line))
            {
                continue;
            }

            var text = tree.Source.GetSpan(tree.GetCommandSpan(line));
            if (!TryListName(text, out var name) || !boundLists.Contains(name))
            {
                continue;
            }

            // Rules that name mail ports are all read; rules that permit every port carry mail too,
            // and the first few of them are listed (marked "all ports").
            var kind = Classify(text, tokens, interest);
            bool broad = kind == LineClass.AllPorts;
            if (kind == LineClass.None || (broad && broadLeft == 0))
            {
                continue;
            }

            if (result.Count >= MaxHosts)
            {
                // Enough to name the servers: count the rest without reading them.
                moreRules += kind == LineClass.MailPorts ? 1 : 0;
                continue;
            }

            if (tree.GetCommand(line) is not AccessListCommand { Entry: { Permit: true } ace } acl || ace.Inactive || NamesPorts(ace) == broad)
            {
                continue;
            }

            if (broad)
            {
                broadLeft--;
            }

            var ports = _model.Objects.DestinationPorts(ace, "tcp").Intersect(interest);
            if (ports.IsEmpty || ports.IsUnknown)
            {
                continue;
            }

            foreach (var binding in bindings[acl.Name])
            {
                bool inbound = IsInbound(binding, outside, ace);
                string iface = binding.Global ? "global" : binding.Interface!;
                string via = $"access-list {acl.Name} ({binding.Describe()}){(broad ? ", all ports" : string.Empty)}";
                foreach (var range in ports.Ranges)
                {
                    foreach (var e in Expose(inbound, inbound ? ace.Destination : ace.Source, range, iface, via, line))
                    {
                        Add(e);
                    }
                }
            }
        }

        foreach (int line in tree.LinesWith(Keyword.Conduit))
        {
            TimeBudget.Check();
            if (tree.GetParent(line) >= 0 || tree.GetCommand(line) is not ConduitCommand { Negated: false, Permit: true } conduit
                || conduit.GlobalPort is null && !conduit.Protocol.IsObjectGroup)
            {
                continue;
            }

            var entry = new AccessControlEntry(true, conduit.Protocol, conduit.Foreign, conduit.ForeignPort, conduit.Global, conduit.GlobalPort, []);
            var ports = _model.Objects.DestinationPorts(entry, "tcp").Intersect(interest);
            foreach (var range in ports.Ranges)
            {
                foreach (var e in Expose(true, conduit.Global, range, outside, "conduit", line))
                {
                    Add(e);
                }
            }
        }

        return new MailHostList(result, moreRules);
    }

    /// <summary>
    /// Inbound (mail to the destination) or outbound (mail from the source), by where the list is
    /// applied: in on the outside interface or out on an inner one is inbound; out on the outside is
    /// outbound; in on an inner interface is outbound unless the destination is a host the firewall
    /// serves itself (on another connected inner subnet, or behind a static translation; when no
    /// interface address is known, any named destination).
    /// </summary>
    private bool IsInbound(AccessGroupBinding binding, string outside, AccessControlEntry ace)
    {
        bool destinationIsAny = ace.Destination.Kind == AddressSpecKind.Any;
        if (binding.Global)
        {
            return !destinationIsAny || ace.Source.Kind == AddressSpecKind.Any;
        }

        bool onOutside = binding.Interface!.Equals(outside, StringComparison.OrdinalIgnoreCase);
        if (binding.Direction == "out")
        {
            return !onOutside;
        }

        if (onOutside)
        {
            return true;
        }

        if (destinationIsAny)
        {
            return false;
        }

        var network = _model.Network;
        if (!network.Interfaces.Any(i => i.Subnet is not null))
        {
            // Without interface addresses, a named destination is taken as a server the firewall protects.
            return true;
        }

        foreach (var (range, _) in network.Resolve(ace.Destination))
        {
            if (range is not { IsAny: false } r)
            {
                continue;
            }

            var connected = network.ConnectedInterface(r);
            if (connected is not null && !connected.Name.Equals(binding.Interface, StringComparison.OrdinalIgnoreCase) && !connected.Name.Equals(outside, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (network.Statics.Any(s => (s.Real is { } real && real.Contains(r)) || (s.Mapped is { } mapped && mapped.Contains(r))))
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<MailExposure> Expose(bool inbound, AddressSpec host, PortRange ports, string iface, string via, int line)
    {
        foreach (var (range, text) in _model.Network.Resolve(host))
        {
            if (range is null && host.Kind == AddressSpecKind.Interface && inbound)
            {
                // `permit tcp any interface outside eq smtp` with `static (inside,outside) tcp interface smtp REAL smtp`.
                var toInterface = _model.Network.Statics.FirstOrDefault(s => s.Mapped is null
                    && s.MappedInterface.Equals(host.Value, StringComparison.OrdinalIgnoreCase) && PortFits(s.MappedPort, ports));
                if (toInterface is not null)
                {
                    yield return new MailExposure(MailDirection.Inbound, iface, text, toInterface.RealText, ports, via, line, toInterface.Line)
                    {
                        RealRange = toInterface.Real,
                        RealInterface = toInterface.RealInterface,
                    };
                    continue;
                }
            }

            if (range is { IsAny: true } || range is null)
            {
                yield return new MailExposure(inbound ? MailDirection.Inbound : MailDirection.Outbound, iface, text, text, ports, via, line, null) { RealRange = range };
                continue;
            }

            var statics = _model.Network.Statics;
            if (inbound)
            {
                // Before ASA 8.3 (and on PIX) access lists name the mapped address; from 8.3 on, the real one.
                var byMapped = statics.FirstOrDefault(s => s.Mapped is { } m && m.Contains(range.Value) && PortFits(s.MappedPort, ports));
                if (byMapped is not null)
                {
                    yield return new MailExposure(MailDirection.Inbound, iface, text, byMapped.RealText, ports, via, line, byMapped.Line)
                    {
                        RealRange = byMapped.Real,
                        RealInterface = byMapped.RealInterface,
                    };
                    continue;
                }
            }

            var byReal = statics.FirstOrDefault(s => s.Real is { } r && r.Contains(range.Value) && PortFits(inbound ? s.RealPort : null, ports));
            yield return byReal is null
                ? new MailExposure(inbound ? MailDirection.Inbound : MailDirection.Outbound, iface, text, text, ports, via, line, null) { RealRange = range }
                : new MailExposure(inbound ? MailDirection.Inbound : MailDirection.Outbound, iface, byReal.MappedText, text, ports, via, line, byReal.Line)
                {
                    RealRange = range,
                    RealInterface = byReal.RealInterface,
                };
        }
    }

    private static bool PortFits(PortRange? translated, PortRange ports) => translated is null || translated.Value.Overlaps(ports);

    /// <summary>True when the entry selects ports itself (a port operand, or a service object or group as its protocol).</summary>
    private static bool NamesPorts(AccessControlEntry ace) =>
        ace.DestinationPort is not null || ace.Protocol.IsObject || ace.Protocol.IsObjectGroup;

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PortTokens(PortSet interest)
    {
        var tokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int count = 0;
        foreach (var range in interest.Ranges)
        {
            for (int p = range.Low; p <= range.High && count < MaxEnumeratedPorts; p++, count++)
            {
                tokens.Add(p.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        foreach (string name in new[] { "smtp" })
        {
            if (PortNames.TryResolve(name, "tcp", out int port) && interest.Contains(port))
            {
                tokens.Add(name);
            }
        }

        return tokens.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// A word-level look at an access-list line, without parsing it: a permit that may name one of
    /// the ports of interest (a port word, a range or comparison, a service object or group that holds
    /// one), a permit of every TCP port (`ip`, or `tcp` with no port operand), or neither.
    /// </summary>
    private LineClass Classify(ReadOnlySpan<char> text, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> tokens, PortSet interest)
    {
        if (!text.Contains("permit", StringComparison.OrdinalIgnoreCase))
        {
            return LineClass.None;
        }

        bool permit = false, mail = false, portOperand = false, objectNext = false, protocolNext = false;
        bool allPortsProtocol = false;
        foreach (var range in text.Split(' '))
        {
            var word = text[range];
            if (word.IsEmpty)
            {
                continue;
            }

            var kind = KindOf(word);
            if (protocolNext)
            {
                protocolNext = false;
                allPortsProtocol = kind == WordKind.AllPortsProtocol;
                objectNext = kind == WordKind.Object;
                continue;
            }

            if (objectNext)
            {
                objectNext = false;
                if (ServicePorts(word, out var service))
                {
                    portOperand = true;
                    mail |= !service.Intersect(interest).IsEmpty;
                }

                continue;
            }

            switch (kind)
            {
                case WordKind.Permit:
                    permit = true;
                    protocolNext = true;
                    break;
                case WordKind.Object:
                    objectNext = true;
                    break;
                case WordKind.Eq:
                    portOperand = true;
                    break;
                case WordKind.OtherPortOperator:
                    portOperand = true;
                    mail = true;
                    break;
                default:
                    mail |= tokens.Contains(word);
                    break;
            }
        }

        if (!permit)
        {
            return LineClass.None;
        }

        return mail ? LineClass.MailPorts : allPortsProtocol && !portOperand ? LineClass.AllPorts : LineClass.None;
    }

    private enum WordKind : byte
    {
        Other,
        Permit,
        Object,
        Eq,
        OtherPortOperator,
        AllPortsProtocol,
    }

    /// <summary>The words that matter to <see cref="Classify"/>, told apart by length first.</summary>
    private static WordKind KindOf(ReadOnlySpan<char> w) => w.Length switch
    {
        2 when Is(w, "eq") => WordKind.Eq,
        2 when Is(w, "gt") || Is(w, "lt") || Is(w, "ip") => Is(w, "ip") ? WordKind.AllPortsProtocol : WordKind.OtherPortOperator,
        3 when Is(w, "neq") => WordKind.OtherPortOperator,
        3 when Is(w, "tcp") => WordKind.AllPortsProtocol,
        5 when Is(w, "range") => WordKind.OtherPortOperator,
        6 when Is(w, "permit") => WordKind.Permit,
        6 when Is(w, "object") => WordKind.Object,
        12 when Is(w, "object-group") => WordKind.Object,
        _ => WordKind.Other,
    };

    private static bool Is(ReadOnlySpan<char> word, string keyword) => word.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The service groups and objects that may hold the ports of interest, found from their member
    /// lines' words (no parsing), then widened to the groups that include them (`group-object`,
    /// `service-object object`). Only these need their ports computed.
    /// </summary>
    private HashSet<string> CandidateServices(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> tokens)
    {
        var tree = _model.Tree;
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        var containedIn = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var keyword in new[] { Keyword.PortObject, Keyword.ServiceObject, Keyword.Service, Keyword.GroupObject })
        {
            foreach (int line in tree.LinesWith(keyword))
            {
                int parent = tree.GetParent(line);
                if (parent < 0)
                {
                    continue;
                }

                var text = tree.Source.GetSpan(tree.GetCommandSpan(line));
                string? owner = null;
                string? member = null;
                bool mayHold = false, portOperand = false, allPortsProtocol = false;
                int index = 0;
                foreach (var range in text.Split(' '))
                {
                    var word = text[range];
                    if (word.IsEmpty)
                    {
                        continue;
                    }

                    if (index == 1 && (keyword == Keyword.GroupObject || word.Equals("object", StringComparison.OrdinalIgnoreCase)))
                    {
                        member = keyword == Keyword.GroupObject ? word.ToString() : null;
                    }
                    else if (index == 2 && member is null && keyword == Keyword.ServiceObject && text.Contains(" object ", StringComparison.OrdinalIgnoreCase))
                    {
                        member = word.ToString();
                    }
                    else if (index == 1)
                    {
                        allPortsProtocol = word.Equals("tcp", StringComparison.OrdinalIgnoreCase) || word.Equals("ip", StringComparison.OrdinalIgnoreCase)
                            || word.Equals("tcp-udp", StringComparison.OrdinalIgnoreCase);
                    }

                    if (IsPortOperator(word))
                    {
                        portOperand = true;
                        mayHold |= !word.Equals("eq", StringComparison.OrdinalIgnoreCase);
                    }
                    else if (tokens.Contains(word))
                    {
                        mayHold = true;
                    }

                    index++;
                }

                owner ??= HeaderName(parent);
                if (owner is null)
                {
                    continue;
                }

                if (member is not null)
                {
                    if (!containedIn.TryGetValue(member, out var owners))
                    {
                        containedIn[member] = owners = [];
                    }

                    owners.Add(owner);
                }
                else if (mayHold || (keyword != Keyword.PortObject && allPortsProtocol && !portOperand))
                {
                    candidates.Add(owner);
                }
            }
        }

        var queue = new Queue<string>(candidates);
        while (queue.Count > 0)
        {
            if (containedIn.TryGetValue(queue.Dequeue(), out var owners))
            {
                foreach (string owner in owners)
                {
                    if (candidates.Add(owner))
                    {
                        queue.Enqueue(owner);
                    }
                }
            }
        }

        return candidates;
    }

    /// <summary>NAME in `object-group KIND NAME` / `object KIND NAME`.</summary>
    private string? HeaderName(int line)
    {
        var text = _model.Tree.Source.GetSpan(_model.Tree.GetCommandSpan(line));
        int index = 0;
        foreach (var range in text.Split(' '))
        {
            if (text[range].IsEmpty)
            {
                continue;
            }

            if (index++ == 2)
            {
                return text[range].ToString();
            }
        }

        return null;
    }

    private static bool IsPortOperator(ReadOnlySpan<char> word) =>
        word.Equals("eq", StringComparison.OrdinalIgnoreCase) || word.Equals("range", StringComparison.OrdinalIgnoreCase)
        || word.Equals("gt", StringComparison.OrdinalIgnoreCase) || word.Equals("lt", StringComparison.OrdinalIgnoreCase)
        || word.Equals("neq", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when NAME is a service object or group; <paramref name="ports"/> are its TCP ports (memoised).</summary>
    private bool ServicePorts(ReadOnlySpan<char> word, out PortSet ports)
    {
        if (!_servicePortsBySpan.TryGetValue(word, out ports!))
        {
            string name = word.ToString();
            ports = PortSet.Unknown;
            string? groupKind = _model.Objects.GroupKind(name);
            bool service = groupKind == "service" || (groupKind is null && _model.Objects.ObjectKind(name) == "service");
            if (service && !_candidates.Contains(name))
            {
                ports = PortSet.Empty; // a service group or object none of whose lines can name the ports asked for
            }
            else if (groupKind == "service")
            {
                ports = _model.Objects.PortsOf(new PortSpec(PortOperator.ObjectGroup, default, name), "tcp");
            }
            else if (groupKind is null && _model.Objects.ObjectKind(name) == "service")
            {
                ports = _model.Objects.DestinationPorts(new AccessControlEntry(true, new ProtocolSpec(name, IsObject: true), AddressSpec.Any, null, AddressSpec.Any, null, []), "tcp");
            }

            _servicePorts[name] = ports;
        }

        return !ports.IsUnknown;
    }

    private static bool TryListName(ReadOnlySpan<char> text, out ReadOnlySpan<char> name)
    {
        name = default;
        int space = text.IndexOf(' ');
        if (space < 0)
        {
            return false;
        }

        var rest = text[(space + 1)..].TrimStart();
        int end = rest.IndexOf(' ');
        name = end < 0 ? rest : rest[..end];
        return !name.IsEmpty;
    }
}
