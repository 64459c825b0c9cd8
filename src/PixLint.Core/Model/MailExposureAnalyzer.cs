using System.Collections.Frozen;
using PixLint.Syntax;
using PixLint.Syntax.Commands;
using PixLint.Syntax.Grammar;

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

    /// <summary>Lines with more words are left to the parser.</summary>
    private const int MaxWords = 64;

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
    private FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _candidates;

    // Service objects and groups by name (a slot each), and their TCP ports once computed: the
    // words after `object`/`object-group` on access-list lines are looked up here, and most of
    // them are network objects, which miss.
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _serviceSlots;
    private string[] _serviceNames = [];
    private PortSet?[] _servicePorts = [];

    internal MailExposureAnalyzer(ConfigModel model) => _model = model;

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
        // Repeated rules that permit the same mail are one exposure with a count.
        var seen = new Dictionary<(MailDirection, string, string, string, PortRange, bool), int>();
        var lineOf = new Dictionary<int, int>(); // the last access line counted for each exposure
        int moreRules = 0;
        void Add(MailExposure e)
        {
            var key = (e.Direction, e.Interface, e.Public, e.Real, e.Ports, e.AllPorts);
            if (seen.TryGetValue(key, out int at))
            {
                if (lineOf[at] != e.AccessLine)
                {
                    lineOf[at] = e.AccessLine;
                    result[at] = result[at] with { Count = result[at].Count + 1 };
                }
            }
            else if (result.Count < MaxHosts)
            {
                seen[key] = result.Count;
                lineOf[result.Count] = e.AccessLine;
                result.Add(e);
            }
        }

        _candidates = CandidateServices(interest).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        IndexServices();
        int broadLeft = MaxAllPortRules;
        var bindings = network.AccessGroups.GroupBy(b => b.AccessList, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var lines = tree.LinesWith(Keyword.AccessList);
        var classes = ClassifyAll(lines, interest, bindings.Keys.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>());
        for (int k = 0; k < lines.Count; k++)
        {
            // Rules that name mail ports are all read; rules that permit every port carry mail too,
            // and the first few of them are listed (marked "all ports").
            var kind = classes[k];
            int line = lines[k];
            if (kind == LineClass.AllPorts && broadLeft > 0 && result.Count < MaxHosts)
            {
                // Classified without looking up every service name: look again before reading it.
                kind = Classify(tree.GetCommandChars(line), interest, broad: true, new Range[MaxWords]);
            }

            bool broad = kind == LineClass.AllPorts;
            if (kind == LineClass.None || (broad && broadLeft == 0))
            {
                continue;
            }

            TimeBudget.Check();

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
                        Add(broad ? e with { AllPorts = true } : e);
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

        return new MailHostList(MailHostList.Ranked(result), moreRules);
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

    /// <summary>
    /// The class of each line of <paramref name="lines"/> (access-list lines): <see cref="LineClass.None"/>
    /// for lines of lists no `access-group` applies, and for the rest <see cref="Classify"/> without
    /// looking up every service name (so <see cref="LineClass.AllPorts"/> may need a second look).
    /// On large configurations the lines are weighed on every core: the lookups are filled in
    /// beforehand and only read here.
    /// </summary>
    private LineClass[] ClassifyAll(IReadOnlyList<int> lines, PortSet interest, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> boundLists)
    {
        var tree = _model.Tree;
        var classes = new LineClass[lines.Count];
        var budget = TimeBudget.Current; // the worker threads check the file's budget too
        void Weigh(int from, int to)
        {
            using var scope = TimeBudget.Enter(budget);
            ReadOnlySpan<char> lastName = default;
            bool lastBound = false;
            var words = new Range[MaxWords]; // not stackalloc: zeroing it for every line costs more than the rest
            for (int k = from; k < to; k++)
            {
                if ((k & 1023) == 0)
                {
                    TimeBudget.Check();
                }

                int line = lines[k];
                if (tree.GetParent(line) >= 0 || tree.IsNegated(line))
                {
                    continue;
                }

                var text = tree.GetCommandChars(line);
                if (!TryListName(text, out var name))
                {
                    continue;
                }

                if (!name.SequenceEqual(lastName))
                {
                    // Lists are mostly written in one run of lines: one lookup per run.
                    lastName = name;
                    lastBound = boundLists.Contains(name);
                }

                classes[k] = lastBound ? Classify(text, interest, broad: false, words) : LineClass.None;
            }
        }

        const int Chunk = 32_768;
        if (lines.Count < 2 * Chunk || Environment.ProcessorCount == 1)
        {
            Weigh(0, lines.Count);
            return classes;
        }

        ComputeCandidatePorts();
        try
        {
            Parallel.For(0, (lines.Count + Chunk - 1) / Chunk, c => Weigh(c * Chunk, Math.Min(lines.Count, (c + 1) * Chunk)));
        }
        catch (AggregateException e)
        {
            // As if on this thread: a spent time budget stays a TimeBudgetExceededException.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            throw;
        }

        return classes;
    }

    /// <summary>The words <see cref="Classify"/> acts on; any other word is <see cref="Word.Other"/>.</summary>
    private enum Word : byte
    {
        Other,
        Permit,
        Deny,
        Remark,
        Object,
        ObjectGroup,
        Host,
        Interface,
        AllPortsProtocol,

        // The port operators come last: `>= Word.Eq` tests for one.
        Eq,
        Neq,
        Lt,
        Gt,
        Range,
    }

    /// <summary>
    /// The kind of one word, found by its length first so that most words cost one comparison or
    /// none: this runs on every word of every access-list line.
    /// </summary>
    private static Word KindOf(ReadOnlySpan<char> w) => w.Length switch
    {
        2 => Is(w, "eq") ? Word.Eq : Is(w, "lt") ? Word.Lt : Is(w, "gt") ? Word.Gt : Is(w, "ip") ? Word.AllPortsProtocol : Word.Other,
        3 => Is(w, "neq") ? Word.Neq : Is(w, "tcp") ? Word.AllPortsProtocol : Word.Other,
        4 => Is(w, "host") ? Word.Host : Is(w, "deny") ? Word.Deny : Word.Other,
        5 => Is(w, "range") ? Word.Range : Word.Other,
        6 => Is(w, "object") ? Word.Object : Is(w, "permit") ? Word.Permit : Is(w, "remark") ? Word.Remark : Word.Other,
        9 => Is(w, "interface") ? Word.Interface : Word.Other,
        12 => Is(w, "object-group") ? Word.ObjectGroup : Word.Other,
        _ => Word.Other,
    };

    private static bool Is(ReadOnlySpan<char> word, string keyword) => word.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A word-level look at an access-list line, without parsing it: a permit that may select one of
    /// the ports of interest (a port operand whose ports meet them, a service object or group that
    /// holds one), a permit of every TCP port (`ip`, or `tcp` with no port operand), or neither.
    /// Operands are weighed wherever they stand (a source port operand too): the parse decides.
    /// Telling a permit of every port apart needs every `object` word looked up among the service
    /// names; once enough of those are listed (<paramref name="broad"/> false) only the candidates
    /// that may hold the ports are looked for. <paramref name="ranges"/> is room for the words.
    /// </summary>
    private LineClass Classify(ReadOnlySpan<char> text, PortSet interest, bool broad, Span<Range> ranges)
    {
        int count = LineWords.Split(text, ranges);
        if (count < 0)
        {
            return LineClass.MailPorts; // too many words to weigh here: let the parser decide
        }

        var w = new LineWords(text, ranges[..count]);
        int i = 2; // after `access-list NAME`
        for (; i < count; i++)
        {
            var kind = KindOf(w.Span(i));
            if (kind == Word.Permit)
            {
                break;
            }

            if (kind is Word.Deny or Word.Remark)
            {
                return LineClass.None;
            }
        }

        if (++i >= count)
        {
            return LineClass.None;
        }

        bool mail = false, portOperand = false, allPortsProtocol = false;
        var first = KindOf(w.Span(i));
        if (first is Word.Object or Word.ObjectGroup)
        {
            i--; // the loop below reads the protocol's service object or group
        }
        else
        {
            allPortsProtocol = first == Word.AllPortsProtocol;
        }

        broad &= first is not (Word.Object or Word.ObjectGroup);
        for (i++; i < count && !mail; i++)
        {
            var kind = KindOf(w.Span(i));
            switch (kind)
            {
                case Word.Host or Word.Interface:
                    i++; // its name is not an operand
                    break;
                case Word.Object or Word.ObjectGroup when w.Has(i + 1):
                    i++;
                    if (ServicePorts(w.Span(i), onlyCandidates: !broad || portOperand, out var service))
                    {
                        portOperand = true;
                        mail = service.Overlaps(interest);
                    }

                    break;
                case >= Word.Eq:
                    portOperand = true;
                    mail = PortOperand(w, ref i, OperatorOf(kind), interest);
                    break;
            }
        }

        return mail ? LineClass.MailPorts : allPortsProtocol && !portOperand ? LineClass.AllPorts : LineClass.None;
    }

    private static PortOperator OperatorOf(Word kind) => kind switch
    {
        Word.Eq => PortOperator.Eq,
        Word.Neq => PortOperator.Neq,
        Word.Lt => PortOperator.Lt,
        Word.Gt => PortOperator.Gt,
        _ => PortOperator.Range,
    };

    /// <summary>
    /// Whether the ports of the operator at word <paramref name="i"/> meet <paramref name="interest"/>
    /// (true for a port name PixLint does not know: the parse decides), with <paramref name="i"/>
    /// moved onto its last operand.
    /// </summary>
    private static bool PortOperand(LineWords w, ref int i, PortOperator op, PortSet interest)
    {
        if (interest.Ranges.Count == 0)
        {
            return false;
        }

        int operands = op == PortOperator.Range ? 2 : 1;
        if (!w.Has(i + operands))
        {
            i = w.Count;
            return true;
        }

        bool known = PortNames.TryResolve(w.Span(i + 1), "tcp", out int a);
        int b = a;
        known &= operands == 1 || PortNames.TryResolve(w.Span(i + 2), "tcp", out b);
        i += operands;
        if (!known)
        {
            return true;
        }

        int low = interest.Ranges[0].Low, high = interest.Ranges[^1].High;
        return op switch
        {
            PortOperator.Eq => interest.Contains(a),
            PortOperator.Neq => !(low == a && high == a),
            PortOperator.Lt => low < a,
            PortOperator.Gt => high > a,
            _ => interest.Overlaps(new PortRange(Math.Min(a, b), Math.Max(a, b))),
        };
    }

    /// <summary>
    /// The service groups and objects that may hold the ports of interest, found from their member
    /// lines' words (no parsing), then widened to the groups that include them (`group-object`,
    /// `service-object object`). Only these need their ports computed.
    /// </summary>
    private HashSet<string> CandidateServices(PortSet interest)
    {
        var tree = _model.Tree;
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        var containedIn = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var groupNames = new Dictionary<int, string?>();
        Span<Range> ranges = stackalloc Range[MaxWords];
        foreach (var keyword in new[] { Keyword.PortObject, Keyword.ServiceObject, Keyword.Service, Keyword.GroupObject })
        {
            foreach (int line in tree.LinesWith(keyword))
            {
                int parent = tree.GetParent(line);
                if (parent < 0)
                {
                    continue;
                }

                var text = tree.GetCommandChars(line);
                int count = LineWords.Split(text, ranges);
                var w = new LineWords(text, ranges[..Math.Max(0, count)]);
                string? member = null;
                bool mayHold = count < 0, portOperand = false, allPortsProtocol = false;
                if (keyword == Keyword.GroupObject || (keyword == Keyword.ServiceObject && w.Is(1, "object")))
                {
                    int at = keyword == Keyword.GroupObject ? 1 : 2;
                    member = w.Has(at) ? w.Text(at) : null;
                }
                else
                {
                    allPortsProtocol = w.Is(1, "tcp") || w.Is(1, "ip") || w.Is(1, "tcp-udp");
                    for (int i = 1; i < w.Count && !mayHold; i++)
                    {
                        if (KindOf(w.Span(i)) is >= Word.Eq and var kind)
                        {
                            portOperand = true;
                            mayHold = PortOperand(w, ref i, OperatorOf(kind), interest);
                        }
                    }
                }

                if (!groupNames.TryGetValue(parent, out string? owner))
                {
                    groupNames[parent] = owner = HeaderName(parent);
                }

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
    private string? HeaderName(int line) => _model.Objects.HeaderWord(line, 2) is { IsEmpty: false } name ? name.ToString() : null;

    /// <summary>
    /// Indexes the service object-groups and service objects by name (a group wins over an object of
    /// the same name, as in <see cref="ObjectStore.GroupKind"/>), reading only their header words.
    /// </summary>
    private void IndexServices()
    {
        var tree = _model.Tree;
        var objects = _model.Objects;
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = slots.GetAlternateLookup<ReadOnlySpan<char>>();
        var names = new List<string>();
        foreach (var keyword in new[] { Keyword.ObjectGroup, Keyword.Object })
        {
            bool isGroup = keyword == Keyword.ObjectGroup;
            foreach (int line in tree.LinesWith(keyword))
            {
                if (tree.GetParent(line) >= 0 || tree.IsNegated(line)
                    || !objects.HeaderWord(line, 1).Equals("service", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = objects.HeaderWord(line, 2);
                if (!name.IsEmpty && (isGroup || objects.FindGroup(name) < 0) && !lookup.ContainsKey(name))
                {
                    string text = name.ToString();
                    slots[text] = names.Count;
                    names.Add(text);
                }
            }
        }

        _serviceSlots = lookup;
        _serviceNames = [.. names];
        _servicePorts = new PortSet?[names.Count];
    }

    /// <summary>
    /// True when NAME is a service object or group; <paramref name="ports"/> are its TCP ports
    /// (memoised). With <paramref name="onlyCandidates"/>, only the services that may hold the ports
    /// asked for are looked up (the others hold none of them).
    /// </summary>
    private bool ServicePorts(ReadOnlySpan<char> word, bool onlyCandidates, out PortSet ports)
    {
        if ((onlyCandidates && !_candidates.Contains(word)) || !_serviceSlots.TryGetValue(word, out int slot))
        {
            ports = PortSet.Unknown;
            return false;
        }

        ports = _servicePorts[slot] ??= ComputeServicePorts(slot);
        return !ports.IsUnknown;
    }

    /// <summary>The ports of every candidate service, so that <see cref="ServicePorts"/> only reads (from several threads).</summary>
    private void ComputeCandidatePorts()
    {
        for (int slot = 0; slot < _serviceNames.Length; slot++)
        {
            if (_servicePorts[slot] is null && _candidates.Contains(_serviceNames[slot].AsSpan()))
            {
                _servicePorts[slot] = ComputeServicePorts(slot);
            }
        }
    }

    private PortSet ComputeServicePorts(int slot)
    {
        string name = _serviceNames[slot];
        if (!_candidates.Contains(name.AsSpan()))
        {
            return PortSet.Empty; // a service group or object none of whose lines can name the ports asked for
        }

        return _model.Objects.FindGroup(name) >= 0
            ? _model.Objects.PortsOf(new PortSpec(PortOperator.ObjectGroup, default, name), "tcp")
            : _model.Objects.DestinationPorts(new AccessControlEntry(true, new ProtocolSpec(name, IsObject: true), AddressSpec.Any, null, AddressSpec.Any, null, []), "tcp");
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
