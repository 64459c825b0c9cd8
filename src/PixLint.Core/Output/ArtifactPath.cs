namespace PixLint.Output;

/// <summary>
/// How reports name files for tools that match them to a repository (SARIF, GitHub annotations,
/// JUnit, baselines): relative to the working folder when the file is inside it, forward slashes,
/// no leading `./`; an absolute path otherwise; `-` for standard input.
/// </summary>
public static class ArtifactPath
{
    public static string Relative(string path, string workingDirectory)
    {
        if (path == "-")
        {
            return path;
        }

        string p = path;
        if (Path.IsPathRooted(p))
        {
            string relative = Path.GetRelativePath(workingDirectory, p);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                p = relative;
            }
        }

        p = p.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p;
    }

    /// <summary>A SARIF `artifactLocation.uri`: the relative path with each segment percent-encoded, or a `file://` URI.</summary>
    public static string Uri(string path, string workingDirectory)
    {
        string relative = Relative(path, workingDirectory);
        if (Path.IsPathRooted(relative))
        {
            return new System.Uri(relative).AbsoluteUri;
        }

        return string.Join('/', relative.Split('/').Select(System.Uri.EscapeDataString));
    }
}
