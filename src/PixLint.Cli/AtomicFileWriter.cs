using System.Security.Cryptography;

namespace PixLint.Cli;

/// <summary>
/// Replaces a file's contents without ever leaving it half written: write a temporary file in the
/// same folder, flush it to disk, give it the original's permissions, keep a backup when asked,
/// then rename it over the original. On any failure the temporary file (and a backup made by this
/// call) is removed and the original is untouched.
/// </summary>
internal static class AtomicFileWriter
{
    private const int MaxBackups = 1000;

    /// <summary>Writes <paramref name="contents"/> over <paramref name="path"/>; returns an error message, or null on success.</summary>
    public static string? Replace(IFileSystem fs, string path, string display, byte[] original, byte[] contents, bool backup, out string? backupPath)
    {
        backupPath = null;
        string? temp = null;
        string? madeBackup = null;
        try
        {
            string target = fs.ResolveFinalPath(path);
            if (fs.IsReadOnly(target))
            {
                // A rename would replace it all the same (and root ignores permissions): respect the mark instead.
                return $"{display}: error: the file is read-only; not written (make it writable to let pixlint fix it)";
            }

            if (Changed(fs, target, original, display) is { } changedBefore)
            {
                return changedBefore;
            }

            string folder = Path.GetDirectoryName(target) ?? ".";
            string name = Path.GetFileName(target);
            string suffix = $".pixlint-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp";
            string tempPath = Path.Combine(folder, "." + (name.Length + suffix.Length < 250 ? name : string.Empty) + suffix);
            using (var stream = fs.CreateNew(tempPath))
            {
                temp = tempPath; // ours from here on: removed on failure
                stream.Write(contents);
                if (stream is FileStream file)
                {
                    file.Flush(flushToDisk: true);
                }
                else
                {
                    stream.Flush();
                }
            }

            fs.CopyPermissions(target, temp);
            if (backup)
            {
                string? free = FreeBackupName(fs, target);
                if (free is null)
                {
                    return $"{display}: error: no free backup name ({Path.GetFileName(target)}.orig to .orig.{MaxBackups - 1} all exist); not written";
                }

                fs.Copy(target, free);
                madeBackup = free;
            }

            // Checked again just before the rename, so that an edit made while the file was being
            // written (a slow disk, a large file) is not overwritten either.
            if (Changed(fs, target, original, display) is { } changedAfter)
            {
                return changedAfter;
            }

            fs.Move(temp, target);
            temp = null;
            backupPath = madeBackup;
            madeBackup = null;
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $"{display}: error: cannot write the corrected file ({e.Message}); the original is unchanged";
        }
        finally
        {
            Remove(fs, temp);
            Remove(fs, madeBackup);
        }
    }

    /// <summary>An error when the file no longer holds <paramref name="original"/> (edited, replaced or removed meanwhile), else null.</summary>
    private static string? Changed(IFileSystem fs, string target, byte[] original, string display)
    {
        byte[] now;
        try
        {
            now = fs.ReadAllBytes(target);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"{display}: error: the file disappeared while pixlint was running; not written";
        }

        return now.AsSpan().SequenceEqual(original)
            ? null
            : $"{display}: error: the file changed while pixlint was running; not written (run pixlint fix again)";
    }

    /// <summary>`FILE.orig`, else `FILE.orig.1`, `FILE.orig.2`...: the first that does not exist.</summary>
    private static string? FreeBackupName(IFileSystem fs, string target)
    {
        string first = target + ".orig";
        if (!fs.Exists(first))
        {
            return first;
        }

        for (int n = 1; n < MaxBackups; n++)
        {
            string candidate = $"{first}.{n}";
            if (!fs.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void Remove(IFileSystem fs, string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            fs.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original is intact; a stray temporary file is the lesser harm.
        }
    }
}
