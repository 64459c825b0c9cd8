namespace PixLint.Cli;

/// <summary>Failures to write, said the way people read them: `no space left on device`, not an exception.</summary>
internal static class WriteFailure
{
    /// <summary>The cause of an I/O failure in a few plain words (the errno's description where known).</summary>
    public static string Reason(Exception e)
    {
        if (e is UnauthorizedAccessException)
        {
            return "permission denied";
        }

        // On Unix an IOException from the runtime carries the errno as its HResult.
        string? known = e.HResult switch
        {
            5 => "input/output error",
            13 => "permission denied",
            27 => "file too large",
            28 => "no space left on device",
            30 => "read-only file system",
            32 => "broken pipe",
            122 => "disk quota exceeded",
            _ => null,
        };
        if (known is not null)
        {
            return known;
        }

        // Otherwise the runtime's message, without the path it appends (` : '/dev/full'`) and in lower case.
        string message = e.Message;
        int path = message.IndexOf(" : '", StringComparison.Ordinal);
        message = (path > 0 ? message[..path] : message).Trim().TrimEnd('.');
        return message.Length == 0 ? "I/O error" : char.ToLowerInvariant(message[0]) + message[1..];
    }
}

/// <summary>The report could not be written (to standard output or `-o FILE`): an ordinary error, exit 2, not a bug.</summary>
internal sealed class ReportWriteException(string destination, Exception inner)
    : IOException($"cannot write the report to {destination}: {WriteFailure.Reason(inner)}", inner)
{
}

/// <summary>A stream whose write failures become <see cref="ReportWriteException"/> naming where the report was going.</summary>
internal sealed class ReportStream(Stream inner, string destination) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public Stream Inner => inner;

    public override void Flush() => Guard(inner.Flush);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (Exception e) when (e is IOException and not ReportWriteException)
        {
            throw new ReportWriteException(destination, e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Guard(inner.Dispose);
        }

        base.Dispose(disposing);
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException and not ReportWriteException)
        {
            throw new ReportWriteException(destination, e);
        }
    }
}
