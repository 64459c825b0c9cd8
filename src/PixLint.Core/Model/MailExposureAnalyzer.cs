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

    private readonly ConfigModel _model;
    private readonly Dictionary<string, IReadOnlyList<MailExposure>> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PortSet> _servicePorts = new(StringComparer.Ordinal);

    internal MailExposureAnalyzer(ConfigModel model) => _model = model;

    /// <summary>Exposures on <paramref name="ports"/> (a class matching every port, or an unresolved one, means the mail ports).</summary>
    public IReadOnlyList<MailExposure> For(PortSet ports)
    {
        var interest = ports.IsAll || ports.IsUnknown ? MailPorts : ports;
        string key = interest.ToString();
        if (!_cache.TryGetValue(key, out var exposures))
        {
            _cache[key] = exposures = Compute(interest);
        }

        return exposures;
    }

    private List<MailExposure> Compute(PortSet interest)
    {
        var tree = _model.Tree;
        var network = _model.Network;
        string outside = network.OutsideInterface ?? "outside";
        var result = new List<MailExposure>();
        var seen = new HashSet<(MailDirection, string, string, string, PortRange, int)>();
        void Add(MailExposure e)
        {
            if (seen.Add((e.Direction, e.Interface, e.Public, e.Real, e.Ports, e.AccessLine)))
            {
                result.Add(e);
            }
        }

        var tokens = PortTokens(interest);
        var bindings = network.AccessGroups.GroupBy(b => b.AccessList, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var boundLists = bindings.Keys.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (int line in tree.LinesWith(Keyword.AccessList))
        {
            if (tree.GetParent(line) >= 0 || tree.IsNegated(line))
            {
                continue;
            }

            var text = tree.Source.GetSpan(tree.GetCommandSpan(line));
            if (!TryListName(text, out var name) || !boundLists.Contains(name) || !MaySelect(text, tokens, interest))
            {
                continue;
            }

            if (tree.GetCommand(line) is not AccessListCommand { Entry: { Permit: true } ace } acl || ace.Inactive || !NamesPorts(ace))
            {
                continue;
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
                string via = $"access-list {acl.Name} ({binding.Describe()})";
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

        return result;
    }

    /// <summary>Inbound (to the destination) or outbound (from the source) by where the list is applied.</summary>
    private static bool IsInbound(AccessGroupBinding binding, string outside, AccessControlEntry ace)
    {
        bool destinationIsAny = ace.Destination.Kind == AddressSpecKind.Any;
        if (binding.Global)
        {
            return !destinationIsAny || ace.Source.Kind == AddressSpecKind.Any;
        }

        bool onOutside = binding.Interface!.Equals(outside, StringComparison.OrdinalIgnoreCase);
        return binding.Direction == "out"
            ? !onOutside
            : onOutside || !destinationIsAny;
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
                var byMapped = statics.FirstOrDefault(s => s.Mapped is { } m && m.Overlaps(range.Value) && PortFits(s.MappedPort, ports));
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

            var byReal = statics.FirstOrDefault(s => s.Real is { } r && r.Overlaps(range.Value) && PortFits(inbound ? s.RealPort : null, ports));
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
        var tokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "range", "gt", "lt", "neq" };
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

    /// <summary>A word-level look at an access-list line: could it select one of the ports of interest?</summary>
    private bool MaySelect(ReadOnlySpan<char> text, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> tokens, PortSet interest)
    {
        bool permit = false, candidate = false, objectNext = false;
        foreach (var range in text.Split(' '))
        {
            var word = text[range];
            if (word.IsEmpty)
            {
                continue;
            }

            if (objectNext)
            {
                objectNext = false;
                if (ServicePorts(word.ToString(), interest))
                {
                    candidate = true;
                }

                continue;
            }

            if (word.Equals("permit", StringComparison.OrdinalIgnoreCase))
            {
                permit = true;
            }
            else if (word.Equals("object-group", StringComparison.OrdinalIgnoreCase) || word.Equals("object", StringComparison.OrdinalIgnoreCase))
            {
                objectNext = true;
            }
            else if (tokens.Contains(word))
            {
                candidate = true;
            }
        }

        return permit && candidate;
    }

    /// <summary>True when NAME is a service object or group whose TCP ports meet the interest (memoised).</summary>
    private bool ServicePorts(string name, PortSet interest)
    {
        if (!_servicePorts.TryGetValue(name, out var ports))
        {
            ports = PortSet.Empty;
            var tree = _model.Tree;
            int group = _model.Objects.FindGroup(name);
            if (group >= 0 && tree.GetCommand<ObjectGroupCommand>(group) is { GroupKind: "service" })
            {
                ports = _model.Objects.PortsOf(new PortSpec(PortOperator.ObjectGroup, default, name), "tcp");
            }
            else if (group < 0 && _model.Objects.FindObject(name) is int obj and >= 0 && tree.GetCommand<ObjectCommand>(obj) is { ObjectKind: "service" })
            {
                ports = _model.Objects.DestinationPorts(new AccessControlEntry(true, new ProtocolSpec(name, IsObject: true), AddressSpec.Any, null, AddressSpec.Any, null, []), "tcp");
            }

            _servicePorts[name] = ports;
        }

        return !ports.IsUnknown && !ports.Intersect(interest).IsEmpty;
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
