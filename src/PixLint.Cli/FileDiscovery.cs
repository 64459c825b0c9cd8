using PixLint.Rules;
using PixLint.Syntax;

namespace PixLint.Cli;

/// <summary>One input to lint: how to show its path, where to read it (null for standard input), and why it is linted.</summary>
public sealed record InputFile(string DisplayPath, string? FullPath, string Why = "named on the command line");

/// <summary>A file a folder walk looked at and did not lint, and why.</summary>
public sealed record SkippedFile(string DisplayPath, string Reason);

/// <summary>What narrows a folder walk: `--include`/`--exclude` (relative to the working folder or the folder walked), `.pixlint.yaml`.</summary>
public sealed record DiscoveryOptions
{
    /// <summary>Files larger than this are skipped: no firewall writes a configuration this big.</summary>
    public const long DefaultMaxFileBytes = 256L * 1024 * 1024;

    public GlobSet Include { get; init; } = GlobSet.Empty;

    public GlobSet Exclude { get; init; } = GlobSet.Empty;

    public ProjectConfig? Config { get; init; }

    /// <summary>Named files go through the same decision as files found in a walk (file lists from pre-commit or git).</summary>
    public bool SkipNonConfigs { get; init; }

    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;
}

/// <summary>The files to lint, the files looked at and skipped (with the reason), and what could not be looked at.</summary>
public sealed record Discovery(List<InputFile> Files, List<SkippedFile> Skipped, List<string> Errors);

/// <summary>
/// Expands the paths given on the command line: files as given, `-` for standard input, and
/// directories walked recursively. In a walk every regular file is a candidate whatever its name,
/// and <see cref="ConfigSniffer"/> decides from its first bytes; hidden entries (`.git`, `.svn`...),
/// files over the size limit and files `--include`/`--exclude` leave out are skipped with a reason;
/// what cannot be opened (a broken link, a name that is not UTF-8, a path over PATH_MAX) is an
/// error, never dropped. Symlink loops are detected; the order is ordinal.
/// </summary>
public static class FileDiscovery
{
    /// <summary>Linux's PATH_MAX: a longer path cannot be opened.</summary>
    private const int PathMax = 4096;

    public static Discovery Expand(IReadOnlyList<string> paths, string workingDirectory, DiscoveryOptions? options = null)
    {
        options ??= new DiscoveryOptions();
        var result = new Discovery([], [], []);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths.Count == 0 ? ["."] : paths)
        {
            if (path == "-")
            {
                result.Files.Add(new InputFile("-", null, "standard input"));
                continue;
            }

            string full = Path.GetFullPath(path, workingDirectory);
            if (File.Exists(full))
            {
                if (options.SkipNonConfigs && FileKinds.Of(full) == FileKind.Regular)
                {
                    Consider(full, Display(path), full, workingDirectory, options, result, seen);
                }
                else if (seen.Add(full))
                {
                    result.Files.Add(new InputFile(Display(path), full));
                }
            }
            else if (Directory.Exists(full))
            {
                var walk = new Discovery([], [], result.Errors);
                Walk(full, path, full, workingDirectory, options, walk, new HashSet<string>(StringComparer.Ordinal));
                walk.Files.Sort((a, b) => string.CompareOrdinal(a.DisplayPath, b.DisplayPath));
                walk.Skipped.Sort((a, b) => string.CompareOrdinal(a.DisplayPath, b.DisplayPath));
                result.Files.AddRange(walk.Files.Where(f => seen.Add(f.FullPath!)));
                result.Skipped.AddRange(walk.Skipped);
            }
            else
            {
                result.Errors.Add($"{path}: no such file or directory");
            }
        }

        return result;
    }

    private static void Walk(string directory, string display, string root, string workingDirectory, DiscoveryOptions options, Discovery result, HashSet<string> ancestors)
    {
        string real = RealPath(directory);
        if (!ancestors.Add(real))
        {
            result.Errors.Add($"{Display(display)}: directory loop (symbolic link back to {real}); skipped");
            return;
        }

        try
        {
            WalkEntries(directory, display, root, workingDirectory, options, result, ancestors);
        }
        finally
        {
            ancestors.Remove(real);
        }
    }

    private static void WalkEntries(string directory, string display, string root, string workingDirectory, DiscoveryOptions options, Discovery result, HashSet<string> ancestors)
    {
        List<string> entries;
        try
        {
            entries = [.. Directory.EnumerateFileSystemEntries(directory)];
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            result.Errors.Add($"{Display(display)}: cannot read directory ({e.Message})");
            return;
        }

        foreach (string entry in entries)
        {
            string name = Path.GetFileName(entry);
            string childDisplay = Display(Path.Combine(display, name));
            if (name.Contains('\uFFFD', StringComparison.Ordinal))
            {
                // .NET decodes a name that is not UTF-8 with replacement characters: the file cannot be opened by that name.
                result.Errors.Add($"{childDisplay}: the file name is not valid UTF-8, so PixLint cannot open it; rename it to lint it");
                continue;
            }

            if (System.Text.Encoding.UTF8.GetByteCount(entry) >= PathMax)
            {
                result.Errors.Add($"{childDisplay}: the path is longer than the system allows (PATH_MAX, {PathMax} bytes), so PixLint cannot open it");
                continue;
            }

            bool isDirectory = Directory.Exists(entry);
            if (name.StartsWith('.'))
            {
                result.Skipped.Add(isDirectory
                    ? new SkippedFile(childDisplay + "/", "hidden folder (.git, .svn, .hg and other hidden folders are not searched)")
                    : new SkippedFile(childDisplay, "hidden file"));
                continue;
            }

            if (isDirectory)
            {
                Walk(entry, childDisplay, root, workingDirectory, options, result, ancestors);
            }
            else if (FileKinds.Of(entry) is var kind && kind == FileKind.Missing)
            {
                // Listed, yet nothing there: a symbolic link to nothing, or a loop of links.
                result.Errors.Add(LinkTarget(entry) is { } target
                    ? $"{childDisplay}: broken symbolic link (to {target}: missing, or a loop of links); skipped"
                    : $"{childDisplay}: listed in its folder but cannot be opened; skipped");
            }
            else if (kind == FileKind.Special)
            {
                result.Errors.Add($"{childDisplay}: not a regular file (a FIFO, socket or device); skipped");
            }
            else
            {
                Consider(entry, childDisplay, root, workingDirectory, options, result, null);
            }
        }
    }

    /// <summary>Decides one regular file: include/exclude, size, content.</summary>
    private static void Consider(string entry, string display, string root, string workingDirectory, DiscoveryOptions options, Discovery result, HashSet<string>? seen)
    {
        string full = Path.GetFullPath(entry);
        string fromCwd = Path.GetRelativePath(workingDirectory, full);
        string fromRoot = Path.GetRelativePath(root, full);
        if (fromRoot == ".")
        {
            fromRoot = Path.GetFileName(full);
        }

        if (!options.Include.IsEmpty && !options.Include.Matches(fromCwd) && !options.Include.Matches(fromRoot))
        {
            result.Skipped.Add(new SkippedFile(display, $"not matched by --include {string.Join(", ", options.Include.Globs.Select(g => $"'{g}'"))}"));
            return;
        }

        if ((options.Exclude.FirstMatch(fromCwd) ?? options.Exclude.FirstMatch(fromRoot)) is { } glob)
        {
            result.Skipped.Add(new SkippedFile(display, $"excluded by --exclude '{glob}'"));
            return;
        }

        if (options.Config is { } config)
        {
            if (!config.Includes(full))
            {
                result.Skipped.Add(new SkippedFile(display, $"not matched by include: in {ProjectConfig.FileName}"));
                return;
            }

            if (config.ExcludedBy(full) is { } excludedBy)
            {
                result.Skipped.Add(new SkippedFile(display, $"excluded by '{excludedBy}' in {ProjectConfig.FileName}"));
                return;
            }
        }

        long length;
        try
        {
            length = new FileInfo(full).Length;
        }
        catch (IOException e)
        {
            result.Errors.Add($"{display}: cannot read file ({e.Message}); skipped");
            return;
        }

        if (length > options.MaxFileBytes)
        {
            result.Skipped.Add(new SkippedFile(display, $"larger than {options.MaxFileBytes / (1024 * 1024)} MiB ({length} bytes); name it on the command line to lint it anyway"));
            return;
        }

        switch (Sniff(full, out string why))
        {
            case true when seen is null || seen.Add(full):
                result.Files.Add(new InputFile(display, full, why));
                break;
            case false:
                result.Skipped.Add(new SkippedFile(display, why));
                break;
            case null:
                result.Errors.Add($"{display}: cannot read file ({why}); skipped");
                break;
        }
    }

    /// <summary>The sniffer's verdict on the file's first bytes; null (and why) when it cannot be read.</summary>
    private static bool? Sniff(string path, out string why)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            var buffer = new byte[ConfigSniffer.HeadBytes];
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var verdict = ConfigSniffer.Sniff(buffer.AsSpan(0, read), Path.GetFileName(path));
            why = verdict.Reason;
            return verdict.IsConfig;
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
