namespace PixLint.Rules;

/// <summary>
/// Paths with every symbolic link resolved, and whether one lies inside a folder: rule files are read
/// only from inside the locations they were given by (a link or a `../` in a project's
/// `.pixlint.yaml` must not make pixlint read, and quote in its errors, a file elsewhere).
/// </summary>
public static class RealPaths
{
    private const int MaxLinks = 40; // as the kernel's ELOOP limit

    /// <summary>The absolute path with every symbolic link along it resolved (a loop stops resolving after 40 links).</summary>
    public static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        string current = root;
        int links = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string candidate = Path.Combine(current, part);
            string? target = LinkTarget(candidate);
            if (target is null || ++links > MaxLinks)
            {
                current = candidate;
                continue;
            }

            // Go on from the link's target, then with what followed the link.
            string absolute = Path.GetFullPath(target, current);
            string targetRoot = Path.GetPathRoot(absolute) ?? "/";
            foreach (string p in absolute[targetRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(p);
            }

            current = targetRoot;
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/>, resolved, is <paramref name="folder"/> (resolved) or lies under it.</summary>
    public static bool IsInside(string path, string folder)
    {
        string p = Resolve(path);
        string f = Resolve(folder).TrimEnd(Path.DirectorySeparatorChar);
        return p == f || p.StartsWith(f + Path.DirectorySeparatorChar, StringComparison.Ordinal) || f.Length == 0;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
