namespace PixLint.Model;

/// <summary>
/// A version constraint such as `&gt;=7.2(3) &lt;8.0` (every comparison must hold) or `any`.
/// Parsed once when rules and defaults load.
/// </summary>
public sealed class VersionRange
{
    private readonly (string Op, OsVersion Version)[] _clauses;

    private VersionRange(string text, (string, OsVersion)[] clauses)
    {
        Text = text;
        _clauses = clauses;
    }

    public static readonly VersionRange Any = new("any", []);

    public string Text { get; }

    public bool IsAny => _clauses.Length == 0;

    public static bool TryParse(string? text, out VersionRange range, out string error)
    {
        range = Any;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var clauses = new List<(string, OsVersion)>();
        foreach (string part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string op = part.StartsWith(">=", StringComparison.Ordinal) || part.StartsWith("<=", StringComparison.Ordinal) || part.StartsWith("==", StringComparison.Ordinal)
                ? part[..2]
                : part.StartsWith('>') || part.StartsWith('<') || part.StartsWith('=') ? part[..1] : string.Empty;
            string version = part[op.Length..];
            if (op.Length == 0)
            {
                op = "==";
            }

            if (!OsVersion.TryParse(version, out var v))
            {
                error = $"'{part}' is not a version comparison (expected e.g. >=7.2(3), <8.0, 9.1(7))";
                return false;
            }

            clauses.Add((op, v));
        }

        range = new VersionRange(text.Trim(), [.. clauses]);
        return true;
    }

    public static VersionRange Parse(string text) =>
        TryParse(text, out var r, out string error) ? r : throw new FormatException(error);

    public bool Contains(OsVersion version)
    {
        foreach (var (op, v) in _clauses)
        {
            int c = version.CompareTo(v);
            bool ok = op switch
            {
                ">=" => c >= 0,
                ">" => c > 0,
                "<=" => c <= 0,
                "<" => c < 0,
                _ => c == 0,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => Text;
}
