using PixLint.Syntax.Grammar;
using PixLint.Text;

namespace PixLint.Syntax;

/// <summary>
/// Builds a <see cref="SyntaxTree"/> in one pass over the lines: classify each line (blank, `!`
/// comment, show-run framing, prompt, pager artefact, certificate data, command), find its block
/// from indentation, look up its first keyword, and parse modelled commands with their grammar.
/// Never throws on bad input: a malformed line becomes a diagnostic and parsing goes on.
/// </summary>
public static class ConfigParser
{
    /// <summary>
    /// Lines longer than this are not parsed (a diagnostic says so): devices write far shorter
    /// lines, and a megabytes-long line would otherwise be quoted, matched and redacted whole.
    /// </summary>
    public const int MaxLineLength = 64 * 1024;

    private const string MoreAsa = "<--- More --->";
    private const string MoreIos = "--More--";

    // Dispatch context for the members of lazily parsed objects and object-groups: only the kind matters.
    private static readonly Commands.ObjectCommand LazyObject = new("network", string.Empty);
    private static readonly Commands.ObjectGroupCommand LazyObjectGroup = new("network", string.Empty, null);

    /// <summary>Parses <paramref name="source"/>. Access lists, objects and names are parsed on first use.</summary>
    public static SyntaxTree Parse(SourceText source)
    {
        int count = source.LineCount;
        var lines = new LineSyntax[count];
        var diagnostics = new List<ParseDiagnostic>();
        var byKeyword = new List<int>?[KeywordTable.Count];
        Dictionary<int, CleanedLine>? cleaned = null;
        int unrecognized = 0;

        // Open blocks: indentation, line index and subtree end so far of each enclosing command. A
        // block's end is written to its line when it closes (and handed to its parent), so a line costs
        // O(1) however deep it is nested (walking up to every ancestor made deep nesting quadratic).
        var stackIndent = new int[64];
        var stackLine = new int[64];
        var stackEnd = new int[64];
        var stackMode = new Mode[64];
        int depth = 0;

        // PIX 6 / FWSM 2 (from the version header) have no interface mode; lines placed by the mode table.
        bool legacy = false;
        int placedByGrammar = 0, firstPlaced = -1;

        void Close(int until)
        {
            while (depth > until)
            {
                depth--;
                lines[stackLine[depth]].SubtreeEnd = stackEnd[depth];
                if (depth > 0 && stackEnd[depth] > stackEnd[depth - 1])
                {
                    stackEnd[depth - 1] = stackEnd[depth];
                }
            }
        }

        int certificateLine = -1;
        int continuation = -1; // the second half of a line broken at the terminal width
        var text = source.Text.AsSpan();
        var textLines = source.Lines;

        // Where the next backspace or "More" is: lines before it need no cleaning (one search per
        // occurrence, and none at all when the scan made while reading found neither).
        int nextArtefact = source.MayHavePagerArtefacts ? NextArtefact(text, 0) : int.MaxValue;
        ReadOnlySpan<char> lastWord = [];
        var lastKeyword = Keyword.Other;

        // A Markdown fence, show-tech sections, a REST API response: wrapper lines are kept as text.
        var layout = CaptureWrappers.Find(source);
        if (layout is not null)
        {
            nextArtefact = int.MaxValue; // a wrapped capture is not read through a pager
        }

        for (int i = 0; i < count; i++)
        {
            if ((i & 1023) == 0)
            {
                TimeBudget.Check();
            }

            var textLine = textLines[i];
            var content = text.Slice(textLine.Start, textLine.Length);
            int lineStart = textLine.Start;
            ref var info = ref lines[i];
            info.Parent = -1;
            info.SubtreeEnd = i + 1;
            if (i == continuation)
            {
                info.Kind = LineKind.WrappedContinuation;
                info.CommandStart = textLine.Start;
                info.CommandEnd = textLine.Start;
                continue;
            }

            if (layout is not null)
            {
                if (layout.IsWrapperLine(i))
                {
                    info.Kind = LineKind.Framing;
                    info.CommandStart = textLine.Start;
                    info.CommandEnd = textLine.Start;
                    Close(0);
                    continue;
                }

                int prefix = layout.PrefixLength(i);
                content = content[prefix..(content.Length - layout.SuffixLength(i))];
                lineStart += prefix;
            }
            if (textLine.Length > MaxLineLength)
            {
                info.Kind = LineKind.Command;
                info.Flags |= LineFlags.Unrecognized;
                info.CommandStart = textLine.Start;
                info.CommandEnd = textLine.End;
                unrecognized++;
                diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.LineTooLong, Severity.Warning, new TextSpan(textLine.Start, 0),
                    $"line of {textLine.Length} characters, longer than the {MaxLineLength} PixLint reads; not parsed"));
                continue;
            }


            // Pager artefacts and backspaces: read the line as the device would have.
            CleanedLine? clean = null;
            if (nextArtefact < textLine.End)
            {
                nextArtefact = NextArtefact(text, textLine.EndIncludingEnding);
                clean = Clean(content, textLine.Start);
            }
            else if (textLine.Length is 80 or 132 && layout is null && content[0] != '!' && i + 1 < count && IsWrapContinuation(text.Slice(textLines[i + 1].Start, textLines[i + 1].Length)))
            {
                // A line exactly at the terminal width, and a next line that starts with no command:
                // the terminal broke the line there; read the two as one (the file keeps both).
                var next = textLines[i + 1];
                clean = Join(content, textLine.Start, text.Slice(next.Start, next.Length), next.Start);
                continuation = i + 1;
            }

            if (clean is not null)
            {
                info.Flags |= LineFlags.Cleaned;
                if (clean.Text.AsSpan().Trim().IsEmpty)
                {
                    info.Kind = LineKind.Paging;
                    continue;
                }

                (cleaned ??= [])[i] = clean;
                content = clean.Text;
            }

            int indent = 0;
            while (indent < content.Length && (content[indent] == ' ' || content[indent] == '\t'))
            {
                indent++;
            }

            var body = TrimEnd(content[indent..]);
            info.Indent = (ushort)Math.Min(indent, ushort.MaxValue);
            info.CommandStart = clean is null ? lineStart + indent : clean.Map[indent];
            info.CommandEnd = clean is null ? lineStart + indent + body.Length : clean.Map[indent + body.Length];
            if (continuation == i + 1)
            {
                // A wrapped line reads as the two halves joined; its span stays on its own line (where findings point).
                info.CommandEnd = Math.Min(info.CommandEnd, textLine.End);
            }

            if (body.IsEmpty)
            {
                info.Kind = LineKind.Blank;
                continue;
            }

            // Certificate hex up to `quit` is data, never commands.
            if (certificateLine >= 0)
            {
                if (body.Equals("quit", StringComparison.OrdinalIgnoreCase))
                {
                    info.Kind = LineKind.Command;
                    info.Keyword = Keyword.Quit;
                    info.Parent = certificateLine;
                    stackEnd[depth - 1] = i + 1; // the certificate command is the innermost open block
                    certificateLine = -1;
                    continue;
                }

                if (IsHexData(body))
                {
                    info.Kind = LineKind.CertificateData;
                    info.Parent = certificateLine;
                    stackEnd[depth - 1] = i + 1;
                    continue;
                }

                certificateLine = -1;
            }

            char first = body[0];
            // `!` separators are comments: indentation alone decides nesting, so a `!` line
            // (a fixture annotation, say) may sit anywhere without changing the blocks.
            if (first == '!')
            {
                info.Kind = LineKind.Comment;
                continue;
            }

            if (first == ':' || (first is 'C' or 'c' or 'B' or 'b' or '[' && IsFraming(body)))
            {
                info.Kind = LineKind.Framing;
                Close(0);
                continue;
            }

            int firstEnd = body.IndexOfAny(' ', '\t');
            var firstWord = firstEnd < 0 ? body : body[..firstEnd];
            if (IsPrompt(firstWord) || (first is 's' or 'S' or 'm' or 'M' or 'w' or 'W' && IsEchoedCommand(firstWord, body[firstWord.Length..])))
            {
                info.Kind = LineKind.Prompt;
                Close(0);
                continue;
            }

            info.Kind = LineKind.Command;
            var keywordWord = firstWord;
            var rest = firstEnd < 0 ? [] : body[firstEnd..];
            if (firstWord.Length == 2 && firstWord.Equals("no", StringComparison.OrdinalIgnoreCase) && firstEnd > 0)
            {
                info.Flags |= LineFlags.Negated;
                var negatedRest = rest.TrimStart();
                int restEnd = negatedRest.IndexOfAny(' ', '\t');
                keywordWord = restEnd < 0 ? negatedRest : negatedRest[..restEnd];
                rest = restEnd < 0 ? [] : negatedRest[restEnd..];
            }

            // Runs of lines share their first word (thousands of access-list lines): look it up once a run.
            if (!keywordWord.SequenceEqual(lastWord))
            {
                lastWord = keywordWord;
                lastKeyword = KeywordTable.Lookup(keywordWord);
            }

            var keyword = lastKeyword;
            if (keyword == Keyword.PlatformHeader)
            {
                if (!IsVersionHeader(body))
                {
                    keyword = Keyword.Other;
                }
                else
                {
                    legacy = IsLegacyHeader(firstWord, rest);
                }
            }

            info.Keyword = keyword;

            // Block structure: pop blocks at this indentation or deeper; the rest enclose this line.
            int open = depth;
            while (open > 0 && stackIndent[open - 1] >= indent)
            {
                open--;
            }

            // Where indentation closes a sub-mode the line is still valid in (a flat capture, a
            // script, a paste), the mode table keeps it there, as the device's CLI would.
            if (open < depth)
            {
                int byGrammar = keyword == Keyword.Exit ? InnermostMode(stackMode, open, depth) : AcceptingBlock(stackMode, open, depth, keywordWord, rest);
                if (byGrammar > open)
                {
                    open = byGrammar;
                    placedByGrammar++;
                    firstPlaced = firstPlaced < 0 ? i : firstPlaced;
                }
            }

            Close(open);
            if (depth > 0)
            {
                info.Parent = stackLine[depth - 1];
                stackEnd[depth - 1] = i + 1;
            }
            else if (keyword == Keyword.Other && !KeywordTable.IsKnownCommand(keywordWord))
            {
                info.Flags |= LineFlags.Unrecognized;
                unrecognized++;
                diagnostics.Add(new ParseDiagnostic(
                    ParseDiagnostic.UnrecognizedLine, Severity.Note, TextSpan.FromBounds(info.CommandStart, info.CommandEnd),
                    $"unrecognised command '{LosslessUtf8.ToDisplay(keywordWord)}'"));
            }

            if (depth == stackIndent.Length)
            {
                Array.Resize(ref stackIndent, depth * 2);
                Array.Resize(ref stackLine, depth * 2);
                Array.Resize(ref stackEnd, depth * 2);
                Array.Resize(ref stackMode, depth * 2);
            }

            stackIndent[depth] = indent;
            stackLine[depth] = i;
            stackEnd[depth] = i + 1;
            stackMode[depth] = (info.Flags & LineFlags.Negated) != 0 ? Mode.None
                : ModeTable.Opens(depth > 0 ? stackMode[depth - 1] : Mode.None, keyword, keywordWord, rest, legacy);
            depth++;

            if (keyword != Keyword.Other)
            {
                (byKeyword[(int)keyword] ??= []).Add(i);
            }

            if (keyword == Keyword.Certificate && info.Parent >= 0 && lines[info.Parent].Keyword == Keyword.Crypto)
            {
                certificateLine = i;
            }
        }

        Close(0);
        if (placedByGrammar > 0)
        {
            var at = textLines[firstPlaced];
            diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.ModesFromGrammar, Severity.Note, new TextSpan(at.Start, 0),
                $"indentation is missing or partial: {placedByGrammar} line(s) placed in their sub-mode (`policy-map` > `class` > `inspect`, ...) by the command, as the device reads a paste"));
        }

        if (layout is not null && layout.Kind != CaptureWrapper.RestOneLine)
        {
            diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.CaptureWrapper, Severity.Note, new TextSpan(0, 0), layout.Kind switch
            {
                CaptureWrapper.MarkdownFence => "configuration read from inside its Markdown code fence; the text around it is kept, not read",
                CaptureWrapper.ShowSections => "several `show` outputs (show tech-support): only the running-config section is read as configuration",
                _ => "ASA REST API response: each line is read without its JSON escapes (`{\"response\":[\"`, `\\n\\`, `\"]}`)",
            }));
        }

        var tree = new SyntaxTree(source, lines, cleaned, diagnostics, byKeyword, unrecognized);
        MarkModelled(tree, lines);
        AddFileDiagnostics(source, tree, diagnostics, layout);
        return tree;
    }

    /// <summary>Decides which lines a grammar models and parses the eager ones (parents come first in file order).</summary>
    private static void MarkModelled(SyntaxTree tree, LineSyntax[] lines)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                TimeBudget.Check();
            }

            ref var info = ref lines[i];
            if (info.Kind != LineKind.Command || info.Keyword == Keyword.Other && info.Parent < 0)
            {
                continue;
            }

            var parent = info.Parent >= 0 ? ParentForDispatch(tree, lines, info.Parent) : null;
            if (info.Parent >= 0 && parent is null)
            {
                continue; // under an unmodelled block (interface, tunnel-group, ...)
            }

            var grandparent = info.Parent >= 0 && lines[info.Parent].Parent >= 0 ? ParentForDispatch(tree, lines, lines[info.Parent].Parent) : null;
            var choice = Grammar.CommandGrammars.Select(info.Keyword, parent, grandparent, (info.Flags & LineFlags.Negated) != 0);
            if (choice is null)
            {
                continue;
            }

            info.Flags |= LineFlags.Modelled;
            if (choice.Value.Lazy)
            {
                info.Flags |= LineFlags.Lazy;
            }
            else
            {
                tree.ParseNow(i);
            }
        }
    }

    /// <summary>The parsed parent if it is modelled (lazy parents are parsed only when their own children are asked for).</summary>
    private static Commands.Command? ParentForDispatch(SyntaxTree tree, LineSyntax[] lines, int parent)
    {
        if ((lines[parent].Flags & LineFlags.Modelled) == 0)
        {
            return null;
        }

        if ((lines[parent].Flags & LineFlags.Lazy) != 0)
        {
            // Children of objects and object-groups: lazy like their parent. Dispatch needs only the parent's kind.
            return lines[parent].Keyword switch
            {
                Keyword.Object => LazyObject,
                Keyword.ObjectGroup => LazyObjectGroup,
                _ => null,
            };
        }

        return tree.GetCommand(parent);
    }

    private static void AddFileDiagnostics(SourceText source, SyntaxTree tree, List<ParseDiagnostic> diagnostics, CaptureLayout? layout)
    {
        if (source.InvalidByteCount > 0)
        {
            diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.Encoding, Severity.Note, new TextSpan(0, 0),
                $"{source.InvalidByteCount} byte(s) are not valid UTF-8 (kept unchanged; shown as Windows-1252)"));
        }

        int commands = 0, recognised = 0;
        int controls = source.ControlCharacterCount;
        for (int i = 0; i < tree.LineCount; i++)
        {
            if (tree.GetKind(i) != LineKind.Command)
            {
                if (tree.GetKind(i) != LineKind.Blank)
                {
                    recognised++;
                }

                continue;
            }

            commands++;
            if (!tree.IsUnrecognized(i))
            {
                recognised++;
            }
        }

        // An empty file (a backup that failed, a truncated copy) and one of comments alone are no
        // configuration either: every device writes commands.
        bool binary = controls > 0 && controls * 100 > source.Length;
        if (binary || commands == 0 || recognised == 0)
        {
            string why = binary
                ? "it holds binary data (control characters or NUL bytes)"
                : layout?.Kind == CaptureWrapper.RestOneLine
                ? "it is an ASA REST API response with the whole configuration in one JSON string; save the string decoded (`jq -r '.response[]' FILE`) and lint that"
                : source.Length == source.PreambleLength ? "the file is empty"
                : commands == 0 ? "it has no commands" : "none of its lines is a PIX/ASA/FWSM/FTD command";
            diagnostics.Add(new ParseDiagnostic(ParseDiagnostic.NotAConfig, Severity.Error, new TextSpan(0, 0),
                $"not a PIX/ASA/FWSM/FTD configuration: {why}"));
        }
    }

    /// <summary>
    /// The number of blocks to keep open so that the line sits in the innermost of the blocks
    /// indentation closed (from <paramref name="open"/> to <paramref name="depth"/>) whose mode
    /// accepts it; <paramref name="open"/> when none does.
    /// </summary>
    private static int AcceptingBlock(Mode[] modes, int open, int depth, ReadOnlySpan<char> word, ReadOnlySpan<char> rest)
    {
        for (int k = depth - 1; k >= open; k--)
        {
            if (ModeTable.Accepts(modes[k], word, rest))
            {
                return k + 1;
            }
        }

        return open;
    }

    /// <summary>`exit` leaves the innermost open sub-mode only: the blocks to keep open.</summary>
    private static int InnermostMode(Mode[] modes, int open, int depth)
    {
        for (int k = depth - 1; k >= open; k--)
        {
            if (modes[k] != Mode.None)
            {
                return k;
            }
        }

        return open;
    }

    /// <summary>`PIX Version 6.3(5)`, `FWSM Version 2.3(2)`: software without an interface sub-mode.</summary>
    private static bool IsLegacyHeader(ReadOnlySpan<char> platform, ReadOnlySpan<char> rest)
    {
        var version = rest.TrimStart();
        int space = version.IndexOfAny(' ', '\t');
        version = space < 0 ? [] : version[space..].TrimStart();
        int dot = version.IndexOf('.');
        if (dot <= 0 || !int.TryParse(version[..dot], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int major))
        {
            return false;
        }

        return platform.Equals("PIX", StringComparison.OrdinalIgnoreCase) ? major < 7
            : platform.Equals("FWSM", StringComparison.OrdinalIgnoreCase) && major < 3;
    }

    /// <summary>Trailing white space removed (most lines have none: one check, not a call).</summary>
    private static ReadOnlySpan<char> TrimEnd(ReadOnlySpan<char> text) =>
        text.IsEmpty || (text[^1] > ' ' && text[^1] < '\u007F') ? text : text.TrimEnd();

    /// <summary>The offset of the next backspace or "More" at or after <paramref name="from"/> (int.MaxValue when none).</summary>
    private static int NextArtefact(ReadOnlySpan<char> text, int from)
    {
        var rest = text[from..];
        int backspace = rest.IndexOf('\b');
        int more = (backspace < 0 ? rest : rest[..backspace]).IndexOf("More", StringComparison.Ordinal);
        int rel = more >= 0 ? more : backspace;
        return rel < 0 ? int.MaxValue : from + rel;
    }

    /// <summary>`Cryptochecksum:...`, `Building configuration...`, `[OK]`: show-run framing.</summary>
    private static bool IsFraming(ReadOnlySpan<char> body) =>
        body.StartsWith("Cryptochecksum:", StringComparison.OrdinalIgnoreCase)
        || body.StartsWith("Building configuration", StringComparison.OrdinalIgnoreCase)
        || body.SequenceEqual("[OK]");

    private static bool IsVersionHeader(ReadOnlySpan<char> body)
    {
        int space = body.IndexOfAny(' ', '\t');
        if (space < 0)
        {
            return false;
        }

        var rest = body[space..].TrimStart();
        return rest.StartsWith("Version", StringComparison.OrdinalIgnoreCase)
            && (rest.Length == 7 || rest[7] is ' ' or '\t');
    }

    /// <summary>
    /// A command typed at a prompt and echoed without it: `show running-config`, `show
    /// startup-config`, `more system:running-config`, `wr term`, `write terminal` (no
    /// configuration command starts with `show` or `more`).
    /// </summary>
    private static bool IsEchoedCommand(ReadOnlySpan<char> word, ReadOnlySpan<char> rest)
    {
        if (word.Equals("show", StringComparison.OrdinalIgnoreCase) || word.Equals("more", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!word.Equals("wr", StringComparison.OrdinalIgnoreCase) && !word.Equals("write", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var next = rest.TrimStart();
        return next.StartsWith("t", StringComparison.OrdinalIgnoreCase) && "terminal".AsSpan().StartsWith(next.TrimEnd(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>`host#`, `host&gt;`, `host(config)#`, `host/ctx(config-pmap)#`: a CLI prompt, not a command.</summary>
    private static bool IsPrompt(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || (word[^1] != '#' && word[^1] != '>'))
        {
            return false;
        }

        var host = word[..^1];
        int paren = host.IndexOf('(');
        if (paren >= 0)
        {
            if (host[^1] != ')')
            {
                return false;
            }

            host = host[..paren];
        }

        if (host.IsEmpty || !char.IsAsciiLetterOrDigit(host[0]))
        {
            return false;
        }

        foreach (char c in host)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHexData(ReadOnlySpan<char> body)
    {
        foreach (char c in body)
        {
            if (!char.IsAsciiHexDigit(c) && c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The second half of a terminal-wrapped line: it starts in column 1 with a word that is no
    /// command PixLint knows (`tp`, `ut 0:05:00`, `0.0.2.25 eq smtp`), not with a comment or prompt.
    /// </summary>
    private static bool IsWrapContinuation(ReadOnlySpan<char> next)
    {
        if (next.IsEmpty || next[0] is ' ' or '\t' or '!' or ':' or '\r' || next.IsWhiteSpace())
        {
            return false;
        }

        int end = next.IndexOfAny(' ', '\t');
        var word = end < 0 ? next.TrimEnd() : next[..end];
        return !IsPrompt(word) && KeywordTable.Lookup(word) == Keyword.Other && !KeywordTable.IsKnownCommand(word);
    }

    /// <summary>The two halves of a wrapped line as one, each character mapped to its place in the file.</summary>
    private static CleanedLine Join(ReadOnlySpan<char> first, int firstOffset, ReadOnlySpan<char> second, int secondOffset)
    {
        var map = new int[first.Length + second.Length + 1];
        for (int k = 0; k < first.Length; k++)
        {
            map[k] = firstOffset + k;
        }

        for (int k = 0; k <= second.Length; k++)
        {
            map[first.Length + k] = secondOffset + k;
        }

        return new CleanedLine(string.Concat(first, second), map);
    }

    /// <summary>
    /// Removes pager prompts (`&lt;--- More ---&gt;`, `--More--`) with the backspaces and blanks that
    /// erased them, and applies stray backspaces. Returns null when the line has neither.
    /// </summary>
    private static CleanedLine? Clean(ReadOnlySpan<char> line, int offset)
    {
        bool changed = false;
        var sb = new System.Text.StringBuilder(line.Length);
        var map = new List<int>(line.Length + 1);
        int i = 0;
        while (i < line.Length)
        {
            int marker = line[i..].StartsWith(MoreAsa, StringComparison.Ordinal) ? MoreAsa.Length
                : line[i..].StartsWith(MoreIos, StringComparison.Ordinal) ? MoreIos.Length : 0;
            if (marker > 0)
            {
                changed = true;
                i += marker;

                // The erasure: a run of blanks and backspaces up to its last backspace.
                int j = i, lastBackspace = -1;
                while (j < line.Length && (line[j] == ' ' || line[j] == '\b'))
                {
                    if (line[j] == '\b')
                    {
                        lastBackspace = j;
                    }

                    j++;
                }

                if (lastBackspace >= 0)
                {
                    i = lastBackspace + 1;
                }

                continue;
            }

            if (line[i] == '\b')
            {
                changed = true;
                if (sb.Length > 0)
                {
                    sb.Length--;
                    map.RemoveAt(map.Count - 1);
                }

                i++;
                continue;
            }

            sb.Append(line[i]);
            map.Add(offset + i);
            i++;
        }

        if (!changed)
        {
            return null;
        }

        map.Add(offset + line.Length);
        return new CleanedLine(sb.ToString(), [.. map]);
    }
}
