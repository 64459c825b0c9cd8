using Sprache;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// A Sprache input over one command line. Unlike Sprache's own <c>Input</c>, it allocates its memo
/// table only when a parser asks for it (none of PixLint's grammars use <c>Parse.Ref</c>), and it can
/// jump forward by a whole word in one step (<see cref="Skip"/>).
/// </summary>
internal sealed class LineInput : IInput
{
    private IDictionary<object, object>? _memos;

    public LineInput(string source, int position = 0)
    {
        Source = source;
        Position = position;
    }

    public string Source { get; }

    public int Position { get; }

    public char Current => Source[Position];

    public bool AtEnd => Position >= Source.Length;

    public int Line => 1;

    public int Column => Position + 1;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("The input is already at the end of the line.");
        }

        return new LineInput(Source, Position + 1);
    }

    public LineInput Skip(int count) => count == 0 ? this : new LineInput(Source, Position + count);

    public bool Equals(IInput? other) =>
        other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Source, Position);

    public override string ToString() => $"column {Column}";
}
