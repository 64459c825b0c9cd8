using System.Globalization;
using PixLint.Model;
using PixLint.Syntax;

namespace PixLint.Rules;

/// <summary>The static type of a subject property, checked when a rule loads.</summary>
public enum ValueType : byte
{
    Text,
    Bool,
    Number,
    Version,
    TextList,
    Ports,
    Verbs,
    Node,
    Location,

    /// <summary>Mail hosts (a list of <see cref="MailExposure"/>).</summary>
    Hosts,
}

/// <summary>
/// A set of SMTP command verbs that may be a complement: `match cmd verb A B` selects {A, B};
/// `match not cmd verb A B` selects every verb except A and B.
/// </summary>
public sealed record VerbSet(IReadOnlyList<string> Verbs, bool Complement)
{
    public static readonly VerbSet None = new([], false);

    public bool Contains(string verb) => Complement ^ Verbs.Contains(verb, StringComparer.OrdinalIgnoreCase);

    public override string ToString() => Complement ? "all but " + string.Join(" ", Verbs) : string.Join(" ", Verbs);
}

/// <summary>A line in some tree (the configuration's, or a built-in map's snippet).</summary>
public readonly record struct Location(SyntaxTree Tree, int Line);

/// <summary>A property value at evaluation time (null when the property does not apply).</summary>
public readonly struct Value
{
    private Value(ValueType type, object? payload)
    {
        Type = type;
        Payload = payload;
    }

    public ValueType Type { get; }

    public object? Payload { get; }

    public bool IsNull => Payload is null;

    public static Value Null(ValueType type) => new(type, null);

    public static Value Text(string? text) => new(ValueType.Text, text);

    public static Value Bool(bool value) => new(ValueType.Bool, value);

    public static Value Number(long value) => new(ValueType.Number, value);

    public static Value Version(OsVersion? version) => new(ValueType.Version, version);

    public static Value Texts(IReadOnlyList<string> texts) => new(ValueType.TextList, texts);

    public static Value Ports(PortSet ports) => new(ValueType.Ports, ports);

    public static Value Verbs(VerbSet verbs) => new(ValueType.Verbs, verbs);

    public static Value Node(object? node) => new(ValueType.Node, node);

    public static Value At(SyntaxTree tree, int line) => new(ValueType.Location, line < 0 ? null : new Location(tree, line));

    public static Value Hosts(IReadOnlyList<MailExposure> hosts) => new(ValueType.Hosts, hosts);

    /// <summary>How many mail hosts a message names before "and N more".</summary>
    public const int HostsInMessage = 2;

    /// <summary>The value as message text (`25, 587`, `true`, `global_policy`).</summary>
    public string Render() => Payload switch
    {
        null => "(none)",
        string s => s,
        bool b => b ? "true" : "false",
        long n => n.ToString(CultureInfo.InvariantCulture),
        OsVersion v => v.Text,
        IReadOnlyList<string> list => string.Join(", ", list),
        PortSet ports => ports.ToString(),
        VerbSet verbs => verbs.ToString(),
        Location l => (l.Line + 1).ToString(CultureInfo.InvariantCulture),
        IReadOnlyList<MailExposure> hosts => RenderHosts(hosts),
        _ => Payload.ToString() ?? string.Empty,
    };

    private static string RenderHosts(IReadOnlyList<MailExposure> hosts)
    {
        if (hosts.Count == 0)
        {
            return "no access rule in this file permits SMTP, so it applies to any mail through this firewall";
        }

        string shown = string.Join("; ", hosts.Take(HostsInMessage).Select(h => h.Describe()));
        int more = hosts.Count - Math.Min(hosts.Count, HostsInMessage);
        int moreRules = hosts is MailHostList list ? list.MoreRules : 0;
        return (more, moreRules) switch
        {
            (0, 0) => shown,
            (_, 0) => $"{shown}; and {more} more",
            _ => $"{shown}; and {more} more, plus {moreRules} more access rules that name mail ports",
        };
    }

    public static string TypeName(ValueType type) => type switch
    {
        ValueType.Text => "text",
        ValueType.Bool => "true/false",
        ValueType.Number => "a number",
        ValueType.Version => "a version",
        ValueType.TextList => "a list of text",
        ValueType.Ports => "a port set",
        ValueType.Verbs => "a set of SMTP verbs",
        ValueType.Node => "an object",
        ValueType.Location => "a line",
        ValueType.Hosts => "a list of mail hosts",
        _ => type.ToString(),
    };
}
