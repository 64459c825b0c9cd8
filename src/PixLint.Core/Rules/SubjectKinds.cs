using PixLint.Model;
using PixLint.Syntax;

namespace PixLint.Rules;

/// <summary>An inspect-map match together with the map that holds it.</summary>
public sealed record InspectMatchSubject(InspectMapDefinition Map, InspectMapMatch Match);

/// <summary>The mail hosts a fixup or an inspection affects (see <see cref="MailExposureAnalyzer"/>).</summary>
internal static class Affected
{
    public static IReadOnlyList<MailExposure> Of(FixupEntry fixup, ConfigModel model) =>
        model.Mail.For(PortSet.Of(fixup.PortsInForce));

    public static IReadOnlyList<MailExposure> Of(InspectEntry inspect, ConfigModel model)
    {
        var hosts = model.Mail.For(inspect.Ports);
        var bindings = inspect.Policy.AppliedBy;
        if (bindings.Count == 0 || bindings.Any(b => b.Global))
        {
            return hosts;
        }

        // An interface policy inspects the traffic entering and leaving its interfaces: mail
        // admitted there, mail to a server behind it, and mail from inside that leaves through it
        // to the Internet (an outbound flow leaves through the outside interface).
        var interfaces = bindings.Select(b => b.Interface!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool onOutside = interfaces.Contains(model.Network.OutsideInterface ?? "outside");
        return new MailHostList(
            [.. hosts.Where(h => h.Interface == "global" || interfaces.Contains(h.Interface)
                || (h.RealInterface is not null && interfaces.Contains(h.RealInterface))
                || (onOutside && h.Direction == MailDirection.Outbound))],
            hosts.MoreRules);
    }

    public static IReadOnlyList<MailExposure> Of(InspectMatchSubject match, ConfigModel model)
    {
        var lists = model.Inspects.Where(e => e.InForce && e.IsApplied && ReferenceEquals(e.EffectiveMap, match.Map)).Select(e => Of(e, model)).ToList();
        return new MailHostList(
            MailHostList.Ranked(lists.SelectMany(l => l).Distinct()),
            lists.Count == 0 ? 0 : lists.Max(l => l is MailHostList m ? m.MoreRules : 0));
    }
}

/// <summary>A command line matched by a rule's word pattern, with the words the pattern captured.</summary>
public sealed record CommandSubject(int Line, IReadOnlyDictionary<string, string> Captures);

/// <summary>
/// The registry of subject kinds: one entry per kind, listed here by hand. Adding a kind is one
/// entry in <see cref="All"/> plus its properties; rules then use it with `find: NAME`.
/// </summary>
public static class SubjectKinds
{
    public const string Device = "device";
    public const string Fixup = "fixup";
    public const string Inspect = "inspect";
    public const string InspectMap = "inspect-map";
    public const string InspectMatch = "inspect-match";
    public const string Context = "context";
    public const string ServicePolicy = "service-policy";
    public const string Command = "command";
    public const string MailHost = "mail-host";
    public const string Nat = "nat";
    public const string AccessGroup = "access-group";

    private static readonly PropertyDef DeviceProperty =
        new("device", ValueType.Node, "the device (platform, version, hostname...)", (_, c) => Value.Node(c.Model.Device), Device);

    /// <summary>Every kind by name, including `device` (reachable only through the `device` property).</summary>
    public static IReadOnlyDictionary<string, SubjectKind> All { get; } = new[]
    {
        new SubjectKind(Device, "the device a configuration belongs to", _ => [],
        [
            new("platform", ValueType.Text, "pix, asa, fwsm, ftd or unknown", (s, _) => Value.Text(((DeviceIdentity)s).Platform.ToName())),
            new("version", ValueType.Version, "the software version (absent when unknown)", (s, _) => Value.Version(((DeviceIdentity)s).Version)),
            new("generation", ValueType.Text, "fixup (PIX 6 / FWSM 1-2), mpf (PIX 7+, ASA, FWSM 3+, FTD) or unknown", (s, _) => Value.Text(((DeviceIdentity)s).Generation.ToString().ToLowerInvariant())),
            new("hostname", ValueType.Text, "the hostname", (s, _) => Value.Text(((DeviceIdentity)s).Hostname)),
            new("input-kind", ValueType.Text, "running-config, command-script or system-context", (_, c) => Value.Text(InputKindName(c.Model.InputKind))),
            new("shows-defaults", ValueType.Bool, "true for a `show running-config all` capture", (_, c) => Value.Bool(c.Model.ShowsDefaults)),
            new("describe", ValueType.Text, "platform and version as text, e.g. `asa 9.8(4)`", (s, _) => Value.Text(((DeviceIdentity)s).Describe())),
        ]),

        new SubjectKind(Fixup, "every `fixup protocol` line (PIX 4.2-6.x, FWSM 1-2; pasted into newer configs too)", m => m.Fixups,
        [
            DeviceProperty,
            new("protocol", ValueType.Text, "the protocol (`smtp`, `ftp`...)", (s, _) => Value.Text(((FixupEntry)s).Protocol)),
            new("ports", ValueType.Ports, "the ports written on the line", (s, _) => Value.Ports(((FixupEntry)s).Command.Ports is { } p ? PortSet.Of([p]) : PortSet.Empty)),
            new("ports-in-force", ValueType.Ports, "its ports not cancelled by a later `no fixup`", (s, _) => Value.Ports(PortSet.Of(((FixupEntry)s).PortsInForce))),
            new("in-force", ValueType.Bool, "false once later `no fixup` lines cancel all its ports", (s, _) => Value.Bool(((FixupEntry)s).InForce)),
            new("affected", ValueType.Hosts, "the mail hosts that send or receive SMTP on its ports through the firewall", (s, c) => Value.Hosts(Affected.Of((FixupEntry)s, c.Model))),
            new("line", ValueType.Location, "the fixup line", (s, c) => Value.At(c.Model.Tree, ((FixupEntry)s).Line)),
        ]),

        new SubjectKind(Inspect, "every `inspect` line in a class of a layer 3/4 policy-map", m => m.Inspects,
        [
            DeviceProperty,
            new("protocol", ValueType.Text, "the inspected protocol (`esmtp`, `smtp`, `dns`...)", (s, _) => Value.Text(((InspectEntry)s).Protocol)),
            new("map-name", ValueType.Text, "the inspect map named on the line (absent when none)", (s, _) => Value.Text(((InspectEntry)s).MapName)),
            new("map", ValueType.Node, "the inspect map in effect: the named one, or the built-in default", (s, _) => Value.Node(((InspectEntry)s).EffectiveMap), InspectMap),
            new("map-undefined", ValueType.Bool, "true when the named map is neither in the file nor built in", (s, _) => Value.Bool(((InspectEntry)s).MapUndefined)),
            new("map-assumed", ValueType.Bool, "true when the map is a built-in default that no source documents for this platform and version", (s, _) => Value.Bool(((InspectEntry)s).EffectiveMap is { IsImplicit: true } && ((InspectEntry)s).MapEvidence == Evidence.Assumed)),
            new("map-source", ValueType.Text, "for built-in maps: the source of the default, or why it is assumed", (s, _) => Value.Text(((InspectEntry)s).EffectiveMap is { IsImplicit: true } ? ((InspectEntry)s).MapEvidenceSource : null)),
            new("in-force", ValueType.Bool, "false when a later `no inspect` in the same class cancels it", (s, _) => Value.Bool(((InspectEntry)s).InForce)),
            new("applied", ValueType.Bool, "true when a `service-policy` applies its policy-map", (s, _) => Value.Bool(((InspectEntry)s).IsApplied)),
            new("applied-by", ValueType.TextList, "where the policy-map is applied: `global`, `interface outside`", (s, _) => Value.Texts([.. ((InspectEntry)s).Policy.AppliedBy.Select(b => b.Scope)])),
            new("policy", ValueType.Text, "the policy-map's name", (s, _) => Value.Text(((InspectEntry)s).Policy.Name)),
            new("class", ValueType.Text, "the class's name", (s, _) => Value.Text(((InspectEntry)s).Class.ClassName)),
            new("ports", ValueType.Ports, "the TCP ports the class matches for this protocol", (s, _) => Value.Ports(((InspectEntry)s).Ports)),
            new("affected", ValueType.Hosts, "the mail hosts whose SMTP on the class's ports crosses the interfaces the policy applies to", (s, c) => Value.Hosts(Affected.Of((InspectEntry)s, c.Model))),
            new("line", ValueType.Location, "the inspect line", (s, c) => Value.At(c.Model.Tree, ((InspectEntry)s).Line)),
            new("service-policy-line", ValueType.Location, "the first `service-policy` line applying the policy-map", (s, c) => Value.At(c.Model.Tree, ((InspectEntry)s).Policy.AppliedBy.FirstOrDefault()?.Line ?? -1)),
            new("policy-line", ValueType.Location, "the policy-map's first line", (s, c) => Value.At(c.Model.Tree, ((InspectEntry)s).Policy.HeaderLines.FirstOrDefault(-1))),
        ]),

        new SubjectKind(InspectMap, "every inspect map written in the file (`policy-map type inspect PROTO NAME`); built-in maps are reached through `inspect`'s `map`", m => m.InspectMaps.Values.OrderBy(x => x.HeaderLines[0]),
        [
            DeviceProperty,
            new("name", ValueType.Text, "the map's name", (s, _) => Value.Text(((InspectMapDefinition)s).Name)),
            new("protocol", ValueType.Text, "the inspected protocol", (s, _) => Value.Text(((InspectMapDefinition)s).Protocol)),
            new("implicit", ValueType.Bool, "true for a built-in map the file does not write out", (s, _) => Value.Bool(((InspectMapDefinition)s).IsImplicit)),
            new("allow-tls", ValueType.Bool, "true when its last `allow-tls` parameter is not negated", (s, _) => Value.Bool(((InspectMapDefinition)s).AllowsTls)),
            new("mask-banner", ValueType.Bool, "true when its last `mask-banner` parameter is not negated", (s, _) => Value.Bool(((InspectMapDefinition)s).MasksBanner)),
            new("allow-tls-line", ValueType.Location, "its last `[no] allow-tls` line in the file", (s, c) => MapLine((InspectMapDefinition)s, c, "allow-tls")),
            new("mask-banner-line", ValueType.Location, "its last `[no] mask-banner` line in the file", (s, c) => MapLine((InspectMapDefinition)s, c, "mask-banner")),
            new("parameters", ValueType.TextList, "its `parameters` lines as written (`no allow-tls`, `message-length maximum 512`)", (s, _) => Value.Texts([.. ((InspectMapDefinition)s).Parameters.Select(p => (p.Negated ? "no " : string.Empty) + string.Join(' ', [p.Name, .. p.Arguments]))])),
            new("applied", ValueType.Bool, "true when an applied, in-force `inspect` line uses it", (s, c) => Value.Bool(c.Model.Inspects.Any(e => e.InForce && e.IsApplied && ReferenceEquals(e.EffectiveMap, s)))),
            new("line", ValueType.Location, "the map's first line in the file", (s, c) => ((InspectMapDefinition)s) is { IsImplicit: false } m && ReferenceEquals(m.Tree, c.Model.Tree) ? Value.At(m.Tree, m.HeaderLines[0]) : Value.Null(ValueType.Location)),
        ]),

        new SubjectKind(InspectMatch, "every `match` of an inspect map written in the file (and of inspect class-maps it uses)", m => m.InspectMaps.Values.OrderBy(x => x.HeaderLines[0]).SelectMany(map => map.Matches.Select(x => (object)new InspectMatchSubject(map, x))),
        [
            DeviceProperty,
            new("text", ValueType.Text, "the match line as written, e.g. `match cmd verb STARTTLS`", (s, _) => Value.Text(((InspectMatchSubject)s).Match.Tree.GetCommandText(((InspectMatchSubject)s).Match.Line))),
            new("criterion", ValueType.Text, "the criterion without values: `cmd verb`, `ehlo-reply-parameter`, `cmd line length`", (s, _) => Value.Text(((InspectMatchSubject)s).Match.Command.Criterion)),
            new("words", ValueType.TextList, "the criterion's words after `match [not]`", (s, _) => Value.Texts(((InspectMatchSubject)s).Match.Words)),
            new("not", ValueType.Bool, "true for `match not ...`", (s, _) => Value.Bool(((InspectMatchSubject)s).Match.Not)),
            new("verbs", ValueType.Verbs, "for `cmd verb`: the SMTP verbs it selects (a `match not` selects all the others)", (s, _) => Value.Verbs(((InspectMatchSubject)s).Match.Command.IsCommandVerb ? new VerbSet(((InspectMatchSubject)s).Match.Command.Verbs, ((InspectMatchSubject)s).Match.Not) : VerbSet.None)),
            new("actions", ValueType.TextList, "its actions (`mask`, `drop-connection`, `reset`, `log`, `drop`, `rate-limit`)", (s, _) => Value.Texts([.. ((InspectMatchSubject)s).Match.Actions.Select(a => a.Action)])),
            new("map", ValueType.Node, "the inspect map holding it", (s, _) => Value.Node(((InspectMatchSubject)s).Map), InspectMap),
            new("affected", ValueType.Hosts, "the mail hosts affected by the applied inspections that use its map", (s, c) => Value.Hosts(Affected.Of((InspectMatchSubject)s, c.Model))),
            new("line", ValueType.Location, "the match line", (s, c) => Value.At(c.Model.Tree, ((InspectMatchSubject)s).Match.Line)),
        ]),

        new SubjectKind(Context, "every `context NAME` block of a multi-context system configuration", m => m.Contexts,
        [
            DeviceProperty,
            new("name", ValueType.Text, "the context's name", (s, _) => Value.Text(((ContextDefinition)s).Name)),
            new("interfaces", ValueType.TextList, "its allocated interfaces", (s, _) => Value.Texts(((ContextDefinition)s).Interfaces)),
            new("config-url", ValueType.Text, "where its own configuration is stored", (s, _) => Value.Text(((ContextDefinition)s).ConfigUrl)),
            new("admin", ValueType.Bool, "true for the admin context", (s, c) => Value.Bool(((ContextDefinition)s).Name == c.Model.AdminContext)),
            new("line", ValueType.Location, "the `context` line", (s, c) => Value.At(c.Model.Tree, ((ContextDefinition)s).Line)),
        ]),

        new SubjectKind(ServicePolicy, "every `service-policy` line in force", m => m.ServicePolicies,
        [
            DeviceProperty,
            new("policy", ValueType.Text, "the policy-map it applies", (s, _) => Value.Text(((ServicePolicyBinding)s).PolicyName)),
            new("global", ValueType.Bool, "true for `global`", (s, _) => Value.Bool(((ServicePolicyBinding)s).Global)),
            new("interface", ValueType.Text, "the interface (absent for global)", (s, _) => Value.Text(((ServicePolicyBinding)s).Interface)),
            new("defined", ValueType.Bool, "true when the policy-map exists", (s, _) => Value.Bool(((ServicePolicyBinding)s).Policy is not null)),
            new("line", ValueType.Location, "the service-policy line", (s, c) => Value.At(c.Model.Tree, ((ServicePolicyBinding)s).Line)),
        ]),

        new SubjectKind(MailHost, "every host that sends or receives SMTP (TCP 25, 465, 587) through the firewall: an access rule bound by `access-group` (or a PIX `conduit`) that names those ports, with static NAT applied", m => m.Mail.For(MailExposureAnalyzer.MailPorts),
        [
            DeviceProperty,
            new("direction", ValueType.Text, "inbound (mail to the host) or outbound (mail from it)", (s, _) => Value.Text(((MailExposure)s).DirectionName)),
            new("interface", ValueType.Text, "the interface of the access rule (`global` for a global access-group)", (s, _) => Value.Text(((MailExposure)s).Interface)),
            new("public", ValueType.Text, "the address as seen from the other side (after NAT)", (s, _) => Value.Text(((MailExposure)s).Public)),
            new("real", ValueType.Text, "the host's real address (name or object, and address)", (s, _) => Value.Text(((MailExposure)s).Real)),
            new("real-interface", ValueType.Text, "the interface the host sits on, when a translation says so", (s, _) => Value.Text(((MailExposure)s).RealInterface)),
            new("ports", ValueType.Ports, "the mail ports permitted", (s, _) => Value.Ports(PortSet.Of([((MailExposure)s).Ports]))),
            new("via", ValueType.Text, "the rule that permits it, e.g. `access-list OUTSIDE_IN (in on outside)`", (s, _) => Value.Text(((MailExposure)s).Via)),
            new("describe", ValueType.Text, "the host as a sentence part: `mail to 203.0.113.25:25 (object mx, 192.0.2.25, inside)`", (s, _) => Value.Text(((MailExposure)s).Describe())),
            new("line", ValueType.Location, "the access rule's line", (s, c) => Value.At(c.Model.Tree, ((MailExposure)s).AccessLine)),
            new("nat-line", ValueType.Location, "the static NAT's line, if any", (s, c) => Value.At(c.Model.Tree, ((MailExposure)s).NatLine ?? -1)),
        ]),

        new SubjectKind(Nat, "every static translation: PIX 6 / ASA 8.2 `static`, ASA 8.3+ object NAT and twice NAT (`source static`)", m => m.Network.Statics,
        [
            DeviceProperty,
            new("kind", ValueType.Text, "static, object nat or twice nat", (s, _) => Value.Text(((StaticTranslation)s).Kind)),
            new("real", ValueType.Text, "the real address, name or object", (s, _) => Value.Text(((StaticTranslation)s).RealText)),
            new("mapped", ValueType.Text, "the mapped (public) address, name or object", (s, _) => Value.Text(((StaticTranslation)s).MappedText)),
            new("real-interface", ValueType.Text, "the real side's interface", (s, _) => Value.Text(((StaticTranslation)s).RealInterface)),
            new("mapped-interface", ValueType.Text, "the mapped side's interface", (s, _) => Value.Text(((StaticTranslation)s).MappedInterface)),
            new("ports", ValueType.Ports, "the translated real port, for port statics (empty otherwise)", (s, _) => Value.Ports(((StaticTranslation)s).RealPort is { } p ? PortSet.Of([p]) : PortSet.Empty)),
            new("line", ValueType.Location, "the translation's line", (s, c) => Value.At(c.Model.Tree, ((StaticTranslation)s).Line)),
        ]),

        new SubjectKind(AccessGroup, "every `access-group` binding in force", m => m.Network.AccessGroups,
        [
            DeviceProperty,
            new("access-list", ValueType.Text, "the access list it applies", (s, _) => Value.Text(((AccessGroupBinding)s).AccessList)),
            new("direction", ValueType.Text, "in or out (absent for global)", (s, _) => Value.Text(((AccessGroupBinding)s).Direction)),
            new("interface", ValueType.Text, "the interface (absent for global)", (s, _) => Value.Text(((AccessGroupBinding)s).Interface)),
            new("global", ValueType.Bool, "true for `access-group ACL global`", (s, _) => Value.Bool(((AccessGroupBinding)s).Global)),
            new("defined", ValueType.Bool, "true when the access list exists", (s, c) => Value.Bool(c.Model.Objects.HasAccessList(((AccessGroupBinding)s).AccessList))),
            new("line", ValueType.Location, "the access-group line", (s, c) => Value.At(c.Model.Tree, ((AccessGroupBinding)s).Line)),
        ]),

        new SubjectKind(Command, "command lines matching the rule's `pattern` (words as written; `{name}` captures a word)", EnumerateCommands,
        [
            DeviceProperty,
            new("text", ValueType.Text, "the command as written, without indentation", (s, c) => Value.Text(c.Model.Tree.GetCommandText(((CommandSubject)s).Line))),
            new("words", ValueType.TextList, "the command's words", (s, c) => Value.Texts(c.Model.Tree.GetWords(((CommandSubject)s).Line))),
            new("negated", ValueType.Bool, "true for a `no ...` line", (s, c) => Value.Bool(c.Model.Tree.IsNegated(((CommandSubject)s).Line))),
            new("children", ValueType.TextList, "the commands directly under it", (s, c) => Value.Texts([.. c.Model.Tree.GetChildren(((CommandSubject)s).Line).Select(c.Model.Tree.GetCommandText)])),
            new("line", ValueType.Location, "the command line", (s, c) => Value.At(c.Model.Tree, ((CommandSubject)s).Line)),
        ]),
    }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Kinds a rule can `find` (all but `device`).</summary>
    public static IEnumerable<string> Findable => All.Keys.Where(k => k != Device);

    public static string InputKindName(InputKind kind) => kind switch
    {
        InputKind.CommandScript => "command-script",
        InputKind.SystemContext => "system-context",
        _ => "running-config",
    };

    private static IEnumerable<object> EnumerateCommands(ConfigModel model)
    {
        var tree = model.Tree;
        for (int i = 0; i < tree.LineCount; i++)
        {
            if (tree.GetKind(i) == LineKind.Command)
            {
                yield return new CommandSubject(i, new Dictionary<string, string>());
            }
        }
    }

    private static Value MapLine(InspectMapDefinition map, EvalContext context, string parameter)
    {
        if (map.IsImplicit || !ReferenceEquals(map.Tree, context.Model.Tree))
        {
            return Value.Null(ValueType.Location);
        }

        return Value.At(map.Tree, map.LastParameter(parameter)?.Line ?? -1);
    }
}
