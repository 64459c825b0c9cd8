using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace PixLint.Text;

/// <summary>
/// UTF-8 decoding that never loses a byte. Valid UTF-8 decodes as usual; each byte that is not part
/// of a valid sequence (cp1252 or Latin-1 bytes in old configs) becomes the lone surrogate
/// U+DC00 + byte (U+DC80..U+DCFF), the "surrogateescape" scheme. Valid UTF-8 never produces a lone
/// low surrogate, so encoding maps those characters back to their bytes and the round trip is exact.
/// </summary>
public static class LosslessUtf8
{
    private const char EscapeBase = '\uDC00';

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="invalidBytes"/> counts escaped bytes.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, out int invalidBytes)
    {
        invalidBytes = 0;
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        // Worst case one char per byte (escapes and ASCII); multi-byte sequences need fewer.
        char[] buffer = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            int written = 0;
            var source = bytes;
            while (!source.IsEmpty)
            {
                var status = Utf8.ToUtf16(source, buffer.AsSpan(written), out int read, out int wrote,
                    replaceInvalidSequences: false, isFinalBlock: true);
                written += wrote;
                source = source[read..];
                if (status == OperationStatus.Done)
                {
                    break;
                }

                // InvalidData (or NeedMoreData at the very end): escape one byte and go on.
                buffer[written++] = (char)(EscapeBase + source[0]);
                invalidBytes++;
                source = source[1..];
            }

            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Decodes a whole stream the way <see cref="Decode(ReadOnlySpan{byte}, out int)"/> decodes its
    /// bytes, without holding the bytes: one pass counts the characters, a second (after seeking back
    /// to the start) writes them straight into the string. A large file then costs its text and a small buffer, not its bytes
    /// as well. Returns null when the stream changed between the passes (the caller reads it again).
    /// </summary>
    internal static string? Decode(Stream stream, out int invalidBytes, TextScan? scan = null, int chunkSize = 1 << 20)
    {
        long start = stream.Position;
        if (stream.CanSeek)
        {
            // A small file gets a small buffer (the rented buffers are fresh, zeroed memory the first time).
            chunkSize = (int)Math.Min(chunkSize, Math.Max(stream.Length - start, 0) + 1);
        }

        var counted = Transcode(stream, [], scan, chunkSize);
        if (counted.Chars > int.MaxValue - 64)
        {
            throw new IOException("the file is too large to decode");
        }

        stream.Position = start;
        var state = new DecodeState(stream, chunkSize);
        string text = string.Create((int)counted.Chars, state, static (chars, s) => s.Result = Transcode(s.Stream, chars, null, s.ChunkSize, counting: false));
        invalidBytes = state.Result.InvalidBytes;
        return state.Result.Chars == counted.Chars && state.Result.InvalidBytes == counted.InvalidBytes ? text : null;
    }

    /// <summary>What the decoding pass inside <c>string.Create</c> reads from and reports back.</summary>
    private sealed class DecodeState(Stream stream, int chunkSize)
    {
        public Stream Stream { get; } = stream;

        public int ChunkSize { get; } = chunkSize;

        public (long Chars, int InvalidBytes) Result { get; set; }
    }

    /// <summary>
    /// The chunked form of <see cref="Decode(ReadOnlySpan{byte}, out int)"/>: a UTF-8 sequence cut by
    /// the end of a chunk is carried into the next one, so the result does not depend on chunk
    /// boundaries. When <paramref name="counting"/>, only counts (the destination is ignored) and
    /// gives each chunk's bytes to <paramref name="scan"/> while they are in the cache; when writing
    /// and the destination is too short (the stream grew), stops and reports what it wrote.
    /// </summary>
    private static (long Chars, int InvalidBytes) Transcode(Stream stream, Span<char> destination, TextScan? scan, int chunkSize, bool counting = true)
    {
        // A chunk holds at least a whole UTF-8 sequence (4 bytes) and the carried part of the last one.
        chunkSize = Math.Max(chunkSize, 8);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        char[]? scratch = null;
        long chars = 0;
        int invalid = 0, carry = 0;
        try
        {
            while (true)
            {
                int read = stream.Read(buffer, carry, chunkSize - carry);
                bool final = read == 0;
                scan?.Add(buffer.AsSpan(carry, read));
                var source = buffer.AsSpan(0, carry + read);
                if (counting && Ascii.IsValid(source))
                {
                    chars += source.Length;
                    source = [];
                }

                while (!source.IsEmpty)
                {
                    var target = counting ? (scratch ??= ArrayPool<char>.Shared.Rent(chunkSize)) : destination[(int)Math.Min(chars, destination.Length)..];
                    var status = Utf8.ToUtf16(source, target, out int used, out int wrote, replaceInvalidSequences: false, isFinalBlock: final);
                    chars += wrote;
                    source = source[used..];
                    if (status is OperationStatus.Done or OperationStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == OperationStatus.DestinationTooSmall)
                    {
                        if (counting)
                        {
                            continue;
                        }

                        return (chars + 1, invalid);
                    }

                    // InvalidData: escape one byte and go on.
                    if (!counting)
                    {
                        if (chars >= destination.Length)
                        {
                            return (chars + 1, invalid);
                        }

                        destination[(int)chars] = (char)(EscapeBase + source[0]);
                    }

                    chars++;
                    invalid++;
                    source = source[1..];
                }

                if (final)
                {
                    return (chars, invalid);
                }

                // An incomplete sequence at the end of the chunk waits for the next chunk's bytes.
                source.CopyTo(buffer);
                carry = source.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (scratch is not null)
            {
                ArrayPool<char>.Shared.Return(scratch);
            }
        }
    }

    /// <summary>True when <paramref name="c"/> stands for an undecodable byte.</summary>
    public static bool IsEscapedByte(char c) => c >= '\uDC80' && c <= '\uDCFF';

    /// <summary>Encodes text produced by <see cref="Decode(ReadOnlySpan{byte}, out int)"/> back to the exact original bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<char> text)
    {
        var writer = new ArrayBufferWriter<byte>(Math.Max(16, text.Length));
        Encode(text, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes text produced by <see cref="Decode(ReadOnlySpan{byte}, out int)"/> into <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        while (!text.IsEmpty)
        {
            int special = text.IndexOfAnyInRange('\uD800', '\uDFFF');
            var plain = special < 0 ? text : text[..special];
            if (!plain.IsEmpty)
            {
                var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(plain.Length));
                int n = Encoding.UTF8.GetBytes(plain, span);
                output.Advance(n);
            }

            if (special < 0)
            {
                return;
            }

            text = text[special..];
            char c = text[0];
            if (char.IsHighSurrogate(c) && text.Length > 1 && char.IsLowSurrogate(text[1]))
            {
                var span = output.GetSpan(4);
                output.Advance(Encoding.UTF8.GetBytes(text[..2], span));
                text = text[2..];
            }
            else if (IsEscapedByte(c))
            {
                var span = output.GetSpan(1);
                span[0] = (byte)(c - EscapeBase);
                output.Advance(1);
                text = text[1..];
            }
            else
            {
                // A lone surrogate that Decode cannot produce (text built elsewhere): U+FFFD.
                var span = output.GetSpan(3);
                output.Advance(Encoding.UTF8.GetBytes("\uFFFD", span));
                text = text[1..];
            }
        }
    }

    /// <summary>
    /// Text for people and for JSON/XML writers: escaped bytes shown as their Windows-1252
    /// characters (the usual origin of such bytes), other lone surrogates as U+FFFD, and control
    /// characters other than tab (ESC, C1 such as CSI) and bidirectional overrides (U+202E...) as U+FFFD.
    /// </summary>
    public static string ToDisplay(ReadOnlySpan<char> text) => ToDisplay(text, keepLineBreaks: false);

    /// <summary>As <see cref="ToDisplay(ReadOnlySpan{char})"/>; with <paramref name="keepLineBreaks"/>, CR and LF stay (multi-line text such as inserted lines).</summary>
    public static string ToDisplay(ReadOnlySpan<char> text, bool keepLineBreaks)
    {
        if (!NeedsDisplayMapping(text, keepLineBreaks))
        {
            return text.ToString();
        }

        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (IsEscapedByte(c))
            {
                sb.Append(Windows1252((byte)(c - EscapeBase)));
            }
            else if (char.IsSurrogate(c) || IsBidiControl(c) || (char.IsControl(c) && c != '\t' && !(keepLineBreaks && c is '\r' or '\n')))
            {
                sb.Append('\uFFFD');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The bidirectional formatting characters (embeddings, overrides, isolates, marks) that can make text read differently from what it is (CVE-2021-42574).</summary>
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    private static bool NeedsDisplayMapping(ReadOnlySpan<char> text, bool keepLineBreaks)
    {
        foreach (char c in text)
        {
            if (c < ' ' && c != '\t' && !(keepLineBreaks && c is '\r' or '\n'))
            {
                return true;
            }

            if (c >= '\u007F' && (c <= '\u009F' || char.IsSurrogate(c) || IsBidiControl(c)))
            {
                return true;
            }
        }

        return false;
    }

    // Windows-1252 0x80..0x9F; undefined positions fall back to U+FFFD.
    private static readonly char[] Cp1252High =
    [
        '\u20AC', '\uFFFD', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\uFFFD', '\u017D', '\uFFFD',
        '\uFFFD', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\uFFFD', '\u017E', '\u0178',
    ];

    private static char Windows1252(byte b) => b is >= 0x80 and <= 0x9F ? Cp1252High[b - 0x80] : (char)b;
}
