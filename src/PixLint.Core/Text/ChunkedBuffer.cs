namespace PixLint.Text;

/// <summary>
/// The bytes of a stream that cannot seek (standard input, a pipe), read in fixed-size chunks and
/// given back as a read-only stream that can: the two-pass decoder of <see cref="LosslessUtf8"/>
/// then reads it like a file. Chunks never move, so reading costs the bytes once, not the doubling
/// and final copy of a <see cref="MemoryStream"/> (an 85 MB pipe peaks at 85 MB, not 128 MB + 85 MB).
/// </summary>
internal sealed class ChunkedBuffer : Stream
{
    internal const int ChunkSize = 1 << 20;

    private readonly List<byte[]> _chunks;
    private readonly long _length;
    private long _position;

    private ChunkedBuffer(List<byte[]> chunks, long length)
    {
        _chunks = chunks;
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, _length);
    }

    /// <summary>Reads <paramref name="source"/> to its end; <paramref name="chunkSize"/> is for tests.</summary>
    public static ChunkedBuffer ReadAll(Stream source, long maxBytes, int chunkSize = ChunkSize)
    {
        var chunks = new List<byte[]>();
        long length = 0;
        while (true)
        {
            var chunk = new byte[chunkSize];
            int filled = source.ReadAtLeast(chunk, chunkSize, throwOnEndOfStream: false);
            if (filled == 0)
            {
                break;
            }

            length += filled;
            if (length > maxBytes)
            {
                throw new InputTooLargeException(maxBytes);
            }

            chunks.Add(filled == chunkSize ? chunk : chunk.AsSpan(0, filled).ToArray());
            if (filled < chunkSize)
            {
                break;
            }
        }

        return new ChunkedBuffer(chunks, length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int copied = 0;
        while (copied < buffer.Length && _position < _length)
        {
            int size = _chunks[0].Length;
            var chunk = _chunks[(int)(_position / size)];
            int at = (int)(_position % size);
            int n = Math.Min(buffer.Length - copied, chunk.Length - at);
            chunk.AsSpan(at, n).CopyTo(buffer[copied..]);
            copied += n;
            _position += n;
        }

        return copied;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
