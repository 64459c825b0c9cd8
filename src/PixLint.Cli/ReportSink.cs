namespace PixLint.Cli;

/// <summary>
/// Where a report goes: standard output, or `-o FILE`. A regular file (or a new one) is written as a
/// temporary file in the same folder (<see cref="TemporaryFiles.CreateBeside"/>) and renamed over
/// FILE only when the whole report is written, with FILE's owner, attributes and mode (a new file:
/// 0666 less the umask, as the shell's `>` gives); a symbolic link is followed; a device or FIFO
/// (`-o /dev/null`, `-o /dev/stderr`) is written into as the shell's `>` does, never replaced.
/// A failure to write either is a <see cref="ReportWriteException"/>.
/// </summary>
internal sealed class ReportSink : IDisposable
{
    private readonly IFileSystem _fs;
    private readonly string? _target;
    private readonly string? _temp;
    private readonly string _display;
    private readonly Stream _file;

    private ReportSink(IFileSystem fs, Stream file, string display, string? target, string? temp)
    {
        _fs = fs;
        _file = file;
        _display = display;
        _target = target;
        _temp = temp;
        Stream = new ReportStream(file, display);
    }

    public Stream Stream { get; }

    /// <summary>Opens the destination; null (with a message in <paramref name="errors"/>) when it cannot be, or when it is one of <paramref name="inputs"/>.</summary>
    public static ReportSink? Open(CliEnvironment env, string? output, List<string> errors, IEnumerable<string?>? inputs = null)
    {
        if (output is null)
        {
            return new ReportSink(env.FileSystem, env.OpenStdout(), "standard output", null, null);
        }

        string display = FileDiscovery.Display(output);
        try
        {
            string target = env.FileSystem.ResolveFinalPath(env.ResolvePath(output));
            if (IsInput(target, inputs))
            {
                errors.Add($"{display}: error: is also an input, which the report would replace; write the report to another file");
                return null;
            }

            switch (FileKinds.Of(target))
            {
                case FileKind.Directory:
                    errors.Add($"{display}: error: is a directory, expected a file to write the report to");
                    return null;
                case FileKind.Special:
                    return new ReportSink(env.FileSystem, new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite), display, null, null);
            }

            var (temp, stream) = TemporaryFiles.CreateBeside(env.FileSystem, target);
            return new ReportSink(env.FileSystem, stream, display, target, temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{display}: error: cannot write the report: {WriteFailure.Reason(e)}");
            return null;
        }
    }

    /// <summary>Moves the finished report into place (for standard output and devices: flushes it).</summary>
    public bool Commit(List<string> errors)
    {
        Stream.Flush();
        if (_target is null)
        {
            return true;
        }

        try
        {
            if (_fs.Exists(_target))
            {
                _fs.CopyPermissions(_target, _file);
            }
            else if (_file is FileStream file && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file.SafeFileHandle, (UnixFileMode)0x1B6 & ~UnixFile.Umask());
            }

            // On disk before the rename, as AtomicFileWriter does: a crash never leaves an empty report in place.
            if (_file is FileStream onDisk)
            {
                onDisk.Flush(flushToDisk: true);
            }

            _file.Dispose();
            _fs.Move(_temp!, _target);
            TemporaryFiles.Remove(_temp!);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{_display}: error: cannot write the report: {WriteFailure.Reason(e)}");
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            Stream.Dispose();
        }
        finally
        {
            if (_temp is not null)
            {
                TemporaryFiles.Remove(_temp);
                try
                {
                    if (_fs.Exists(_temp))
                    {
                        _fs.Delete(_temp);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Best effort: the report was not written.
                }
            }
        }
    }

    private static bool IsInput(string target, IEnumerable<string?>? inputs)
    {
        if (inputs is null)
        {
            return false;
        }

        var status = UnixFile.Status(target);
        foreach (string? input in inputs)
        {
            if (input is null)
            {
                continue;
            }

            if (string.Equals(Path.GetFullPath(input), target, StringComparison.Ordinal)
                || (status is { } s && UnixFile.Status(input) is { } i && s.SameFile(i)))
            {
                return true;
            }
        }

        return false;
    }
}
