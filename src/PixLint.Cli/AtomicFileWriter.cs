using Microsoft.Win32.SafeHandles;

namespace PixLint.Cli;

/// <summary>
/// Replaces a file's contents (`fix --write`) without ever leaving it half written and without
/// losing another run's change. <see cref="Open"/> takes a lock on the file (an advisory
/// open-file-description lock that another `pixlint fix --write` waits for) and reads it through
/// the locked handle; <see cref="Replace"/> writes a temporary file in the same folder (see
/// <see cref="TemporaryFiles.CreateBeside"/>), gives it the original's owner, extended attributes and
/// mode through its handle, flushes it to disk, keeps a backup when asked, checks that the path
/// still names the file that was read, with the same contents, then renames it over the original.
/// On any failure the temporary file (and a backup made by this call) is removed and the original
/// is untouched. Only regular files are replaced; a symbolic link is followed and its target
/// replaced; a file with other hard links is refused unless forced (the rename gives this name the
/// new contents and leaves the other names with the old ones).
/// </summary>
internal sealed class AtomicFileWriter : IDisposable
{
    private const int MaxBackups = 1000;

    /// <summary>How long to wait for another process's lock on the file before giving up.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    private readonly IFileSystem _fs;
    private readonly string _target;
    private readonly string _display;
    private readonly SafeFileHandle _handle;

    private AtomicFileWriter(IFileSystem fs, string target, string display, SafeFileHandle handle, byte[] original)
    {
        _fs = fs;
        _target = target;
        _display = display;
        _handle = handle;
        Original = original;
    }

    /// <summary>The file's contents when it was locked.</summary>
    public byte[] Original { get; }

    /// <summary>Locks and reads the file <paramref name="path"/> names; null (with <paramref name="error"/>) when it must not or cannot be rewritten.</summary>
    public static AtomicFileWriter? Open(IFileSystem fs, string path, string display, bool force, out string? error)
    {
        error = null;
        try
        {
            string target = fs.ResolveFinalPath(path);
            switch (FileKinds.Of(target))
            {
                case FileKind.Missing:
                    error = $"{display}: error: no such file (it disappeared while pixlint was running)";
                    return null;
                case FileKind.Directory:
                case FileKind.Special:
                    error = $"{display}: error: not a regular file (a FIFO, socket or device); not written";
                    return null;
            }

            if (fs.IsReadOnly(target))
            {
                // A rename would replace it all the same (and root ignores permissions): respect the mark instead.
                error = $"{display}: error: the file is read-only; not written (make it writable to let pixlint fix it)";
                return null;
            }

            var deadline = DateTime.UtcNow + LockWait;
            while (true)
            {
                var handle = File.OpenHandle(target, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                bool keep = false;
                try
                {
                    var locked = UnixFile.TryLock(handle);
                    if (locked == false)
                    {
                        if (DateTime.UtcNow > deadline)
                        {
                            error = $"{display}: error: another program holds a lock on the file (another `pixlint fix --write`?) and kept it for {LockWait.TotalSeconds:0} s; not written";
                            return null;
                        }

                        Thread.Sleep(20);
                        continue;
                    }

                    var status = UnixFile.Status(handle);
                    if (status is { } s && UnixFile.Status(target) is { } now && !s.SameFile(now))
                    {
                        // Replaced while we waited (the other run renamed its result into place): read that one.
                        continue;
                    }

                    if (status is { Links: > 1 } linked && !force)
                    {
                        error = $"{display}: error: the file has {linked.Links - 1} other hard link{(linked.Links == 2 ? string.Empty : "s")}, which would keep the old contents; not written (--force replaces this name only)";
                        return null;
                    }

                    byte[]? original = ReadAll(handle);
                    if (original is null)
                    {
                        error = $"{display}: error: the file is over {InputReader.MaxBytes / (1 << 20)} MiB; not read";
                        return null;
                    }

                    keep = true;
                    return new AtomicFileWriter(fs, target, display, handle, original);
                }
                finally
                {
                    if (!keep)
                    {
                        handle.Dispose();
                    }
                }
            }
        }
        catch (UnauthorizedAccessException)
        {
            error = $"{display}: error: permission denied; not written";
        }
        catch (IOException e)
        {
            error = $"{display}: error: cannot read ({WriteFailure.Reason(e)}); not written";
        }

        return null;
    }

    /// <summary>Writes <paramref name="contents"/> over the file; returns an error message, or null on success.</summary>
    public string? Replace(byte[] contents, bool backup, out string? backupPath)
    {
        backupPath = null;
        string? temp = null;
        string? madeBackup = null;
        try
        {
            if (Changed() is { } changedBefore)
            {
                return changedBefore;
            }

            var (tempPath, stream) = TemporaryFiles.CreateBeside(_fs, _target);
            temp = tempPath; // ours from here on: removed on failure
            using (stream)
            {
                stream.Write(contents);
                _fs.CopyPermissions(_target, stream);
                if (stream is FileStream file)
                {
                    file.Flush(flushToDisk: true);
                }
                else
                {
                    stream.Flush();
                }
            }

            if (backup)
            {
                string? free = FreeBackupName(_fs, _target);
                if (free is null)
                {
                    return $"{_display}: error: no free backup name ({Path.GetFileName(_target)}.orig to .orig.{MaxBackups - 1} all exist); not written";
                }

                TemporaryFiles.Add(free);
                try
                {
                    _fs.Copy(_target, free);
                }
                catch
                {
                    TemporaryFiles.Remove(free);
                    throw;
                }

                madeBackup = free;
            }

            // Checked again just before the rename, so that an edit made while the file was being
            // written (a slow disk, a large file, an editor that does not take locks) is not overwritten either.
            if (Changed() is { } changedAfter)
            {
                return changedAfter;
            }

            _fs.Move(temp, _target);
            TemporaryFiles.Remove(temp);
            temp = null;
            if (madeBackup is not null)
            {
                TemporaryFiles.Remove(madeBackup);
            }

            backupPath = madeBackup;
            madeBackup = null;
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $"{_display}: error: cannot write the corrected file ({WriteFailure.Reason(e)}); the original is unchanged";
        }
        finally
        {
            Remove(_fs, temp);
            Remove(_fs, madeBackup);
        }
    }

    /// <summary>Releases the lock (after the rename, so that a waiting run reads the new file).</summary>
    public void Dispose() => _handle.Dispose();

    private static byte[]? ReadAll(SafeFileHandle handle)
    {
        long length = RandomAccess.GetLength(handle);
        if (length > InputReader.MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)length);
        var chunk = new byte[1 << 16];
        long offset = 0;
        int n;
        while ((n = RandomAccess.Read(handle, chunk, offset)) > 0)
        {
            buffer.Write(chunk, 0, n);
            offset += n;
            if (offset > InputReader.MaxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>An error when the path no longer names the file that was read, with the same contents, else null.</summary>
    private string? Changed()
    {
        byte[] now;
        try
        {
            now = _fs.ReadAllBytes(_target);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"{_display}: error: the file disappeared while pixlint was running; not written";
        }

        bool replaced = UnixFile.Status(_handle) is { } read && UnixFile.Status(_target) is { } current && !read.SameFile(current);
        return !replaced && now.AsSpan().SequenceEqual(Original)
            ? null
            : $"{_display}: error: the file changed while pixlint was running; not written (run pixlint fix again)";
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

        TemporaryFiles.Remove(path);
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
