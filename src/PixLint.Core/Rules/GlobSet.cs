using Microsoft.Extensions.FileSystemGlobbing;

namespace PixLint.Rules;

/// <summary>
/// Globs over `/`-separated relative paths (Microsoft.Extensions.FileSystemGlobbing: `*` and `?`
/// within one folder name, `**` across folders). A glob without `/` matches the name at any depth
/// (`*.log` is `**/*.log`), one ending in `/` a whole folder (`lab/` is `lab/**`). Matching works on
/// path segments, never by backtracking over the whole path, so no glob (`**a**a**b`) can hang it.
/// </summary>
public sealed class GlobSet
{
    private readonly List<(string Glob, Matcher Matcher)> _globs = [];

    public GlobSet(IEnumerable<string> globs)
    {
        foreach (string glob in globs)
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(Normalize(glob));
            _globs.Add((glob, matcher));
        }
    }

    public static readonly GlobSet Empty = new([]);

    public bool IsEmpty => _globs.Count == 0;

    public IEnumerable<string> Globs => _globs.Select(g => g.Glob);

    /// <summary>The first glob that matches <paramref name="relativePath"/> (`/` or `\` separated), or null.</summary>
    public string? FirstMatch(string relativePath)
    {
        string path = relativePath.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        if (path.Length == 0 || path.StartsWith("../", StringComparison.Ordinal) || path == "..")
        {
            return null;
        }

        foreach (var (glob, matcher) in _globs)
        {
            if (matcher.Match(path).HasMatches)
            {
                return glob;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="relativePath"/> matches any of the globs.</summary>
    public bool Matches(string relativePath) => FirstMatch(relativePath) is not null;

    private static string Normalize(string glob)
    {
        string g = glob.Replace('\\', '/').Trim();
        while (g.StartsWith("./", StringComparison.Ordinal))
        {
            g = g[2..];
        }

        g = g.TrimStart('/');
        if (g.EndsWith('/'))
        {
            g += "**";
        }

        return g.Contains('/', StringComparison.Ordinal) ? g : "**/" + g;
    }
}
