using PixLint.Model;
using PixLint.Syntax;
using PixLint.Syntax.Commands;

namespace PixLint.Remediation.Strategies;

/// <summary>
/// Keep ESMTP inspection and let STARTTLS through (7.2(3)+ on 7.2, 8.0(3)+ on 8.0, every later
/// release). A custom inspect map written in the file gets `allow-tls` under its `parameters`
/// (created when absent). The built-in default map cannot be changed, so the inspection is pointed
/// at a new map with `parameters` / `allow-tls` under a stable name (reused when the file already
/// has it): `no inspect esmtp`, then `inspect esmtp NAME`.
/// </summary>
public sealed class AllowTlsStrategy : IRemediationStrategy
{
    /// <summary>The name of the map PixLint creates in place of the built-in default.</summary>
    public const string NewMapName = "ESMTP_ALLOW_TLS";

    private const string MapProtocol = "esmtp";
    private const string AllowTls = "allow-tls";

    public string Name => StrategyNames.AllowTls;

    public string? Unavailable(RemediationContext context, object subject)
    {
        if (subject is not InspectEntry entry)
        {
            return "only an `inspect` line's map can allow TLS";
        }

        if (entry.MapUndefined)
        {
            return $"inspect map `{entry.MapName}` is not defined in this configuration";
        }

        return context.AllowTlsProblem();
    }

    public Fix Create(RemediationContext context, object subject)
    {
        var entry = (InspectEntry)subject;
        var map = entry.EffectiveMap;
        bool custom = map is { IsImplicit: false } && ReferenceEquals(map.Tree, context.Tree) && !IsBuiltInName(map.Name);
        return custom ? EnableOnMap(context, entry, map!) : UseNewMap(context, entry);
    }

    /// <summary>Built-in maps (`_default_esmtp_map`) are not edited, even when a `show running-config all` capture writes them out.</summary>
    private static bool IsBuiltInName(string name) => name.StartsWith("_default_", StringComparison.Ordinal);

    private Fix EnableOnMap(RemediationContext context, InspectEntry entry, InspectMapDefinition map)
    {
        var (change, rollback, edits) = AllowTlsOn(context, map);
        return new Fix
        {
            Title = $"Add `allow-tls` to inspect map `{map.Name}` (used by class `{entry.Class.ClassName}` of policy-map `{entry.Policy.Name}`)",
            Strategy = Name,
            Applicability = FixApplicability.Safe,
            Procedure = context.Procedure,
            Change = change,
            Rollback = rollback,
            Verify = [PolicyModes.ShowPolicyMap(map.Name), PolicyModes.ShowServicePolicyEsmtp],
            Edits = edits,
            Notes = [$"every inspection that uses `{map.Name}` now lets STARTTLS through"],
        };
    }

    private Fix UseNewMap(RemediationContext context, InspectEntry entry)
    {
        var change = new List<DeviceCommand>();
        var rollback = new List<DeviceCommand>();
        var edits = new List<TextEdit>();
        var notes = new List<string>();
        string mapMode = PolicyModes.InspectMap(MapProtocol, NewMapName);

        var existing = context.Model.FindInspectMap(MapProtocol, NewMapName);
        if (existing is not null && ReferenceEquals(existing.Tree, context.Tree))
        {
            notes.Add($"the configuration already has inspect map `{NewMapName}`; the inspection now uses it");
            if (!existing.AllowsTls)
            {
                var (c, r, e) = AllowTlsOn(context, existing);
                change.AddRange(c);
                rollback.AddRange(r);
                edits.AddRange(e);
            }
        }
        else
        {
            change.Add(new DeviceCommand([mapMode, "parameters"], AllowTls, CommandStage.Definitions));
            rollback.Add(new DeviceCommand([], "no " + mapMode, CommandStage.Cleanup));
            edits.Add(InsertNewMap(context));
            notes.Add($"the new map does not copy the built-in `{entry.EffectiveMap?.Name ?? "_default_esmtp_map"}`: banner masking and its limits "
                + "(such as `match cmd line length gt 512` / `drop-connection log`) no longer apply; add the ones you want under it. "
                + "How `match ehlo-reply-parameter others` / `mask` interacts with `allow-tls` is not documented [verify]");
        }

        string inspect = context.CommandText(entry.Line);
        string repointed = $"inspect {MapProtocol} {NewMapName}";
        var classMode = PolicyModes.Class(entry);
        change.Add(new DeviceCommand(classMode, "no " + inspect, CommandStage.Policies));
        change.Add(new DeviceCommand(classMode, repointed, CommandStage.Policies));
        rollback.Add(new DeviceCommand(classMode, "no " + repointed, CommandStage.Policies));
        rollback.Add(new DeviceCommand(classMode, inspect, CommandStage.Policies));
        edits.Add(context.Editor.ReplaceCommand(entry.Line, repointed));
        notes.Add($"`no {inspect}` comes first because the device is believed to refuse changing the map of an existing inspection in place [verify]");
        if (entry.MapName is not null)
        {
            notes.Add(PolicyModes.NoInspectWithMapNote(inspect));
        }

        if (entry.Protocol != MapProtocol)
        {
            notes.Add($"`{inspect}` becomes `{repointed}`: ESMTP inspect maps are documented for `inspect esmtp`, the same engine [verify]");
        }

        return new Fix
        {
            Title = $"Keep ESMTP inspection and allow STARTTLS: class `{entry.Class.ClassName}` of policy-map `{entry.Policy.Name}` uses inspect map `{NewMapName}` with `allow-tls`",
            Strategy = Name,
            Applicability = FixApplicability.Review,
            Procedure = context.Procedure,
            Change = change,
            Rollback = rollback,
            Verify = [PolicyModes.ShowServicePolicyEsmtp, PolicyModes.ShowPolicyMap(entry.Policy.Name)],
            Edits = edits,
            Notes = notes,
        };
    }

    /// <summary>`allow-tls` under the map's `parameters`: replace its last `no allow-tls`, or add the line (and `parameters` when absent).</summary>
    private static (List<DeviceCommand> Change, List<DeviceCommand> Rollback, List<TextEdit> Edits) AllowTlsOn(RemediationContext context, InspectMapDefinition map)
    {
        string mode = PolicyModes.InspectMap(map.Protocol, map.Name);
        var change = new List<DeviceCommand> { new([mode, "parameters"], AllowTls, CommandStage.Definitions) };
        var rollback = new List<DeviceCommand> { new([mode, "parameters"], "no " + AllowTls, CommandStage.Definitions) };
        var tree = context.Tree;
        var editor = context.Editor;
        TextEdit edit;
        if (map.LastParameter(AllowTls) is { Negated: true } negated)
        {
            edit = editor.ReplaceCommand(negated.Line, AllowTls);
        }
        else if (LastParametersLine(tree, map) is int parameters and >= 0)
        {
            edit = editor.AppendToBlock(parameters, [AllowTls]);
        }
        else
        {
            int header = map.HeaderLines[^1];
            string indent = editor.ChildIndent(header);
            int after = header;
            foreach (int child in tree.GetChildren(header))
            {
                if (tree.GetCommand(child) is DescriptionCommand)
                {
                    after = child; // `description` comes first, as the device prints it
                }

                break;
            }

            edit = editor.InsertAfter(after, [indent + "parameters", indent + editor.IndentUnit + AllowTls]);
        }

        return (change, rollback, [edit]);
    }

    private static int LastParametersLine(SyntaxTree tree, InspectMapDefinition map)
    {
        int found = -1;
        foreach (int header in map.HeaderLines)
        {
            foreach (int child in tree.GetChildren(header))
            {
                if (tree.GetCommand(child) is ParametersCommand { Negated: false })
                {
                    found = child;
                }
            }
        }

        return found;
    }

    /// <summary>The new map, just before the first layer 3/4 policy-map (and the comments that introduce it).</summary>
    private static TextEdit InsertNewMap(RemediationContext context)
    {
        var tree = context.Tree;
        var editor = context.Editor;
        int target = -1;
        foreach (int line in tree.LinesWith(Keyword.PolicyMap))
        {
            if (tree.GetParent(line) < 0 && tree.GetCommand(line) is PolicyMapCommand { Type: null, Negated: false })
            {
                target = line;
                break;
            }
        }

        while (target > 0 && tree.GetKind(target - 1) == LineKind.Comment && tree.Source.GetLineSpan(target - 1).Trim().Length > 1)
        {
            target--;
        }

        string unit = editor.IndentUnit;
        string[] lines = [PolicyModes.InspectMap(MapProtocol, NewMapName), unit + "parameters", unit + unit + AllowTls];
        return target >= 0 ? editor.InsertBefore(target, lines) : editor.InsertAfter(tree.LineCount - 1, lines);
    }
}
