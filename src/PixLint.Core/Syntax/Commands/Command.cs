using PixLint.Text;

namespace PixLint.Syntax.Commands;

/// <summary>
/// A parsed configuration command. <see cref="Line"/> is the 0-based line index in the file and
/// <see cref="Span"/> covers the command's text without indentation and trailing spaces.
/// </summary>
public abstract record Command
{
    public int Line { get; init; }

    public TextSpan Span { get; init; }

    /// <summary>True for the `no ...` form.</summary>
    public bool Negated { get; init; }
}

/// <summary>Any command PixLint does not model: its words, as typed.</summary>
public sealed record GenericCommand(IReadOnlyList<string> Words) : Command;
