namespace PixLint.Text;

/// <summary>A range of characters in a <see cref="SourceText"/>: absolute offset and length.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public bool Contains(int offset) => offset >= Start && offset < End;

    public override string ToString() => $"[{Start}..{End})";
}

/// <summary>A 1-based line and column (the column counts UTF-16 code units, as SARIF does by default).</summary>
public readonly record struct LinePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
