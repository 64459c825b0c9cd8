namespace PixLint.Cli;

/// <summary>
/// Where a report goes: standard output, or `-o FILE` written to a temporary file in the same
/// folder and renamed over FILE only when the whole report is written.
/// </summary>
internal sealed class ReportSink : IDisposable
{
    private readonly string? _target;
    private readonly string? _temp;

    private ReportSink(Stream stream, string? target, string? temp)
    {
        Stream = stream;
        _target = target;
        _temp = temp;
    }

    public Stream Stream { get; }

    public static ReportSink? Open(CliEnvironment env, string? output, List<string> errors)
    {
        if (output is null)
        {
            return new ReportSink(env.OpenStdout(), null, null);
        }

        string target = env.ResolvePath(output);
        string temp = Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            return new ReportSink(new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None), target, temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{output}: error: cannot write the report ({e.Message})");
            return null;
        }
    }

    /// <summary>Moves the finished report into place (a no-op for standard output).</summary>
    public bool Commit(List<string> errors)
    {
        Stream.Flush();
        if (_target is null)
        {
            return true;
        }

        try
        {
            // On disk before the rename, as AtomicFileWriter does: a crash never leaves an empty report in place.
            if (Stream is FileStream file)
            {
                file.Flush(flushToDisk: true);
            }

            Stream.Dispose();
            File.Move(_temp!, _target, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{_target}: error: cannot write the report ({e.Message})");
            return false;
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (_temp is not null && File.Exists(_temp))
        {
            File.Delete(_temp);
        }
    }
}
