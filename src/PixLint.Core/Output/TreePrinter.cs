using System.Text.Json;
using PixLint.Model;
using PixLint.Syntax;
using PixLint.Syntax.Commands;
using PixLint.Text;

namespace PixLint.Output;

/// <summary>`pixlint parse --format tree|json`: the syntax tree and the model, for people writing rules.</summary>
public static class TreePrinter
{
    /// <summary>One line per source line: number, kind, keyword, the parsed command, indented by depth.</summary>
    public static void WriteTree(ConfigModel model, TextWriter output, bool showSecrets)
    {
        var tree = model.Tree;
        tree.ParseAll();
        var secrets = showSecrets ? SecretValues.None : SecretValues.Collect(tree);
        output.WriteLine($"# {LosslessUtf8.ToDisplay(tree.Source.Path)}: {model.Device.Describe()}, {model.InputKind}, {tree.LineCount} lines, {tree.UnrecognizedCount} unrecognised");
        for (int i = 0; i < tree.LineCount; i++)
        {
            int depth = Depth(tree, i);
            var kind = tree.GetKind(i);
            string text = secrets.Scrub(SecretRedactor.DisplayLine(tree, i, showSecrets).Trim());
            string what = kind == LineKind.Command ? secrets.Scrub(Describe(tree.GetCommand(i))) : kind.ToString().ToLowerInvariant();
            string flags = kind == LineKind.Command && tree.IsUnrecognized(i) ? " (unrecognised)" : string.Empty;
            output.WriteLine($"{i + 1,6} {new string(' ', depth * 2)}{what}{flags}  | {text}");
        }

        foreach (var d in tree.Diagnostics.Concat(model.Diagnostics))
        {
            var p = tree.Source.GetPosition(d.Span.Start);
            output.WriteLine($"{LosslessUtf8.ToDisplay(tree.Source.Path)}:{p.Line}:{p.Column}: {d.Severity.ToName()} {d.Code}: {LosslessUtf8.ToDisplay(secrets.Scrub(d.Message))}");
        }
    }

    /// <summary>Lines with their kind, keyword, parent and parsed command, plus the resolved model.</summary>
    public static void WriteJson(ConfigModel model, Stream output, bool showSecrets)
    {
        var tree = model.Tree;
        tree.ParseAll();
        var secrets = showSecrets ? SecretValues.None : SecretValues.Collect(tree);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("path", tree.Source.Path);
        json.WriteStartObject("source");
        json.WriteString("encoding", tree.Source.Encoding.ToString());
        json.WriteBoolean("bom", tree.Source.HasBom);
        json.WriteNumber("invalidBytes", tree.Source.InvalidByteCount);
        json.WriteNumber("lines", tree.LineCount);
        json.WriteEndObject();
        json.WriteStartArray("lines");
        for (int i = 0; i < tree.LineCount; i++)
        {
            var kind = tree.GetKind(i);
            json.WriteStartObject();
            json.WriteNumber("line", i + 1);
            json.WriteString("kind", kind.ToString().ToLowerInvariant());
            json.WriteString("text", secrets.Scrub(SecretRedactor.DisplayLine(tree, i, showSecrets)));
            json.WriteString("ending", tree.Source.GetLine(i).Ending.ToString().ToLowerInvariant());
            if (kind == LineKind.Command)
            {
                json.WriteString("keyword", tree.GetKeyword(i).ToString());
                json.WriteNumber("indent", tree.GetIndent(i));
                json.WriteNumber("parent", tree.GetParent(i) + 1);
                json.WriteBoolean("negated", tree.IsNegated(i));
                json.WriteBoolean("unrecognized", tree.IsUnrecognized(i));
                json.WriteString("command", secrets.Scrub(Describe(tree.GetCommand(i))));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteModel(json, model);
        json.WriteStartArray("diagnostics");
        foreach (var d in tree.Diagnostics.Concat(model.Diagnostics))
        {
            var p = tree.Source.GetPosition(d.Span.Start);
            json.WriteStartObject();
            json.WriteString("code", d.Code);
            json.WriteString("severity", d.Severity.ToName());
            json.WriteNumber("line", p.Line);
            json.WriteNumber("column", p.Column);
            json.WriteString("message", LosslessUtf8.ToDisplay(secrets.Scrub(d.Message)));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteModel(Utf8JsonWriter json, ConfigModel model)
    {
        var d = model.Device;
        json.WriteStartObject("model");
        json.WriteStartObject("device");
        json.WriteString("platform", d.Platform.ToName());
        json.WriteString("version", d.Version?.Text ?? d.VersionText);
        json.WriteString("versionSource", d.Source.ToString());
        json.WriteString("generation", d.Generation.ToString());
        json.WriteString("hostname", d.Hostname);
        json.WriteString("inputKind", model.InputKind.ToString());
        json.WriteBoolean("showsDefaults", model.ShowsDefaults);
        json.WriteEndObject();

        json.WriteStartArray("fixups");
        foreach (var f in model.Fixups)
        {
            json.WriteStartObject();
            json.WriteNumber("line", f.Line + 1);
            json.WriteString("protocol", f.Protocol);
            json.WriteString("ports", f.Command.Ports?.ToString());
            json.WriteBoolean("inForce", f.InForce);
            json.WriteString("portsInForce", string.Join(", ", f.PortsInForce));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("servicePolicies");
        foreach (var b in model.ServicePolicies)
        {
            json.WriteStartObject();
            json.WriteNumber("line", b.Line + 1);
            json.WriteString("policyMap", b.PolicyName);
            json.WriteString("scope", b.Scope);
            json.WriteBoolean("defined", b.Policy is not null);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("inspects");
        foreach (var e in model.Inspects)
        {
            json.WriteStartObject();
            json.WriteNumber("line", e.Line + 1);
            json.WriteString("protocol", e.Protocol);
            json.WriteString("policyMap", e.Policy.Name);
            json.WriteString("class", e.Class.ClassName);
            json.WriteBoolean("inForce", e.InForce);
            json.WriteBoolean("applied", e.IsApplied);
            json.WriteString("appliedBy", string.Join(", ", e.Policy.AppliedBy.Select(b => b.Scope)));
            json.WriteString("ports", e.Ports.ToString());
            if (e.EffectiveMap is { } map)
            {
                json.WriteStartObject("map");
                json.WriteString("name", map.Name);
                json.WriteBoolean("implicit", map.IsImplicit);
                json.WriteString("evidence", e.MapEvidence.ToString().ToLowerInvariant());
                json.WriteBoolean("allowsTls", map.AllowsTls);
                json.WriteBoolean("masksBanner", map.MasksBanner);
                json.WriteEndObject();
            }
            else if (e.MapUndefined)
            {
                json.WriteString("map", $"undefined: {e.MapName}");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("inspectMaps");
        foreach (var map in model.InspectMaps.Values)
        {
            json.WriteStartObject();
            json.WriteString("protocol", map.Protocol);
            json.WriteString("name", map.Name);
            json.WriteBoolean("allowsTls", map.AllowsTls);
            json.WriteBoolean("masksBanner", map.MasksBanner);
            json.WriteNumber("matches", map.Matches.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("contexts");
        foreach (var c in model.Contexts)
        {
            json.WriteStartObject();
            json.WriteNumber("line", c.Line + 1);
            json.WriteString("name", c.Name);
            json.WriteString("configUrl", c.ConfigUrl);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static int Depth(SyntaxTree tree, int line)
    {
        int depth = 0;
        for (int p = tree.GetParent(line); p >= 0 && depth < 64; p = tree.GetParent(p))
        {
            depth++;
        }

        return depth;
    }

    /// <summary>A short, stable description of a parsed command (what a rule author needs to see).</summary>
    public static string Describe(Command? command) => command switch
    {
        null => "unparsed",
        GenericCommand => "generic",
        VersionHeaderCommand v => $"version-header platform={v.Platform.ToName()} version={v.Version?.Text ?? "?" + v.VersionText}{(v.ContextMarker is null ? string.Empty : " " + v.ContextMarker)}",
        HostnameCommand h => $"hostname name={h.Name}",
        FixupCommand f => $"{No(f)}fixup protocol={f.Protocol}{(f.Ports is null ? string.Empty : " ports=" + f.Ports)}",
        ClassMapCommand c => $"{No(c)}class-map name={c.Name}{(c.Type is null ? string.Empty : " type=" + c.Type)}",
        MatchPortCommand m => $"match-port {m.Transport}/{m.Ports}",
        MatchDefaultInspectionTrafficCommand => "match-default-inspection-traffic",
        MatchAccessListCommand m => $"match-access-list name={m.AccessList}",
        MatchAnyCommand => "match-any",
        MatchOtherCommand m => $"match-other {string.Join(' ', m.Words)}",
        PolicyMapCommand p => $"{No(p)}policy-map name={p.Name}{(p.IsInspectMap ? " inspect=" + p.Protocol : string.Empty)}",
        PolicyClassCommand c => $"{No(c)}class name={c.Name}",
        InspectCommand i => $"{No(i)}inspect protocol={i.Protocol}{(i.MapName is null ? string.Empty : " map=" + i.MapName)}",
        ParametersCommand => "parameters",
        InspectParameterCommand p => $"{No(p)}parameter {p.Name}{(p.Arguments.Count > 0 ? " " + string.Join(' ', p.Arguments) : string.Empty)}",
        InspectMatchCommand m => $"{No(m)}inspect-match{(m.Not ? " not" : string.Empty)} {string.Join(' ', m.Words)}",
        InspectActionCommand a => $"action {a.Action}{(a.Arguments.Count > 0 ? " " + string.Join(' ', a.Arguments) : string.Empty)}",
        DescriptionCommand => "description",
        ServicePolicyCommand s => $"{No(s)}service-policy policy-map={s.PolicyMap} {(s.Global ? "global" : "interface=" + s.Interface)}",
        ContextCommand c => $"{No(c)}context name={c.Name}",
        AdminContextCommand a => $"admin-context name={a.Name}",
        AllocateInterfaceCommand a => $"allocate-interface {string.Join(' ', a.Arguments)}",
        ConfigUrlCommand u => $"config-url {u.Url}",
        NameCommand n => $"name {n.Name}={n.Address}",
        AccessGroupCommand g => $"access-group acl={g.AccessList} {(g.Global ? "global" : $"{g.Direction} interface={g.Interface}")}",
        AccessListCommand a => a.Entry is { } e
            ? $"access-list name={a.Name} {(e.Permit ? "permit" : "deny")} {e.Protocol} from {e.Source}{(e.SourcePort is null ? string.Empty : " " + e.SourcePort)} to {e.Destination}{(e.DestinationPort is null ? string.Empty : " " + e.DestinationPort)}"
            : $"access-list name={a.Name} {a.Kind.ToString().ToLowerInvariant()}",
        ObjectCommand o => $"object {o.ObjectKind} name={o.Name}",
        ObjectAddressCommand a => $"object-address {a.Address}{(a.RangeEnd is null ? string.Empty : "-" + a.RangeEnd)}",
        ObjectServiceCommand s => $"object-service {s.Protocol}{(s.DestinationPort is null ? string.Empty : " destination " + s.DestinationPort)}",
        ObjectGroupCommand g => $"object-group {g.GroupKind} name={g.Name}{(g.Protocol is null ? string.Empty : " " + g.Protocol)}",
        NetworkObjectCommand n => $"network-object {n.Address}",
        PortObjectCommand p => $"port-object {p.Port}",
        ServiceObjectCommand s => $"service-object {s.Protocol}{(s.DestinationPort is null ? string.Empty : " destination " + s.DestinationPort)}",
        GroupObjectCommand g => $"group-object {g.Name}",
        ProtocolObjectCommand p => $"protocol-object {p.Protocol}",
        _ => command.GetType().Name,
    };

    private static string No(Command c) => c.Negated ? "no " : string.Empty;
}
