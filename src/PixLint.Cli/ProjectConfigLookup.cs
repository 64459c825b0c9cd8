using PixLint.Rules;

namespace PixLint.Cli;

/// <summary>
/// Finds the `.pixlint.yaml` that applies to a run, so that a repository (or another user) cannot
/// change the verdict behind the user's back: from the working folder upward, never above the
/// repository root (the folder holding `.git`); a file in a folder other users may write to, or a
/// file owned by another user (root aside) or writable by others, is skipped with a note; a
/// symbolic link to a file outside the repository is refused, without reading it.
/// </summary>
internal static class ProjectConfigLookup
{
    /// <summary>The file found (null when none), and what was skipped or refused on the way.</summary>
    public sealed record Result(string? Path, IReadOnlyList<string> Notes, string? Error);

    public static Result Find(string workingDirectory)
    {
        var notes = new List<string>();
        string? root = RepositoryRoot(workingDirectory);
        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, ProjectConfig.FileName);
            string display = Display(workingDirectory, candidate);
            var link = new FileInfo(candidate).LinkTarget;
            if (link is not null || File.Exists(candidate))
            {
                if (link is not null)
                {
                    string target = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
                    string boundary = root ?? dir.FullName;
                    if (!IsInside(target, boundary))
                    {
                        return new Result(null, notes, $"{display}: error: is a symbolic link to a file outside the {(root is null ? "folder" : "repository")}; not read (give it with --config if you trust it)");
                    }
                }

                if (Untrusted(candidate, dir.FullName) is { } reason)
                {
                    notes.Add($"pixlint: note: {display} skipped: {reason} (give it with --config if you trust it)");
                }
                else if (File.Exists(candidate))
                {
                    return new Result(candidate, notes, null);
                }
            }

            if (root is not null && string.Equals(dir.FullName.TrimEnd(Path.DirectorySeparatorChar), root, StringComparison.Ordinal))
            {
                break;
            }
        }

        return new Result(null, notes, null);
    }

    /// <summary>The nearest folder at or above <paramref name="directory"/> holding `.git` (a folder, or a file in a worktree), or null.</summary>
    private static string? RepositoryRoot(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            string git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return dir.FullName.TrimEnd(Path.DirectorySeparatorChar);
            }
        }

        return null;
    }

    /// <summary>Why a configuration file may have been put there by someone else, or null when it is the user's (or root's).</summary>
    private static string? Untrusted(string file, string folder)
    {
        if (OperatingSystem.IsWindows() || UnixFile.Status(folder) is not { } folderStatus || UnixFile.Status(file) is not { } fileStatus)
        {
            return null;
        }

        uint me = UnixFile.EffectiveUserId() ?? uint.MaxValue;
        const int OtherWrite = 0x2;
        if ((folderStatus.Mode & OtherWrite) != 0)
        {
            return "its folder is writable by other users";
        }

        if (folderStatus.Uid != me && folderStatus.Uid != 0)
        {
            return $"its folder belongs to another user (uid {folderStatus.Uid})";
        }

        if (fileStatus.Uid != me && fileStatus.Uid != 0)
        {
            return $"it belongs to another user (uid {fileStatus.Uid})";
        }

        return (fileStatus.Mode & OtherWrite) != 0 ? "it is writable by other users" : null;
    }

    private static bool IsInside(string path, string folder)
    {
        string full = Path.GetFullPath(path);
        string prefix = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string Display(string workingDirectory, string path) => Path.GetRelativePath(workingDirectory, path).Replace('\\', '/');
}
