using System.Reflection;

namespace PixLint.Rules;

/// <summary>
/// The default rule pack (the repository's `rules/` folder) compiled into the binary, so
/// `pixlint lint file.cfg` works with no setup. Resource names are the paths under `rules/`.
/// </summary>
public static class EmbeddedRulePack
{
    private const string Prefix = "rules/";

    private static Assembly Assembly => typeof(EmbeddedRulePack).Assembly;

    /// <summary>Paths (relative to `rules/`) of every embedded file, sorted.</summary>
    public static IReadOnlyList<string> Files { get; } =
        [.. Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal)];

    public static string ReadText(string relativePath)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + relativePath)
            ?? throw new FileNotFoundException($"the rule pack has no '{relativePath}'");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
