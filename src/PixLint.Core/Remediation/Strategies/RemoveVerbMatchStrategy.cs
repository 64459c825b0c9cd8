using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax.Commands;

namespace PixLint.Remediation.Strategies;

/// <summary>
/// Stops an ESMTP inspect map's `match [not] cmd verb ...` from selecting STARTTLS. A match on
/// STARTTLS alone goes, with its action lines; a list of verbs loses STARTTLS (`match cmd verb`)
/// or gains it (`match not cmd verb`, an allow-list), so the other verbs keep their treatment. On
/// the device a match cannot be edited in place: the old one is removed and the new one added with
/// its actions. When the match sits in an inspect class-map, the map stops using that class.
/// </summary>
public sealed class RemoveVerbMatchStrategy : IRemediationStrategy
{
    private const string StartTls = "STARTTLS";

    public string Name => StrategyNames.RemoveVerbMatch;

    public string? Unavailable(RemediationContext context, object subject)
    {
        if (subject is not InspectMatchSubject { Match.Command.IsCommandVerb: true } s)
        {
            return "only a `match [not] cmd verb` line can be changed";
        }

        return ReferenceEquals(s.Match.Tree, context.Tree) && ReferenceEquals(s.Map.Tree, context.Tree)
            ? null
            : "the match is not written in this configuration";
    }

    public Fix Create(RemediationContext context, object subject)
    {
        var (map, match) = (InspectMatchSubject)subject;
        var tree = context.Tree;
        int parent = tree.GetParent(match.Line);
        bool inClassMap = parent >= 0 && tree.GetCommand(parent) is ClassMapCommand;
        string text = context.CommandText(match.Line);
        string? narrowed = Narrowed(match);
        if (narrowed is not null)
        {
            return inClassMap
                ? NarrowInClassMap(context, map, match, parent, text, narrowed)
                : NarrowInMap(context, map, match, text, narrowed);
        }

        return inClassMap ? RemoveClass(context, map, match, parent) : RemoveMatch(context, map, match, text);
    }

    /// <summary>The match without STARTTLS in its selection, or null when STARTTLS is all it selects.</summary>
    private static string? Narrowed(InspectMapMatch match)
    {
        var verbs = match.Command.Verbs;
        if (match.Not)
        {
            return $"match not cmd verb {string.Join(' ', verbs)} {StartTls}";
        }

        var rest = verbs.Where(v => !v.Equals(StartTls, StringComparison.OrdinalIgnoreCase)).ToList();
        return rest.Count == 0 ? null : $"match cmd verb {string.Join(' ', rest)}";
    }

    private Fix RemoveMatch(RemediationContext context, InspectMapDefinition map, InspectMapMatch match, string text)
    {
        string mode = PolicyModes.InspectMap(map.Protocol, map.Name);
        return new Fix
        {
            Title = $"Remove `{text}` and its actions from inspect map `{map.Name}`",
            Strategy = Name,
            Applicability = FixApplicability.Safe,
            Procedure = context.Procedure,
            Change = [new DeviceCommand([mode], "no " + text, CommandStage.Definitions)],
            Rollback = Recreate(context, mode, text, match.Actions),
            Verify = [PolicyModes.ShowPolicyMap(map.Name)],
            Edits = [context.Editor.DeleteBlock(match.Line)],
        };
    }

    private Fix NarrowInMap(RemediationContext context, InspectMapDefinition map, InspectMapMatch match, string text, string narrowed)
    {
        string mode = PolicyModes.InspectMap(map.Protocol, map.Name);
        return new Fix
        {
            Title = $"Take STARTTLS out of `{text}` in inspect map `{map.Name}`: `{narrowed}`",
            Strategy = Name,
            Applicability = FixApplicability.Safe,
            Procedure = context.Procedure,
            Change = [new DeviceCommand([mode], "no " + text, CommandStage.Definitions), .. Recreate(context, mode, narrowed, match.Actions)],
            Rollback = [new DeviceCommand([mode], "no " + narrowed, CommandStage.Definitions), .. Recreate(context, mode, text, match.Actions)],
            Verify = [PolicyModes.ShowPolicyMap(map.Name)],
            Edits = [context.Editor.ReplaceCommand(match.Line, narrowed)],
            Notes = ["the map's other verbs keep their action"],
        };
    }

    private Fix NarrowInClassMap(RemediationContext context, InspectMapDefinition map, InspectMapMatch match, int classMap, string text, string narrowed)
    {
        string mode = context.CommandText(classMap);
        return new Fix
        {
            Title = $"Take STARTTLS out of `{text}` in `{mode}` (used by inspect map `{map.Name}`): `{narrowed}`",
            Strategy = Name,
            Applicability = FixApplicability.Safe,
            Procedure = context.Procedure,
            Change = [new DeviceCommand([mode], "no " + text, CommandStage.Definitions), new DeviceCommand([mode], narrowed, CommandStage.Definitions)],
            Rollback = [new DeviceCommand([mode], "no " + narrowed, CommandStage.Definitions), new DeviceCommand([mode], text, CommandStage.Definitions)],
            Verify = [$"show running-config class-map", PolicyModes.ShowPolicyMap(map.Name)],
            Edits = [context.Editor.ReplaceCommand(match.Line, narrowed)],
            Notes = ["every inspect map that uses this class-map changes the same way"],
        };
    }

    /// <summary>STARTTLS is the class-map's criterion: the map stops using the class (removing the criterion could widen a match-all class).</summary>
    private Fix RemoveClass(RemediationContext context, InspectMapDefinition map, InspectMapMatch match, int classMap)
    {
        var tree = context.Tree;
        string className = ((ClassMapCommand)tree.GetCommand(classMap)!).Name;
        int classLine = -1;
        foreach (int header in map.HeaderLines)
        {
            foreach (int child in tree.GetChildren(header))
            {
                if (tree.GetCommand(child) is PolicyClassCommand { Negated: false } c && c.Name == className)
                {
                    classLine = child;
                }
            }
        }

        string mode = PolicyModes.InspectMap(map.Protocol, map.Name);
        string classText = $"class {className}";
        var actions = match.Actions.Select(a => context.CommandText(a.Line)).ToList();
        return new Fix
        {
            Title = $"Stop inspect map `{map.Name}` from using class `{className}`, whose `{context.CommandText(match.Line)}` selects STARTTLS",
            Strategy = Name,
            Applicability = FixApplicability.Review,
            Procedure = context.Procedure,
            Change = [new DeviceCommand([mode], "no " + classText, CommandStage.Definitions)],
            Rollback = actions.Count == 0
                ? [new DeviceCommand([mode], classText, CommandStage.Definitions)]
                : [.. actions.Select(a => new DeviceCommand([mode, classText], a, CommandStage.Definitions))],
            Verify = [PolicyModes.ShowPolicyMap(map.Name)],
            Edits = classLine >= 0 ? [context.Editor.DeleteBlock(classLine)] : [],
            Notes = [$"the class's actions ({string.Join(", ", actions.Select(a => $"`{a}`"))}) no longer apply to any of the class's criteria; class-map `{className}` itself stays defined"],
        };
    }

    /// <summary>A match line and its actions, as typed: the actions are entered under the match.</summary>
    private static List<DeviceCommand> Recreate(RemediationContext context, string mode, string matchText, IReadOnlyList<InspectAction> actions)
    {
        if (actions.Count == 0)
        {
            return [new DeviceCommand([mode], matchText, CommandStage.Definitions)];
        }

        return [.. actions.Select(a => new DeviceCommand([mode, matchText], context.CommandText(a.Line), CommandStage.Definitions))];
    }
}
