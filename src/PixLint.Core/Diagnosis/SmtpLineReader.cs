using PixLint.Text;

namespace PixLint.Diagnosis;

/// <summary>
/// Reads CRLF (or bare LF) terminated lines from a connection, keeping what arrived of an
/// unfinished line so a stall in the middle of a line can be reported.
/// </summary>
internal sealed class SmtpLineReader(Stream stream)
{
    /// <summary>Longer lines are not SMTP (RFC 5321 §4.5.3.1.5 allows 512 octets for a reply line).</summary>
    public const int MaxLineLength = 8192;

    private readonly byte[] _buffer = new byte[MaxLineLength * 2];
    private int _start;
    private int _end;

    /// <summary>Bytes of a line that has not ended yet, decoded for display.</summary>
    public string Pending => LosslessUtf8.ToDisplay(LosslessUtf8.Decode(_buffer.AsSpan(_start, _end - _start), out _)).TrimEnd('\r');

    public bool HasPending => _end > _start;

    /// <summary>The bytes of the last line read, its ending included.</summary>
    public int LastLineBytes { get; private set; }

    /// <summary>The next line without its ending; null when the peer closed the connection.</summary>
    /// <exception cref="ProbeStopException">a line longer than <see cref="MaxLineLength"/>.</exception>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                int end = lf > _start && _buffer[lf - 1] == '\r' ? lf - 1 : lf;
                string line = LosslessUtf8.Decode(_buffer.AsSpan(_start, end - _start), out _);
                LastLineBytes = lf + 1 - _start;
                _start = lf + 1;
                return line;
            }

            if (_end - _start >= MaxLineLength)
            {
                throw new ProbeStopException(new ProbeFailure(ProbeFailureKind.NotSmtp, $"the server sent a line longer than {MaxLineLength} bytes: not SMTP"));
            }

            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }
}

/// <summary>Stops a probe with a failure (thrown inside the probe, caught by it).</summary>
internal sealed class ProbeStopException(ProbeFailure failure) : Exception(failure.Message)
{
    public ProbeFailure Failure { get; } = failure;
}
