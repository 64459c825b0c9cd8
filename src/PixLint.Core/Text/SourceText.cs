using System.Buffers;
using System.Text;

namespace PixLint.Text;

/// <summary>How the bytes of a file were turned into text; printing uses the same scheme.</summary>
public enum SourceEncoding : byte
{
    /// <summary>UTF-8 (with or without BOM); undecodable bytes are kept as escapes.</summary>
    Utf8 = 0,

    /// <summary>UTF-16 little endian with BOM.</summary>
    Utf16LittleEndian = 1,

    /// <summary>UTF-16 big endian with BOM.</summary>
    Utf16BigEndian = 2,
}

/// <summary>One physical line: where its content starts, how long it is, and how it ends.</summary>
public readonly record struct TextLine(int Start, int Length, LineEnding Ending)
{
    public int End => Start + Length;

    public int EndIncludingEnding => End + Ending.Length();

    public TextSpan Span => new(Start, Length);
}

/// <summary>
/// The decoded content of one configuration file and its line table. Decoding is lossless:
/// <see cref="ToBytes"/> gives back the input byte for byte, whatever its encoding, line endings,
/// BOM or invalid bytes. Offsets are UTF-16 code units into <see cref="Text"/>.
/// </summary>
public sealed class SourceText
{
    private const int ScanChunk = 1 << 18;

    private readonly TextLine[] _lines;
    private readonly TextScan _scan;

    /// <param name="scan">What a pass over the bytes found while decoding, or null to scan the text now.</param>
    private SourceText(string path, string text, SourceEncoding encoding, int preambleLength, int invalidBytes, TextScan? scan = null)
    {
        Path = path;
        Text = text;
        Encoding = encoding;
        PreambleLength = preambleLength;
        InvalidByteCount = invalidBytes;
        if (scan is null)
        {
            scan = new TextScan();
            scan.Add(text.AsSpan(preambleLength));
        }

        _scan = scan;
        _lines = SplitLines(text, preambleLength, scan);
    }

    /// <summary>The path the text was read from, as the user gave it (or "-" for standard input).</summary>
    public string Path { get; }

    /// <summary>The whole decoded file, including a leading U+FEFF when the file has a BOM.</summary>
    public string Text { get; }

    public SourceEncoding Encoding { get; }

    /// <summary>1 when <see cref="Text"/> starts with a byte order mark, else 0.</summary>
    public int PreambleLength { get; }

    public bool HasBom => PreambleLength > 0;

    /// <summary>How many bytes were not valid UTF-8 and are kept as escapes.</summary>
    public int InvalidByteCount { get; }

    public int Length => Text.Length;

    public int LineCount => _lines.Length;

    /// <summary>Control characters other than tab, LF, CR and backspace (many of them: a binary file).</summary>
    public int ControlCharacterCount => _scan.Controls;

    /// <summary>False when the text has no backspace and no `More`, so no line carries terminal pager artefacts.</summary>
    internal bool MayHavePagerArtefacts => _scan.MayHavePagerArtefacts;

    /// <summary>The line table (read-only view).</summary>
    public ReadOnlySpan<TextLine> Lines => _lines;

    public TextLine GetLine(int index) => _lines[index];

    public ReadOnlySpan<char> GetSpan(TextSpan span) => Text.AsSpan(span.Start, span.Length);

    public ReadOnlySpan<char> GetLineSpan(int index)
    {
        var line = _lines[index];
        return Text.AsSpan(line.Start, line.Length);
    }

    /// <summary>The most common line ending in the file (LF when there is none).</summary>
    public LineEnding DominantLineEnding
    {
        get
        {
            int crlf = _scan.CrLfPairs;
            int lf = _scan.LineFeeds - crlf;
            int cr = _scan.CarriageReturns - crlf;

            if (crlf > lf && crlf >= cr)
            {
                return LineEnding.CrLf;
            }

            return cr > lf && cr > crlf ? LineEnding.Cr : LineEnding.Lf;
        }
    }

    /// <summary>Decodes <paramref name="bytes"/>: UTF-16 when it starts with a UTF-16 BOM, otherwise lossless UTF-8.</summary>
    public static SourceText From(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && bytes.Length % 2 == 0 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            bool little = bytes[0] == 0xFF;
            var encoding = little ? System.Text.Encoding.Unicode : System.Text.Encoding.BigEndianUnicode;
            string decoded = encoding.GetString(bytes);
            var strict = little
                ? new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true)
                : new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
            if (RoundTrips(strict, decoded, bytes))
            {
                return new SourceText(path, decoded, little ? SourceEncoding.Utf16LittleEndian : SourceEncoding.Utf16BigEndian, 1, 0);
            }
        }

        string text = LosslessUtf8.Decode(bytes, out int invalid);
        int preamble = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        // Scanned a cache-sized chunk at a time: the scan's few searches then read memory once.
        var scan = new TextScan();
        for (int at = 0; at < bytes.Length; at += ScanChunk)
        {
            scan.Add(bytes.Slice(at, Math.Min(ScanChunk, bytes.Length - at)));
        }

        return new SourceText(path, text, SourceEncoding.Utf8, preamble, invalid, scan);
    }

    /// <summary>
    /// Reads and decodes the file at <paramref name="filePath"/> (shown as <paramref name="path"/>):
    /// the same text as <see cref="From(string, ReadOnlySpan{byte})"/> over the file's bytes, but
    /// UTF-8 files are decoded chunk by chunk into the text, so the file's bytes are never all in
    /// memory beside it (an 85 MB configuration costs its text, not its text and its bytes).
    /// </summary>
    public static SourceText FromFile(string path, string filePath)
    {
        using var stream = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return FromStream(path, stream);
    }

    /// <summary>
    /// Reads and decodes <paramref name="stream"/> (an open file, shown as <paramref name="path"/>) as
    /// <see cref="FromFile"/> does; a stream that cannot seek (standard input) is read in chunks
    /// first (<see cref="ChunkedBuffer"/>, at most <paramref name="maxBytes"/>), then decoded the same way.
    /// </summary>
    public static SourceText FromStream(string path, Stream stream, long maxBytes = 1L << 30)
    {
        if (!stream.CanSeek)
        {
            using var chunks = ChunkedBuffer.ReadAll(stream, maxBytes);
            return FromStream(path, chunks);
        }

        Span<byte> head = stackalloc byte[2];
        int got = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        bool utf16Bom = got == 2 && (head[0], head[1]) is (0xFF, 0xFE) or (0xFE, 0xFF);
        stream.Position = 0;
        if (!utf16Bom)
        {
            var scan = new TextScan();
            string? text = LosslessUtf8.Decode(stream, out int invalid, scan);
            if (text is not null)
            {
                int preamble = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
                return new SourceText(path, text, SourceEncoding.Utf8, preamble, invalid, scan);
            }

            stream.Position = 0;
        }

        // UTF-16 (small files in practice), or a file that changed while it was read: read it whole.
        using var whole = new MemoryStream();
        stream.CopyTo(whole);
        return From(path, whole.GetBuffer().AsSpan(0, (int)whole.Length));
    }

    /// <summary>Wraps text that is already decoded (tests, stdin already read as text).</summary>
    public static SourceText FromString(string path, string text)
    {
        int preamble = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        return new SourceText(path, text, SourceEncoding.Utf8, preamble, 0);
    }

    /// <summary>Encodes <paramref name="text"/> the way this file was encoded (same scheme, same escapes).</summary>
    public byte[] EncodeLike(ReadOnlySpan<char> text)
    {
        var writer = new ArrayBufferWriter<byte>(Math.Max(16, text.Length));
        EncodeLike(text, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes <paramref name="text"/> the way this file was encoded into <paramref name="output"/>.</summary>
    public void EncodeLike(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        switch (Encoding)
        {
            case SourceEncoding.Utf16LittleEndian:
            case SourceEncoding.Utf16BigEndian:
                var enc = Encoding == SourceEncoding.Utf16LittleEndian ? System.Text.Encoding.Unicode : System.Text.Encoding.BigEndianUnicode;
                var span = output.GetSpan(enc.GetMaxByteCount(text.Length));
                output.Advance(enc.GetBytes(text, span));
                break;
            default:
                LosslessUtf8.Encode(text, output);
                break;
        }
    }

    /// <summary>The original bytes, rebuilt from the decoded text.</summary>
    public byte[] ToBytes() => EncodeLike(Text);

    /// <summary>1-based line and column of <paramref name="offset"/> (an offset at the end of a line is its last column + 1).</summary>
    public LinePosition GetPosition(int offset)
    {
        int index = GetLineIndex(offset);
        if (index < 0)
        {
            return new LinePosition(1, 1);
        }

        return new LinePosition(index + 1, offset - _lines[index].Start + 1);
    }

    /// <summary>0-based index of the line holding <paramref name="offset"/>, or -1 for an empty file.</summary>
    public int GetLineIndex(int offset)
    {
        if (_lines.Length == 0)
        {
            return -1;
        }

        int lo = 0, hi = _lines.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (_lines[mid].Start <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private static bool RoundTrips(System.Text.Encoding strict, string decoded, ReadOnlySpan<byte> bytes)
    {
        try
        {
            // decoded starts with U+FEFF, which encodes back to the BOM bytes.
            byte[] again = strict.GetBytes(decoded);
            return again.AsSpan().SequenceEqual(bytes);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// The line table in one pass over the text, into an array of exactly the size the scan counted,
    /// so a 1M-line file allocates one array and copies nothing.
    /// </summary>
    private static TextLine[] SplitLines(string text, int start, TextScan scan)
    {
        var span = text.AsSpan(start);
        var lines = new TextLine[scan.LineCount(span.IsEmpty)];
        int count = scan.CarriageReturns > 0 ? FillLines(span, start, lines) : FillLfLines(span, start, lines);
        if (count != lines.Length)
        {
            throw new InvalidOperationException($"the text has {count} lines but its scan counted {lines.Length}");
        }

        return lines;
    }

    /// <summary>Files with only LF line endings (the common case): one vectorised search per line.</summary>
    private static int FillLfLines(ReadOnlySpan<char> span, int offset, TextLine[] lines)
    {
        int pos = 0, n = 0;
        while (pos < span.Length)
        {
            int rel = span[pos..].IndexOf('\n');
            if (rel < 0)
            {
                lines[n++] = new TextLine(offset + pos, span.Length - pos, LineEnding.None);
                break;
            }

            lines[n++] = new TextLine(offset + pos, rel, LineEnding.Lf);
            pos += rel + 1;
        }

        return n;
    }

    private static int FillLines(ReadOnlySpan<char> span, int offset, TextLine[] lines)
    {
        int pos = 0, n = 0;
        while (pos < span.Length)
        {
            int rel = span[pos..].IndexOfAny('\r', '\n');
            if (rel < 0)
            {
                lines[n++] = new TextLine(offset + pos, span.Length - pos, LineEnding.None);
                break;
            }

            int eol = pos + rel;
            LineEnding ending;
            int next;
            if (span[eol] == '\n')
            {
                ending = LineEnding.Lf;
                next = eol + 1;
            }
            else if (eol + 1 < span.Length && span[eol + 1] == '\n')
            {
                ending = LineEnding.CrLf;
                next = eol + 2;
            }
            else
            {
                ending = LineEnding.Cr;
                next = eol + 1;
            }

            lines[n++] = new TextLine(offset + pos, eol - pos, ending);
            pos = next;
        }

        return n;
    }
}
