using PixLint.Syntax;
using PixLint.Syntax.Commands;

namespace PixLint.Model;

/// <summary>`service-policy NAME global | interface IF` in force, and the policy-map it applies.</summary>
public sealed record ServicePolicyBinding(int Line, string PolicyName, bool Global, string? Interface)
{
    public PolicyMapDefinition? Policy { get; internal set; }

    /// <summary>`global` or `interface outside`.</summary>
    public string Scope => Global ? "global" : $"interface {Interface}";
}

/// <summary>A layer 3/4 class-map (blocks that re-enter it merged in file order).</summary>
public sealed class ClassMapDefinition
{
    internal ClassMapDefinition(string name, string? type, bool isImplicit)
    {
        Name = name;
        Type = type;
        IsImplicit = isImplicit;
    }

    public string Name { get; }

    /// <summary>null for layer 3/4 class-maps, else `inspect esmtp`, `regex`, ...</summary>
    public string? Type { get; }

    /// <summary>True for the built-in `class-default`, or `inspection_default` when the file does not define it.</summary>
    public bool IsImplicit { get; }

    public List<int> HeaderLines { get; } = [];

    /// <summary>Match commands in force, in file order.</summary>
    public List<Command> Criteria { get; } = [];
}

/// <summary>A `class NAME` inside a layer 3/4 policy-map, with the inspections under it.</summary>
public sealed class PolicyClass
{
    internal PolicyClass(PolicyMapDefinition policy, string className)
    {
        Policy = policy;
        ClassName = className;
    }

    public PolicyMapDefinition Policy { get; }

    public string ClassName { get; }

    public List<int> Lines { get; } = [];

    /// <summary>The class-map this class refers to (null when undefined).</summary>
    public ClassMapDefinition? ClassMap { get; internal set; }

    /// <summary>Every `inspect` line of this class, in file order (including ones cancelled later).</summary>
    public List<InspectEntry> Inspects { get; } = [];
}

/// <summary>A layer 3/4 policy-map (blocks merged in file order) and where it is applied.</summary>
public sealed class PolicyMapDefinition
{
    internal PolicyMapDefinition(string name) => Name = name;

    public string Name { get; }

    public List<int> HeaderLines { get; } = [];

    public List<PolicyClass> Classes { get; } = [];

    /// <summary>The service-policy lines in force that apply this policy-map.</summary>
    public List<ServicePolicyBinding> AppliedBy { get; } = [];

    public bool IsApplied => AppliedBy.Count > 0;
}

/// <summary>
/// One `inspect PROTO [MAP]` line and everything the model knows about it: whether a later
/// `no inspect` cancels it, which policy and class hold it, whether a service-policy applies it,
/// which ports its class matches, and the inspect map in effect (named, or the built-in default).
/// </summary>
public sealed class InspectEntry
{
    internal InspectEntry(int line, InspectCommand command, PolicyClass policyClass)
    {
        Line = line;
        Command = command;
        Class = policyClass;
    }

    public int Line { get; }

    public InspectCommand Command { get; }

    public PolicyClass Class { get; }

    public PolicyMapDefinition Policy => Class.Policy;

    public string Protocol => Command.Protocol;

    /// <summary>The map named on the line (null when none is named).</summary>
    public string? MapName => Command.MapName;

    /// <summary>False when a later `no inspect PROTO` in the same class cancels this line.</summary>
    public bool InForce { get; internal set; } = true;

    /// <summary>The line of the `no inspect` that cancels it, if any.</summary>
    public int? CancelledBy { get; internal set; }

    public bool IsApplied => Policy.IsApplied;

    /// <summary>The TCP ports of the class for this protocol.</summary>
    public PortSet Ports { get; internal set; } = PortSet.Unknown;

    /// <summary>The inspect map in effect; null for protocols without maps, or a named map that does not exist.</summary>
    public InspectMapDefinition? EffectiveMap { get; internal set; }

    /// <summary>
    /// How sure PixLint is that <see cref="EffectiveMap"/> is what the device uses: documented for maps
    /// written in the file and for built-in defaults a source covers; assumed otherwise.
    /// </summary>
    public Evidence MapEvidence { get; internal set; } = Evidence.Documented;

    /// <summary>For built-in maps: the source (or the reason it is assumed).</summary>
    public string? MapEvidenceSource { get; internal set; }

    /// <summary>True when the line names a map that is neither defined in the file nor built in.</summary>
    public bool MapUndefined { get; internal set; }
}

/// <summary>A `parameters` line of an inspect map.</summary>
public sealed record InspectParameter(int Line, string Name, bool Negated, IReadOnlyList<string> Arguments);

/// <summary>An action under a match (`mask`, `drop-connection log`, ...).</summary>
public sealed record InspectAction(int Line, string Action, IReadOnlyList<string> Arguments)
{
    public bool Logs => Action == "log" || Arguments.Contains("log", StringComparer.OrdinalIgnoreCase);
}

/// <summary>A `match [not] ...` of an inspect map (or of an inspect class-map used by it) with its actions.</summary>
public sealed class InspectMapMatch
{
    internal InspectMapMatch(int line, InspectMatchCommand command, SyntaxTree tree)
    {
        Line = line;
        Command = command;
        Tree = tree;
    }

    public int Line { get; }

    public InspectMatchCommand Command { get; }

    /// <summary>The tree holding <see cref="Line"/> (the config, or a built-in map's snippet).</summary>
    public SyntaxTree Tree { get; }

    public bool Not => Command.Not;

    public IReadOnlyList<string> Words => Command.Words;

    public List<InspectAction> Actions { get; } = [];

    /// <summary>True when the criterion selects the SMTP command <paramref name="verb"/> (honouring `match not`).</summary>
    public bool SelectsVerb(string verb) =>
        Command.IsCommandVerb && (Not ^ Command.Verbs.Contains(verb, StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// An inspect map (`policy-map type inspect PROTO NAME`): written in the file, or materialised from
/// the rule pack's built-in defaults (<see cref="IsImplicit"/>), so rules query both the same way.
/// </summary>
public sealed class InspectMapDefinition
{
    internal InspectMapDefinition(string protocol, string name, SyntaxTree tree, bool isImplicit)
    {
        Protocol = protocol;
        Name = name;
        Tree = tree;
        IsImplicit = isImplicit;
    }

    public string Protocol { get; }

    public string Name { get; }

    /// <summary>The tree holding the map's lines (the config's own, or the built-in snippet's).</summary>
    public SyntaxTree Tree { get; }

    /// <summary>True for a built-in map that the file does not write out.</summary>
    public bool IsImplicit { get; }

    public List<int> HeaderLines { get; } = [];

    public List<InspectParameter> Parameters { get; } = [];

    public List<InspectMapMatch> Matches { get; } = [];

    /// <summary>The last `[no] NAME` parameter line (null when the map never sets it).</summary>
    public InspectParameter? LastParameter(string name) =>
        Parameters.LastOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the last `allow-tls` parameter is not negated.</summary>
    public bool AllowsTls => LastParameter("allow-tls") is { Negated: false };

    /// <summary>True when the last `mask-banner` parameter is not negated.</summary>
    public bool MasksBanner => LastParameter("mask-banner") is { Negated: false };
}

/// <summary>`context NAME` in a system configuration.</summary>
public sealed record ContextDefinition(int Line, string Name, IReadOnlyList<string> Interfaces, string? ConfigUrl);
