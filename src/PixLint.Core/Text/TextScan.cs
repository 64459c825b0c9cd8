using System.Buffers;

namespace PixLint.Text;

/// <summary>
/// Facts about a text gathered in one pass, chunk by chunk, over its UTF-8 bytes (while a file is
/// read, when the chunk is still in the cache) or over its characters: how many line feeds,
/// carriage returns and CR LF pairs it has (so the line table is allocated at its exact size and
/// filled without growing), how many control characters mark it as binary, and whether it may
/// hold terminal pager artefacts (a backspace, or the word `More` of `&lt;--- More ---&gt;` and
/// `--More--`). Every unit counted is ASCII, and in UTF-8 an ASCII byte is always the character
/// itself (never part of a longer sequence, never an invalid byte), so both views give the same
/// counts.
/// </summary>
internal sealed class TextScan
{
    private const string More = "More";

    /// <summary>Control characters that make a file look binary: all C0 controls but tab, LF, CR and backspace.</summary>
    private static readonly SearchValues<byte> BinaryControlBytes = SearchValues.Create(BinaryControls().Select(c => (byte)c).ToArray());

    private static readonly SearchValues<char> BinaryControlChars = SearchValues.Create(BinaryControls());

    // The last (up to) three units seen, to find a `More` or CR LF cut by a chunk boundary.
    private readonly char[] _tail = new char[3];
    private int _tailLength;

    public int LineFeeds { get; private set; }

    public int CarriageReturns { get; private set; }

    public int CrLfPairs { get; private set; }

    /// <summary>Control characters other than tab, LF, CR and backspace.</summary>
    public int Controls { get; private set; }

    /// <summary>True when the text has a backspace or the word `More` somewhere.</summary>
    public bool MayHavePagerArtefacts { get; private set; }

    /// <summary>True when the text seen so far ends with LF or CR (or is empty).</summary>
    public bool EndsWithLineBreak => _tailLength == 0 || _tail[_tailLength - 1] is '\n' or '\r';

    /// <summary>How many lines a text with these counts has (a last line without an ending counts).</summary>
    public int LineCount(bool empty) =>
        empty ? 0 : LineFeeds + CarriageReturns - CrLfPairs + (EndsWithLineBreak ? 0 : 1);

    public void Add(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            return;
        }

        LineFeeds += chunk.Count((byte)'\n');
        int cr = chunk.Count((byte)'\r');
        if (cr > 0)
        {
            CarriageReturns += cr;
            CrLfPairs += chunk.Count("\r\n"u8);
        }

        for (var rest = chunk; rest.IndexOfAny(BinaryControlBytes) is int at and >= 0; rest = rest[(at + 1)..])
        {
            Controls++;
        }

        if (!MayHavePagerArtefacts && (chunk.Contains((byte)'\b') || chunk.IndexOf("More"u8) >= 0))
        {
            MayHavePagerArtefacts = true;
        }

        Span<char> head = stackalloc char[3];
        Span<char> end = stackalloc char[3];
        int n = Math.Min(3, chunk.Length);
        for (int i = 0; i < n; i++)
        {
            head[i] = (char)chunk[i];
            end[i] = (char)chunk[chunk.Length - n + i];
        }

        JoinBoundary(head[..n], end[..n], chunk.Length);
    }

    public void Add(ReadOnlySpan<char> chunk)
    {
        if (chunk.IsEmpty)
        {
            return;
        }

        LineFeeds += chunk.Count('\n');
        int cr = chunk.Count('\r');
        if (cr > 0)
        {
            CarriageReturns += cr;
            CrLfPairs += chunk.Count("\r\n");
        }

        for (var rest = chunk; rest.IndexOfAny(BinaryControlChars) is int at and >= 0; rest = rest[(at + 1)..])
        {
            Controls++;
        }

        if (!MayHavePagerArtefacts && (chunk.Contains('\b') || chunk.Contains(More, StringComparison.Ordinal)))
        {
            MayHavePagerArtefacts = true;
        }

        int n = Math.Min(3, chunk.Length);
        JoinBoundary(chunk[..n], chunk[^n..], chunk.Length);
    }

    /// <summary>
    /// Counts a CR LF pair or a `More` that the previous chunk's end and this chunk's start
    /// (<paramref name="head"/>) make together, then keeps the last three units seen.
    /// </summary>
    private void JoinBoundary(ReadOnlySpan<char> head, ReadOnlySpan<char> end, int chunkLength)
    {
        Span<char> joined = stackalloc char[6];
        _tail.AsSpan(0, _tailLength).CopyTo(joined);
        head.CopyTo(joined[_tailLength..]);
        var both = joined[..(_tailLength + head.Length)];
        if (_tailLength > 0)
        {
            if (_tail[_tailLength - 1] == '\r' && head[0] == '\n')
            {
                CrLfPairs++;
            }

            if (both.Contains(More, StringComparison.Ordinal))
            {
                MayHavePagerArtefacts = true;
            }
        }

        var keep = chunkLength >= 3 ? end : both[^Math.Min(3, both.Length)..];
        keep.CopyTo(_tail);
        _tailLength = keep.Length;
    }

    private static string BinaryControls()
    {
        var chars = new List<char>();
        for (char c = '\0'; c < ' '; c++)
        {
            if (c is not ('\t' or '\n' or '\r' or '\b'))
            {
                chars.Add(c);
            }
        }

        return new string([.. chars]);
    }
}
