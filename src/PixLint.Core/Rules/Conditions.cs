using System.Globalization;
using System.Text.RegularExpressions;
using PixLint.Model;
using YamlDotNet.RepresentationModel;

namespace PixLint.Rules;

/// <summary>A dotted property path (`map.allow-tls`), resolved and type-checked when the rule loads.</summary>
public sealed class PropertyPath
{
    private readonly PropertyDef[] _steps;

    private PropertyPath(string text, PropertyDef[] steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    public ValueType Type => _steps[^1].Type;

    /// <summary>The kind a Node-typed path leads to.</summary>
    public string? Target => _steps[^1].Target;

    /// <summary>Resolves <paramref name="text"/> from <paramref name="kind"/>; extra properties (pattern captures) come first.</summary>
    public static PropertyPath? Resolve(string text, SubjectKind kind, IReadOnlyDictionary<string, PropertyDef>? extra, out string? error)
    {
        error = null;
        var steps = new List<PropertyDef>();
        var current = kind;
        string[] parts = text.Split('.');
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i];
            PropertyDef? property = null;
            if (i == 0 && extra is not null && extra.TryGetValue(part, out var captured))
            {
                property = captured;
            }
            else if (current.Properties.TryGetValue(part, out var known))
            {
                property = known;
            }

            if (property is null)
            {
                var names = current.Properties.Keys.Concat(i == 0 && extra is not null ? extra.Keys : []).ToList();
                string? suggestion = YamlFile.Suggest(part, names);
                error = $"'{part}' is not a property of {current.Name}" + (suggestion is null
                    ? $" (its properties: {string.Join(", ", names.Order(StringComparer.Ordinal))})"
                    : $" (did you mean '{suggestion}'?)");
                return null;
            }

            steps.Add(property);
            if (i < parts.Length - 1)
            {
                if (property.Type != ValueType.Node || property.Target is null || !SubjectKinds.All.TryGetValue(property.Target, out var next))
                {
                    error = $"'{string.Join('.', parts[..(i + 1)])}' is {Value.TypeName(property.Type)}, so '{parts[i + 1]}' cannot follow it";
                    return null;
                }

                current = next;
            }
        }

        return new PropertyPath(text, [.. steps]);
    }

    public Value Evaluate(object subject, EvalContext context)
    {
        object current = subject;
        for (int i = 0; i < _steps.Length; i++)
        {
            var value = _steps[i].Get(current, context);
            if (i == _steps.Length - 1)
            {
                return value;
            }

            if (value.Payload is null)
            {
                return Value.Null(Type);
            }

            current = value.Payload;
        }

        return Value.Null(Type);
    }
}

/// <summary>A compiled `where:` condition.</summary>
public abstract class Condition
{
    public abstract bool Evaluate(object subject, EvalContext context);

    public static readonly Condition True = new AllCondition([]);
}

internal sealed class AllCondition(IReadOnlyList<Condition> parts) : Condition
{
    public override bool Evaluate(object subject, EvalContext context)
    {
        foreach (var part in parts)
        {
            if (!part.Evaluate(subject, context))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class AnyCondition(IReadOnlyList<Condition> parts) : Condition
{
    public override bool Evaluate(object subject, EvalContext context) => parts.Any(p => p.Evaluate(subject, context));
}

internal sealed class NotCondition(Condition inner) : Condition
{
    public override bool Evaluate(object subject, EvalContext context) => !inner.Evaluate(subject, context);
}

/// <summary>A test on one property's value (null values fail every test but `exists: false`).</summary>
internal sealed class PropertyCondition(PropertyPath path, Func<Value, bool> test) : Condition
{
    public override bool Evaluate(object subject, EvalContext context) => test(path.Evaluate(subject, context));
}

/// <summary>A nested `where:` on a Node-typed property.</summary>
internal sealed class NodeCondition(PropertyPath path, Condition inner) : Condition
{
    public override bool Evaluate(object subject, EvalContext context)
    {
        var node = path.Evaluate(subject, context);
        return node.Payload is { } target && inner.Evaluate(target, context);
    }
}

/// <summary>
/// Compiles `where:` mappings. Keys are property paths, or `all`/`any`/`not`; values are either a
/// shorthand (a scalar: equals / contains; a list: one of) or a mapping of operators. Every
/// operator is checked against the property's type when the rule loads.
/// </summary>
internal sealed class ConditionCompiler
{
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly Dictionary<ValueType, string[]> Operators = new()
    {
        [ValueType.Text] = ["equals", "in", "matches", "exists", "not"],
        [ValueType.Bool] = ["equals", "exists", "not"],
        [ValueType.Number] = ["equals", "in", "lt", "le", "gt", "ge", "exists", "not"],
        [ValueType.Version] = ["in-range", "exists", "not"],
        [ValueType.TextList] = ["contains", "contains-any", "contains-all", "not-contains", "any-match", "none-match", "empty", "exists", "not"],
        [ValueType.Ports] = ["contains", "contains-any", "not-contains", "empty", "all", "unknown", "exists", "not"],
        [ValueType.Verbs] = ["contains", "not-contains", "exists", "not"],
        [ValueType.Node] = ["exists", "not"],
        [ValueType.Location] = ["exists", "not"],
        [ValueType.Hosts] = ["empty", "exists", "not"],
    };

    private readonly YamlFile _file;
    private readonly string _ruleId;

    // Where each regular expression is written (file:line:column), for the error when one runs too long.
    private readonly Dictionary<Regex, string> _regexLocations = new(ReferenceEqualityComparer.Instance);

    public ConditionCompiler(YamlFile file, string ruleId)
    {
        _file = file;
        _ruleId = ruleId;
    }

    public Condition Compile(YamlNode node, SubjectKind kind, IReadOnlyDictionary<string, PropertyDef>? extra)
    {
        if (_file.Map(node, "'where'") is not { } map)
        {
            return Condition.True;
        }

        var parts = new List<Condition>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            switch (key)
            {
                case "all":
                case "any":
                    if (valueNode is not YamlSequenceNode list)
                    {
                        _file.Error(valueNode, $"'{key}' takes a list of conditions, not {YamlFile.Describe(valueNode)}");
                        continue;
                    }

                    var items = list.Children.Select(c => Compile(c, kind, extra)).ToList();
                    parts.Add(key == "all" ? new AllCondition(items) : new AnyCondition(items));
                    break;
                case "not":
                    parts.Add(new NotCondition(Compile(valueNode, kind, extra)));
                    break;
                default:
                    var path = PropertyPath.Resolve(key, kind, extra, out string? error);
                    if (path is null)
                    {
                        _file.Error(keyNode, error!);
                        continue;
                    }

                    if (CompileProperty(path, valueNode) is { } condition)
                    {
                        parts.Add(condition);
                    }

                    break;
            }
        }

        return parts.Count == 1 ? parts[0] : new AllCondition(parts);
    }

    private Condition? CompileProperty(PropertyPath path, YamlNode value)
    {
        // A mapping on a Node property whose keys are not operators is a nested where.
        if (path.Type == ValueType.Node && value is YamlMappingNode nested
            && nested.Children.Keys.All(k => k is YamlScalarNode { Value: { } v } && v is not ("exists" or "not")))
        {
            var target = SubjectKinds.All[path.Target!];
            return new NodeCondition(path, Compile(nested, target, null));
        }

        var test = ValueTest(path, value);
        return test is null ? null : new PropertyCondition(path, test);
    }

    /// <summary>An operator mapping (all must hold) or a shorthand, as a test on the value.</summary>
    private Func<Value, bool>? ValueTest(PropertyPath path, YamlNode value)
    {
        if (value is not YamlMappingNode ops)
        {
            return Shorthand(path, value);
        }

        var tests = new List<Func<Value, bool>>();
        foreach (var (opNode, argument) in ops.Children)
        {
            string op = (opNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!Operators[path.Type].Contains(op))
            {
                string? suggestion = YamlFile.Suggest(op, Operators[path.Type]);
                _file.Error(opNode, $"'{op}' is not an operator for '{path.Text}' ({Value.TypeName(path.Type)}); "
                    + (suggestion is null ? $"expected one of: {string.Join(", ", Operators[path.Type])}" : $"did you mean '{suggestion}'?"));
                continue;
            }

            if (Operator(path, op, argument) is { } test)
            {
                tests.Add(test);
            }
        }

        return v => tests.TrueForAll(t => t(v));
    }

    /// <summary>A bare value: equality for scalars, `in` for lists of text, `contains` for sets.</summary>
    private Func<Value, bool>? Shorthand(PropertyPath path, YamlNode value) => path.Type switch
    {
        ValueType.Text => value is YamlSequenceNode ? Operator(path, "in", value) : Operator(path, "equals", value),
        ValueType.Bool or ValueType.Number => Operator(path, "equals", value),
        ValueType.Version => Operator(path, "in-range", value),
        ValueType.Ports or ValueType.Verbs or ValueType.TextList => value is YamlSequenceNode
            ? Operator(path, "contains-all", value)
            : Operator(path, "contains", value),
        ValueType.Node or ValueType.Location => Operator(path, "exists", value),
        ValueType.Hosts => Operator(path, "empty", value),
        _ => null,
    };

    private Func<Value, bool>? Operator(PropertyPath path, string op, YamlNode argument)
    {
        switch (op)
        {
            case "not":
                var inner = ValueTest(path, argument);
                return inner is null ? null : v => !inner(v);
            case "exists":
                return Bool(argument, op) is bool exists ? v => !v.IsNull == exists : null;
            case "equals" when path.Type == ValueType.Bool:
                return Bool(argument, op) is bool b ? v => v.Payload is bool x && x == b : null;
            case "equals" when path.Type == ValueType.Number:
                return Number(argument, op) is long n ? v => v.Payload is long x && x == n : null;
            case "equals":
                return Scalar(argument, op) is { } s ? v => v.Payload is string x && x.Equals(s, StringComparison.OrdinalIgnoreCase) : null;
            case "in" when path.Type == ValueType.Number:
                var numbers = List(argument, op)?.Select(x => long.TryParse(x, CultureInfo.InvariantCulture, out long n) ? n : long.MinValue).ToHashSet();
                return numbers is null ? null : v => v.Payload is long x && numbers.Contains(x);
            case "in":
                var options = List(argument, op);
                return options is null ? null : v => v.Payload is string x && options.Contains(x, StringComparer.OrdinalIgnoreCase);
            case "lt" or "le" or "gt" or "ge":
                if (Number(argument, op) is not long limit)
                {
                    return null;
                }

                return op switch
                {
                    "lt" => v => v.Payload is long x && x < limit,
                    "le" => v => v.Payload is long x && x <= limit,
                    "gt" => v => v.Payload is long x && x > limit,
                    _ => v => v.Payload is long x && x >= limit,
                };
            case "matches":
                var regex = Regex(argument);
                return regex is null ? null : v => v.Payload is string x && Match(regex, x);
            case "in-range":
                if (Scalar(argument, op) is not { } rangeText)
                {
                    return null;
                }

                if (!VersionRange.TryParse(rangeText, out var range, out string error))
                {
                    _file.Error(argument, error);
                    return null;
                }

                return v => v.Payload is OsVersion version && range.Contains(version);
            case "empty":
                return Bool(argument, op) is bool empty ? v => v.Payload is not null && IsEmpty(v) == empty : null;
            case "all":
                return Bool(argument, op) is bool all ? v => v.Payload is PortSet p && p.IsAll == all : null;
            case "unknown":
                return Bool(argument, op) is bool unknown ? v => v.Payload is PortSet p && p.IsUnknown == unknown : null;
            case "contains" or "not-contains" or "contains-any" or "contains-all":
                var items = argument is YamlSequenceNode ? List(argument, op) : Scalar(argument, op) is { } one ? [one] : null;
                if (items is null || !CheckItems(path, argument, items))
                {
                    return null;
                }

                bool negate = op == "not-contains";
                bool every = op is "contains-all" || (op is "contains" or "not-contains" && items.Count == 1);
                return v =>
                {
                    if (v.Payload is null)
                    {
                        return false;
                    }

                    bool result = every ? items.All(i => Contains(v, i)) : items.Any(i => Contains(v, i));
                    return negate ? !result : result;
                };
            case "any-match" or "none-match":
                var pattern = Regex(argument);
                if (pattern is null)
                {
                    return null;
                }

                bool none = op == "none-match";
                return v => v.Payload is IReadOnlyList<string> list && list.Any(x => Match(pattern, x)) != none;
            default:
                return null;
        }
    }

    private bool CheckItems(PropertyPath path, YamlNode argument, IReadOnlyList<string> items)
    {
        if (path.Type == ValueType.Ports && items.Any(i => !PortNames.IsPort(i)))
        {
            _file.Error(argument, $"'{path.Text}' holds ports: expected port numbers or names, not '{items.First(i => !PortNames.IsPort(i))}'");
            return false;
        }

        return true;
    }

    private static bool Contains(Value v, string item) => v.Payload switch
    {
        IReadOnlyList<string> list => list.Contains(item, StringComparer.OrdinalIgnoreCase),
        PortSet ports => PortNames.TryResolve(item, "tcp", out int port) && ports.Contains(port),
        VerbSet verbs => verbs.Contains(item),
        _ => false,
    };

    private static bool IsEmpty(Value v) => v.Payload switch
    {
        IReadOnlyList<string> list => list.Count == 0,
        IReadOnlyList<MailExposure> hosts => hosts.Count == 0,
        PortSet ports => ports.IsEmpty,
        _ => false,
    };

    private bool Match(Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            string at = _regexLocations.TryGetValue(regex, out string? location) ? $" ({location})" : string.Empty;
            throw new RuleEvaluationException(_ruleId, $"the regular expression '{regex}'{at} took longer than {RegexTimeout.TotalMilliseconds} ms on '{(input.Length > 60 ? input[..60] + "..." : input)}'");
        }
    }

    private Regex? Regex(YamlNode argument)
    {
        if (Scalar(argument, "a regular expression") is not { } pattern)
        {
            return null;
        }

        string location = $"{_file.Path}:{argument.Start.Line}:{argument.Start.Column}";
        try
        {
            // Linear-time matching where the pattern allows it; otherwise a timeout guards the backtracking engine.
            var linear = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RegexTimeout);
            _regexLocations[linear] = location;
            return linear;
        }
        catch (NotSupportedException)
        {
            try
            {
                var backtracking = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
                _regexLocations[backtracking] = location;
                return backtracking;
            }
            catch (ArgumentException e)
            {
                _file.Error(argument, $"invalid regular expression: {e.Message}");
                return null;
            }
        }
        catch (ArgumentException e)
        {
            _file.Error(argument, $"invalid regular expression: {e.Message}");
            return null;
        }
    }

    private string? Scalar(YamlNode node, string what) => node is YamlScalarNode { Value: { } s } ? s : Fail(node, $"{what} takes one value, not {YamlFile.Describe(node)}");

    private IReadOnlyList<string>? List(YamlNode node, string what) => _file.StringList(node, $"'{what}'");

    private bool? Bool(YamlNode node, string what) => node is YamlScalarNode { Value: "true" or "false" } s ? s.Value == "true" : FailBool(node, what);

    private long? Number(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } s } && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : FailNumber(node, what);

    private string? Fail(YamlNode node, string message)
    {
        _file.Error(node, message);
        return null;
    }

    private bool? FailBool(YamlNode node, string what)
    {
        _file.Error(node, $"'{what}' takes true or false, not {YamlFile.Describe(node)}");
        return null;
    }

    private long? FailNumber(YamlNode node, string what)
    {
        _file.Error(node, $"'{what}' takes a whole number, not {YamlFile.Describe(node)}");
        return null;
    }
}

/// <summary>A rule failed while running (a regular expression timed out); the CLI reports it with the rule's id and exits 2.</summary>
public sealed class RuleEvaluationException(string ruleId, string message) : Exception($"rule {ruleId}: {message}")
{
    public string RuleId { get; } = ruleId;
}
