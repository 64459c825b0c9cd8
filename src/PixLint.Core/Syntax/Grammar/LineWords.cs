namespace PixLint.Syntax.Grammar;

/// <summary>
/// The words of one command line (runs of non-blanks, as <see cref="Lexical.Word"/> reads them),
/// compared without allocating and turned into strings only when kept: what the hand-written fast
/// paths (<see cref="AccessListFastPath"/>, <see cref="ObjectFastPath"/>) read lines with.
/// </summary>
internal readonly ref struct LineWords(ReadOnlySpan<char> line, ReadOnlySpan<Range> words)
{
    private readonly ReadOnlySpan<char> _line = line;
    private readonly ReadOnlySpan<Range> _words = words;

    public int Count => _words.Length;

    public bool Has(int index) => index < _words.Length;

    public ReadOnlySpan<char> Span(int index) => _line[_words[index]];

    public string Text(int index) => Span(index).ToString();

    public bool Is(int index, string keyword) =>
        index < _words.Length && Span(index).Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>The words of <paramref name="line"/> into <paramref name="words"/>; their count, or -1 when there are more than fit.</summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> words)
    {
        int count = 0, i = 0;
        while (true)
        {
            while (i < line.Length && Lexical.IsBlank(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                return count;
            }

            if (count == words.Length)
            {
                return -1;
            }

            // Vectorised: this runs on every word of every access-list line of a large configuration.
            int length = line[i..].IndexOfAny(' ', '\t');
            int end = length < 0 ? line.Length : i + length;
            words[count++] = i..end;
            i = end;
        }
    }
}
