using System.IO.Compression;
using System.Text;

namespace PixLint.Diagnosis;

/// <summary>What an input of `pixlint diagnose` is, told from its content (never its name).</summary>
public enum EvidenceFormat : byte
{
    /// <summary>An SMTP TLS report (RFC 8460 JSON).</summary>
    TlsReport = 0,

    /// <summary>Postfix, Exim or Sendmail log lines.</summary>
    MtaLog = 1,

    /// <summary>Anything else: read as one SMTP transcript.</summary>
    Transcript = 2,
}

/// <summary>
/// Opens an input the way reports arrive: gzip is unpacked when the content starts with its magic
/// bytes (`.json.gz` as mailed by senders, rotated `mail.log.1.gz`), then the format is told from
/// the first 64 KiB. The stream is read once, front to back, so logs of any size stream through.
/// </summary>
public static class MailEvidence
{
    public const int SniffBytes = 64 * 1024;

    private const int SniffLines = 200;

    /// <summary>The content (unpacked if gzip) and its format; the returned stream owns <paramref name="raw"/>.</summary>
    public static (Stream Content, EvidenceFormat Format, bool Compressed) Open(Stream raw)
    {
        var head = PeekStream.Peek(raw, 2);
        bool gzip = head.Prefix.Length == 2 && head.Prefix[0] == 0x1f && head.Prefix[1] == 0x8b;
        Stream content = gzip ? new GZipStream(head, CompressionMode.Decompress) : head;
        var sniffed = PeekStream.Peek(content, SniffBytes);
        return (sniffed, Detect(sniffed.Prefix), gzip);
    }

    public static EvidenceFormat Detect(ReadOnlySpan<byte> head)
    {
        int i = head.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (i < head.Length && head[i] == (byte)'{')
        {
            return EvidenceFormat.TlsReport;
        }

        string text = Encoding.UTF8.GetString(head);
        int lines = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (++lines > SniffLines)
            {
                break;
            }

            if (MtaLogReader.IsLogLine(line.ToString()))
            {
                return EvidenceFormat.MtaLog;
            }
        }

        return EvidenceFormat.Transcript;
    }
}

/// <summary>A read-only stream that gives back the first bytes it peeked, then the rest of the inner stream.</summary>
public sealed class PeekStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _prefix;
    private int _position;

    private PeekStream(Stream inner, byte[] prefix)
    {
        _inner = inner;
        _prefix = prefix;
    }

    /// <summary>What was peeked (fewer bytes than asked when the input is shorter).</summary>
    public ReadOnlySpan<byte> Prefix => _prefix;

    public static PeekStream Peek(Stream inner, int count)
    {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count && inner.Read(buffer, read, count - read) is > 0 and int n)
        {
            read += n;
        }

        return new PeekStream(inner, read == count ? buffer : buffer[..read]);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position < _prefix.Length)
        {
            int n = Math.Min(buffer.Length, _prefix.Length - _position);
            _prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        return _inner.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
