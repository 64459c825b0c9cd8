using PixLint.Syntax.Commands;
using PixLint.Syntax.Grammar;
using PixLint.Text;

namespace PixLint.Syntax;

[Flags]
internal enum LineFlags : byte
{
    None = 0,
    Negated = 1,
    Modelled = 2,
    Lazy = 4,
    Parsed = 8,
    Unrecognized = 16,
    Cleaned = 32,
}

/// <summary>Per-line syntax facts, one entry per physical line (kept small: a 1M-line config has 1M of them).</summary>
internal struct LineSyntax
{
    public int Parent;
    public int SubtreeEnd;
    public int CommandStart;
    public int CommandEnd;
    public Keyword Keyword;
    public ushort Indent;
    public LineKind Kind;
    public LineFlags Flags;
}

/// <summary>A line whose text had pager artefacts or backspaces removed, with the way back to the source.</summary>
internal sealed record CleanedLine(string Text, int[] Map);

/// <summary>
/// The lossless syntax tree of one configuration. Every line of the source is a node (a command,
/// comment, blank, framing, prompt, pager or data line); commands nest by indentation. Modelled
/// commands are parsed into typed <see cref="Command"/> records, the bulk families (access lists,
/// objects, names) on first use. Printing the tree (<see cref="WriteSource"/>) gives back the input
/// byte for byte.
/// </summary>
public sealed class SyntaxTree
{
    private readonly LineSyntax[] _lines;
    private readonly Command?[] _commands;
    private readonly Dictionary<int, CleanedLine>? _cleaned;
    private readonly List<ParseDiagnostic> _diagnostics;
    private readonly List<int>?[] _byKeyword;
    private bool _diagnosticsSorted;

    internal SyntaxTree(
        SourceText source,
        LineSyntax[] lines,
        Dictionary<int, CleanedLine>? cleaned,
        List<ParseDiagnostic> diagnostics,
        List<int>?[] byKeyword,
        int unrecognized)
    {
        Source = source;
        _lines = lines;
        _commands = new Command?[lines.Length];
        _cleaned = cleaned;
        _diagnostics = diagnostics;
        _byKeyword = byKeyword;
        UnrecognizedCount = unrecognized;
    }

    public SourceText Source { get; }

    public int LineCount => _lines.Length;

    /// <summary>Top-level command lines whose first word is neither modelled nor a known PIX/ASA command.</summary>
    public int UnrecognizedCount { get; }

    /// <summary>Parse diagnostics in file order (lazily parsed lines add theirs when first parsed).</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics
    {
        get
        {
            if (!_diagnosticsSorted)
            {
                _diagnostics.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
                _diagnosticsSorted = true;
            }

            return _diagnostics;
        }
    }

    public LineKind GetKind(int line) => _lines[line].Kind;

    public int GetIndent(int line) => _lines[line].Indent;

    public Keyword GetKeyword(int line) => _lines[line].Keyword;

    public bool IsNegated(int line) => (_lines[line].Flags & LineFlags.Negated) != 0;

    public bool IsCommand(int line) => _lines[line].Kind == LineKind.Command;

    /// <summary>True when the line's first word is not a command PixLint knows.</summary>
    public bool IsUnrecognized(int line) => (_lines[line].Flags & LineFlags.Unrecognized) != 0;

    /// <summary>True when a grammar models this line (whether or not it parsed cleanly).</summary>
    public bool IsModelled(int line) => (_lines[line].Flags & LineFlags.Modelled) != 0;

    /// <summary>The enclosing command line, or -1 at the top level.</summary>
    public int GetParent(int line) => _lines[line].Parent;

    /// <summary>One past the last line of this command's block (its last descendant).</summary>
    public int GetSubtreeEnd(int line) => _lines[line].SubtreeEnd;

    /// <summary>The command's text span: no indentation, no trailing blanks (includes a leading `no`).</summary>
    public TextSpan GetCommandSpan(int line) => TextSpan.FromBounds(_lines[line].CommandStart, _lines[line].CommandEnd);

    /// <summary>The whole physical line without its ending.</summary>
    public TextSpan GetLineSpan(int line) => Source.GetLine(line).Span;

    /// <summary>The command's text as the device would read it (pager artefacts removed), without indentation.</summary>
    public string GetCommandText(int line)
    {
        ref var info = ref _lines[line];
        if (_cleaned is not null && (info.Flags & LineFlags.Cleaned) != 0 && _cleaned.TryGetValue(line, out var cleaned))
        {
            return cleaned.Text.Trim();
        }

        return Source.Text[info.CommandStart..info.CommandEnd];
    }

    /// <summary>
    /// The command's characters as the device reads them, without copying: its span of the file, or
    /// the cleaned text of a line with pager artefacts or broken at the terminal width.
    /// </summary>
    public ReadOnlySpan<char> GetCommandChars(int line)
    {
        ref var info = ref _lines[line];
        if (_cleaned is not null && (info.Flags & LineFlags.Cleaned) != 0 && _cleaned.TryGetValue(line, out var cleaned))
        {
            return cleaned.Text.AsSpan().Trim();
        }

        return Source.Text.AsSpan(info.CommandStart, info.CommandEnd - info.CommandStart);
    }

    /// <summary>The command's words (split on blanks).</summary>
    public IReadOnlyList<string> GetWords(int line) =>
        GetCommandText(line).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Direct command children of <paramref name="line"/> (or the top level for -1), in file order.</summary>
    public IEnumerable<int> GetChildren(int line)
    {
        int start = line + 1;
        int end = line < 0 ? _lines.Length : _lines[line].SubtreeEnd;
        for (int i = start; i < end; i++)
        {
            if (_lines[i].Kind == LineKind.Command && _lines[i].Parent == line)
            {
                yield return i;
            }
        }
    }

    /// <summary>Command lines (any depth) whose first keyword is <paramref name="keyword"/>, in file order.</summary>
    public IReadOnlyList<int> LinesWith(Keyword keyword) =>
        _byKeyword[(int)keyword] is { } list ? list : [];

    /// <summary>
    /// The typed command on <paramref name="line"/>: a modelled command (parsed now if it was left for
    /// later), a <see cref="GenericCommand"/> for other commands, or null for non-command lines and for
    /// modelled lines that failed to parse (see <see cref="Diagnostics"/>). Access-list entries are
    /// parsed again on each call rather than kept: a large configuration has hundreds of thousands,
    /// parsing one again takes well under a microsecond, and keeping them all costs far more in
    /// garbage collection (see README, Performance). Each call gives an equal command.
    /// </summary>
    public Command? GetCommand(int line)
    {
        ref var info = ref _lines[line];
        if (info.Kind != LineKind.Command)
        {
            return null;
        }

        if ((info.Flags & LineFlags.Parsed) != 0)
        {
            return _commands[line];
        }

        Command? command;
        if ((info.Flags & LineFlags.Modelled) != 0)
        {
            command = ParseModelled(line);
        }
        else
        {
            command = new GenericCommand(GetWords(line)) { Line = line, Span = GetCommandSpan(line), Negated = IsNegated(line) };
        }

        if (command is not null && info.Keyword == Keyword.AccessList && (info.Flags & LineFlags.Lazy) != 0)
        {
            return command;
        }

        _commands[line] = command;
        info.Flags |= LineFlags.Parsed;
        return command;
    }

    /// <summary>The command on <paramref name="line"/> if it is a <typeparamref name="T"/>.</summary>
    public T? GetCommand<T>(int line) where T : Command => GetCommand(line) as T;

    /// <summary>Parses every modelled line now (for `pixlint parse` and tests); lint parses on demand.</summary>
    public void ParseAll()
    {
        for (int i = 0; i < _lines.Length; i++)
        {
            if (_lines[i].Kind == LineKind.Command)
            {
                GetCommand(i);
            }
        }
    }

    /// <summary>Writes the file back from its line nodes: the exact original bytes.</summary>
    public void WriteSource(Stream output)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Math.Max(256, Source.Length));
        var text = Source.Text.AsSpan();
        if (Source.PreambleLength > 0)
        {
            Source.EncodeLike(text[..Source.PreambleLength], buffer);
        }

        foreach (var line in Source.Lines)
        {
            Source.EncodeLike(text.Slice(line.Start, line.Length + line.Ending.Length()), buffer);
        }

        output.Write(buffer.WrittenSpan);
    }

    /// <summary>Parses a modelled line right away (used while building the tree, parents before children).</summary>
    internal void ParseNow(int line) => GetCommand(line);

    internal bool IsLazy(int line) => (_lines[line].Flags & LineFlags.Lazy) != 0;

    private Command? ParseModelled(int line)
    {
        ref var info = ref _lines[line];
        int parent = info.Parent;
        var parentCommand = parent >= 0 ? GetCommand(parent) : null;
        var grandparent = parent >= 0 && _lines[parent].Parent >= 0 ? GetCommand(_lines[parent].Parent) : null;
        var choice = CommandGrammars.Select(info.Keyword, parentCommand, grandparent, (info.Flags & LineFlags.Negated) != 0);
        if (choice is null)
        {
            // The parent failed to parse, so the context is unknown: keep the line as words.
            return new GenericCommand(GetWords(line)) { Line = line, Span = GetCommandSpan(line), Negated = IsNegated(line) };
        }

        // Parse from the first word after `no`; the span still covers the whole command.
        bool negated = (info.Flags & LineFlags.Negated) != 0;
        CleanedLine? cleaned = null;
        bool isCleaned = _cleaned is not null && (info.Flags & LineFlags.Cleaned) != 0 && _cleaned.TryGetValue(line, out cleaned);
        var lineStart = isCleaned ? Source.GetLine(line).Start : info.CommandStart - info.Indent; // after a REST wrapper's prefix
        if (!isCleaned && choice.Value.Fast is { } fast)
        {
            var command = Source.Text.AsSpan(lineStart, info.CommandEnd - lineStart);
            if (fast(command[FirstWordAfterNo(command, negated)..], new CommandGrammars.CommandSite(line, GetCommandSpan(line), negated)) is { } quick)
            {
                return quick;
            }
        }

        string text;
        int[]? map = null;
        int offset;
        if (isCleaned)
        {
            text = cleaned!.Text;
            map = cleaned.Map;
            offset = 0;
        }
        else
        {
            text = Source.Text.Substring(lineStart, info.CommandEnd - lineStart);
            offset = lineStart;
        }

        int start = FirstWordAfterNo(text, negated);
        var result = choice.Value.Parser(new LineInput(text, start));
        if (result.WasSuccessful)
        {
            return result.Value with { Line = line, Span = GetCommandSpan(line), Negated = IsNegated(line) };
        }

        int at = Math.Min(result.Remainder.Position, text.Length);
        int wordEnd = at;
        while (wordEnd < text.Length && !Lexical.IsBlank(text[wordEnd]))
        {
            wordEnd++;
        }

        string found = at >= text.TrimEnd().Length ? "end of line" : $"'{text[at..wordEnd]}'";
        string expected = string.Join(" or ", result.Expectations.Distinct());
        int absStart = map is null ? offset + at : map[Math.Min(at, map.Length - 1)];
        int absEnd = map is null ? offset + wordEnd : map[Math.Min(wordEnd, map.Length - 1)];
        string message = expected.Length > 0 ? $"unexpected {found}, expected {expected}" : $"unexpected {found}";
        _diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.SyntaxError, Severity.Warning, TextSpan.FromBounds(absStart, Math.Max(absStart, absEnd)), message));
        _diagnosticsSorted = false;
        return null;
    }

    private static int FirstWordAfterNo(ReadOnlySpan<char> text, bool negated)
    {
        int i = 0;
        while (i < text.Length && Lexical.IsBlank(text[i]))
        {
            i++;
        }

        if (!negated)
        {
            return i;
        }

        i += 2; // "no"
        while (i < text.Length && Lexical.IsBlank(text[i]))
        {
            i++;
        }

        return i;
    }
}
