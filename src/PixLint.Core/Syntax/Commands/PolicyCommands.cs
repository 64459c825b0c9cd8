using PixLint.Model;

namespace PixLint.Syntax.Commands;

/// <summary>`class-map [type TYPE [PROTO]] [match-all|match-any] NAME`.</summary>
public sealed record ClassMapCommand(string? Type, string? MatchMode, string Name) : Command;

/// <summary>` match port tcp|udp eq PORT | range LOW HIGH` in a class-map.</summary>
public sealed record MatchPortCommand(string Transport, PortRange Ports) : Command;

/// <summary>` match default-inspection-traffic` in a class-map.</summary>
public sealed record MatchDefaultInspectionTrafficCommand : Command;

/// <summary>` match access-list NAME` in a class-map.</summary>
public sealed record MatchAccessListCommand(string AccessList) : Command;

/// <summary>` match any` in a class-map.</summary>
public sealed record MatchAnyCommand : Command;

/// <summary>Any other ` match ...` in a layer 3/4 class-map (flow, tunnel-group, dscp, ...).</summary>
public sealed record MatchOtherCommand(IReadOnlyList<string> Words) : Command;

/// <summary>`policy-map [type inspect PROTO] NAME`.</summary>
public sealed record PolicyMapCommand(string? Type, string? Protocol, string Name) : Command
{
    /// <summary>True for `policy-map type inspect ...` (an inspect map, not a layer 3/4 policy).</summary>
    public bool IsInspectMap => string.Equals(Type, "inspect", StringComparison.OrdinalIgnoreCase);
}

/// <summary>` class NAME` in a policy-map.</summary>
public sealed record PolicyClassCommand(string Name) : Command;

/// <summary>`  [no] inspect PROTO [qualifiers] [MAP]` in a policy-map class.</summary>
public sealed record InspectCommand(string Protocol, IReadOnlyList<string> Arguments, string? MapName) : Command;

/// <summary>` parameters` in an inspect map.</summary>
public sealed record ParametersCommand : Command;

/// <summary>
/// A line under ` parameters`: `mask-banner`, `[no] allow-tls [action log]`, `mail-relay D action A`,
/// `special-character action A`, or any other parameter kept by name and arguments.
/// </summary>
public sealed record InspectParameterCommand(string Name, IReadOnlyList<string> Arguments) : Command;

/// <summary>` match [not] CRITERION ...` in an inspect map (`cmd verb STARTTLS`, `ehlo-reply-parameter others`, ...).</summary>
public sealed record InspectMatchCommand(bool Not, IReadOnlyList<string> Words) : Command
{
    /// <summary>True for `match [not] cmd verb ...`.</summary>
    public bool IsCommandVerb => Words.Count >= 2
        && Words[0].Equals("cmd", StringComparison.OrdinalIgnoreCase)
        && Words[1].Equals("verb", StringComparison.OrdinalIgnoreCase);

    /// <summary>The verbs of a `cmd verb` criterion (empty otherwise).</summary>
    public IReadOnlyList<string> Verbs => IsCommandVerb ? [.. Words.Skip(2)] : [];

    /// <summary>The criterion's words without values, e.g. `cmd verb`, `ehlo-reply-parameter`, `cmd line length`.</summary>
    public string Criterion
    {
        get
        {
            var words = new List<string>(3);
            foreach (string w in Words)
            {
                if (words.Count == 3 || IsValueWord(w))
                {
                    break;
                }

                words.Add(w.ToLowerInvariant());
                if (words is ["cmd", "verb"] or ["ehlo-reply-parameter"] or [_, "encoding"] or [_, "filetype"])
                {
                    break;
                }
            }

            return string.Join(' ', words);
        }
    }

    private static bool IsValueWord(string w) =>
        char.IsDigit(w[0]) || w.Equals("gt", StringComparison.OrdinalIgnoreCase) || w.Equals("regex", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An action under a match line: `mask`, `drop-connection`, `reset`, `log`, `drop`, `rate-limit N` (each with optional `log`).</summary>
public sealed record InspectActionCommand(string Action, IReadOnlyList<string> Arguments) : Command
{
    public bool Logs => Action.Equals("log", StringComparison.OrdinalIgnoreCase)
        || Arguments.Any(a => a.Equals("log", StringComparison.OrdinalIgnoreCase));
}

/// <summary>` description TEXT` in a class-map or policy-map.</summary>
public sealed record DescriptionCommand(string Text) : Command;

/// <summary>`service-policy NAME global | interface IF`.</summary>
public sealed record ServicePolicyCommand(string PolicyMap, bool Global, string? Interface) : Command;
