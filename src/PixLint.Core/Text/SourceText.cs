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
    private readonly TextLine[] _lines;

    private SourceText(string path, string text, SourceEncoding encoding, int preambleLength, int invalidBytes)
    {
        Path = path;
        Text = text;
        Encoding = encoding;
        PreambleLength = preambleLength;
        InvalidByteCount = invalidBytes;
        _lines = SplitLines(text, preambleLength);
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
            int lf = 0, crlf = 0, cr = 0;
            foreach (var line in _lines)
            {
                switch (line.Ending)
                {
                    case LineEnding.Lf: lf++; break;
                    case LineEnding.CrLf: crlf++; break;
                    case LineEnding.Cr: cr++; break;
                }
            }

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
        return new SourceText(path, text, SourceEncoding.Utf8, preamble, invalid);
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

    private static TextLine[] SplitLines(string text, int start)
    {
        var span = text.AsSpan();
        if (span.Length <= start)
        {
            return [];
        }

        // Estimate: configs average ~40 characters a line.
        var lines = new List<TextLine>(Math.Max(16, (span.Length - start) / 40));
        int pos = start;
        while (pos < span.Length)
        {
            int rel = span[pos..].IndexOfAny('\r', '\n');
            if (rel < 0)
            {
                lines.Add(new TextLine(pos, span.Length - pos, LineEnding.None));
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

            lines.Add(new TextLine(pos, eol - pos, ending));
            pos = next;
        }

        return [.. lines];
    }
}
