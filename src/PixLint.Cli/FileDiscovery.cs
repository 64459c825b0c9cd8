namespace PixLint.Cli;

/// <summary>One input to lint: how to show its path, and where to read it (null for standard input).</summary>
public sealed record InputFile(string DisplayPath, string? FullPath);

/// <summary>
/// Expands the paths given on the command line: files as given, `-` for standard input, and
/// directories walked recursively for configuration-like files (by extension or no extension, and
/// a look at the first bytes), hidden entries skipped, symlink loops detected, in ordinal order.
/// </summary>
public static class FileDiscovery
{
    private const int SniffBytes = 16 * 1024;

    private static readonly HashSet<string> ConfigExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "", ".cfg", ".conf", ".config", ".txt", ".asa", ".pix", ".fwsm", ".ftd", ".fw", ".run", ".running-config", ".startup-config", ".confg",
    };

    private static readonly string[] ConfigMarkers =
    [
        "hostname ", " Version ", ": Saved", "access-list ", "interface ", "fixup protocol", "policy-map ", "nameif ", "class-map ",
    ];

    /// <summary>
    /// Expands the paths; <paramref name="excluded"/> drops files found in directories (explicit files
    /// are always linted, unless <paramref name="skipNonConfigs"/>: then an explicit file that does not
    /// look like a configuration is skipped as in a folder walk, for file lists from pre-commit or git).
    /// </summary>
    public static (List<InputFile> Files, List<string> Errors) Expand(IReadOnlyList<string> paths, string workingDirectory, Func<string, bool>? excluded = null, bool skipNonConfigs = false)
    {
        var files = new List<InputFile>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths.Count == 0 ? ["."] : paths)
        {
            if (path == "-")
            {
                files.Add(new InputFile("-", null));
                continue;
            }

            string full = Path.GetFullPath(path, workingDirectory);
            if (File.Exists(full))
            {
                if (skipNonConfigs && FileKinds.Of(full) == FileKind.Regular && LooksLikeConfig(full) == false)
                {
                    continue;
                }

                if (seen.Add(full))
                {
                    files.Add(new InputFile(Display(path), full));
                }
            }
            else if (Directory.Exists(full))
            {
                var found = new List<InputFile>();
                Walk(full, path, found, errors, new HashSet<string>(StringComparer.Ordinal));
                found.Sort((a, b) => string.CompareOrdinal(a.DisplayPath, b.DisplayPath));
                files.AddRange(found.Where(f => (excluded is null || !excluded(f.FullPath!)) && seen.Add(f.FullPath!)));
            }
            else
            {
                errors.Add($"{path}: no such file or directory");
            }
        }

        return (files, errors);
    }

    private static void Walk(string directory, string display, List<InputFile> found, List<string> errors, HashSet<string> ancestors)
    {
        string real = RealPath(directory);
        if (!ancestors.Add(real))
        {
            errors.Add($"{display}: directory loop (symbolic link back to {real}); skipped");
            return;
        }

        try
        {
            WalkEntries(directory, display, found, errors, ancestors);
        }
        finally
        {
            ancestors.Remove(real);
        }
    }

    private static void WalkEntries(string directory, string display, List<InputFile> found, List<string> errors, HashSet<string> ancestors)
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(directory).ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            errors.Add($"{display}: cannot read directory ({e.Message})");
            return;
        }

        foreach (string entry in entries)
        {
            string name = Path.GetFileName(entry);
            if (name.StartsWith('.'))
            {
                continue;
            }

            string childDisplay = Display(Path.Combine(display, name));
            if (Directory.Exists(entry))
            {
                Walk(entry, childDisplay, found, errors, ancestors);
            }
            else if (!ConfigExtensions.Contains(Path.GetExtension(name)))
            {
                continue;
            }
            else if (FileKinds.Of(entry) is var kind && kind == FileKind.Missing)
            {
                // Listed, yet nothing there: a symbolic link to nothing, or a loop of links.
                if (LinkTarget(entry) is { } target)
                {
                    errors.Add($"{childDisplay}: broken symbolic link (to {target}: missing, or a loop of links); skipped");
                }
            }
            else if (kind == FileKind.Special)
            {
                errors.Add($"{childDisplay}: not a regular file (a FIFO, socket or device); skipped");
            }
            else
            {
                switch (LooksLikeConfig(entry, out string? why))
                {
                    case true:
                        found.Add(new InputFile(childDisplay, Path.GetFullPath(entry)));
                        break;
                    case null:
                        errors.Add($"{childDisplay}: cannot read file ({why}); skipped");
                        break;
                }
            }
        }
    }

    /// <summary>True when the first bytes hold a PIX/ASA keyword; null when the file cannot be read.</summary>
    private static bool? LooksLikeConfig(string path) => LooksLikeConfig(path, out _);

    private static bool? LooksLikeConfig(string path, out string? why)
    {
        why = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            var buffer = new byte[SniffBytes];
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            string head = System.Text.Encoding.Latin1.GetString(buffer, 0, read);
            return ConfigMarkers.Any(m => head.Contains(m, StringComparison.Ordinal));
        }
        catch (UnauthorizedAccessException)
        {
            why = "permission denied";
            return null;
        }
        catch (IOException e)
        {
            why = e.Message;
            return null;
        }
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string RealPath(string directory)
    {
        try
        {
            var info = new DirectoryInfo(directory);
            return info.LinkTarget is not null
                ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName
                : info.FullName;
        }
        catch (IOException)
        {
            return directory;
        }
    }

    /// <summary>Forward slashes, no leading `./` (what SARIF and GitHub annotations expect).</summary>
    public static string Display(string path)
    {
        string p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p.Length == 0 ? "." : p;
    }
}
