using System.Text;
using PixLint.Text;

namespace PixLint.Remediation;

/// <summary>
/// A run of changed lines: original lines [<see cref="OldStart"/>, +<see cref="OldCount"/>) became
/// <see cref="NewLines"/> (each with its ending); in characters, original [<see cref="OldCharStart"/>,
/// <see cref="OldCharEnd"/>) became current [<see cref="NewCharStart"/>, <see cref="NewCharEnd"/>).
/// </summary>
public sealed record LineChange(int OldStart, int OldCount, int NewStart, IReadOnlyList<string> NewLines)
{
    public int OldCharStart { get; init; }

    public int OldCharEnd { get; init; }

    public int NewCharStart { get; init; }

    public int NewCharEnd { get; init; }
}

/// <summary>
/// A file's text through rounds of edits, kept as lines that remember which original line they
/// are: untouched lines are the original's bytes, so the result and the diff against the original
/// are exact whatever the number of rounds. Every round's edits are relative to <see cref="Text"/>.
/// </summary>
public sealed class EditedText
{
    private readonly SourceText _original;
    private readonly string _preamble;
    private List<Piece> _pieces;
    private string _text;

    public EditedText(SourceText original)
    {
        _original = original;
        _preamble = original.Text[..original.PreambleLength];
        _pieces = new List<Piece>(original.LineCount);
        for (int i = 0; i < original.LineCount; i++)
        {
            _pieces.Add(new Piece(i, null));
        }

        _text = original.Text;
    }

    public SourceText Original => _original;

    /// <summary>The current text (byte order mark included when the file has one).</summary>
    public string Text => _text;

    /// <summary>True once a round changed the text.</summary>
    public bool Changed => !string.Equals(_text, _original.Text, StringComparison.Ordinal);

    /// <summary>The current text encoded as the original was (same scheme, invalid bytes restored).</summary>
    public byte[] ToBytes() => _original.EncodeLike(_text);

    /// <summary>Applies one round of edits (spans in <see cref="Text"/>, none conflicting; insertions at one point keep their order).</summary>
    public void Apply(IReadOnlyList<TextEdit> edits)
    {
        if (edits.Count == 0)
        {
            return;
        }

        var starts = new int[_pieces.Count + 1];
        int offset = _preamble.Length;
        for (int i = 0; i < _pieces.Count; i++)
        {
            starts[i] = offset;
            offset += PieceLength(_pieces[i]);
        }

        starts[_pieces.Count] = offset;
        var ordered = edits.Select((e, i) => (e, i))
            .OrderBy(x => x.e.Span.Start).ThenBy(x => x.e.IsInsertion ? 0 : 1).ThenBy(x => x.i)
            .Select(x => x.e).ToList();

        var result = new List<Piece>(_pieces.Count + 8);
        int copied = 0;
        int g = 0;
        while (g < ordered.Count)
        {
            var (a, b) = Affected(ordered[g], starts);
            var group = new List<TextEdit> { ordered[g] };
            g++;
            while (g < ordered.Count)
            {
                var (a2, b2) = Affected(ordered[g], starts);
                if (a2 > b)
                {
                    break;
                }

                b = Math.Max(b, b2);
                group.Add(ordered[g]);
                g++;
            }

            string newText = ApplyWithin(group, a, b, starts);

            // A changed last line without an ending would join the next line: take that line in
            // (with any edit on it) so the pieces stay whole lines.
            while (b < _pieces.Count && newText.Length > 0 && !EndsWithLineEnding(newText))
            {
                b++;
                while (g < ordered.Count && Affected(ordered[g], starts).A < b)
                {
                    b = Math.Max(b, Affected(ordered[g], starts).B);
                    group.Add(ordered[g]);
                    g++;
                }

                newText = ApplyWithin(group, a, b, starts);
            }

            result.AddRange(_pieces.GetRange(copied, a - copied));
            result.AddRange(SplitLines(newText).Select(line => new Piece(-1, line)));
            copied = b;
        }

        result.AddRange(_pieces.GetRange(copied, _pieces.Count - copied));
        _pieces = result;
        _text = BuildText();
    }

    /// <summary>The preamble and every piece, written once into a string of the exact length (the file may be 100 MB).</summary>
    private string BuildText()
    {
        long length = _preamble.Length;
        foreach (var piece in _pieces)
        {
            length += PieceLength(piece);
        }

        return string.Create(checked((int)length), this, static (span, self) =>
        {
            self._preamble.AsSpan().CopyTo(span);
            int at = self._preamble.Length;
            foreach (var piece in self._pieces)
            {
                ReadOnlySpan<char> text = piece.Text ?? self.OriginalSpan(piece.Original);
                text.CopyTo(span[at..]);
                at += text.Length;
            }
        });
    }

    private ReadOnlySpan<char> OriginalSpan(int index)
    {
        var line = _original.GetLine(index);
        return _original.Text.AsSpan(line.Start, line.Length + line.Ending.Length());
    }

    /// <summary>The changed runs against the original, in order (what a unified diff shows).</summary>
    public IReadOnlyList<LineChange> Changes()
    {
        var changes = new List<LineChange>();
        var inserted = new List<string>();
        int next = 0, newLine = 0, runOld = -1, runNew = -1;
        int newOffset = _preamble.Length, runNewOffset = 0, insertedLength = 0;

        void Open()
        {
            if (runOld < 0)
            {
                (runOld, runNew, runNewOffset) = (next, newLine, newOffset);
            }
        }

        void Close(int oldEnd)
        {
            if (runOld >= 0)
            {
                changes.Add(new LineChange(runOld, oldEnd - runOld, runNew, [.. inserted])
                {
                    OldCharStart = OriginalOffset(runOld),
                    OldCharEnd = OriginalOffset(oldEnd),
                    NewCharStart = runNewOffset,
                    NewCharEnd = runNewOffset + insertedLength,
                });
                inserted.Clear();
                insertedLength = 0;
                runOld = -1;
            }
        }

        foreach (var piece in _pieces)
        {
            int length = PieceLength(piece);
            if (piece.Original < 0)
            {
                Open();
                inserted.Add(piece.Text!);
                insertedLength += length;
                newLine++;
                newOffset += length;
                continue;
            }

            if (piece.Original > next)
            {
                Open(); // original lines [next, piece.Original) were deleted
            }

            Close(piece.Original);
            next = piece.Original + 1;
            newLine++;
            newOffset += length;
        }

        if (_original.LineCount > next)
        {
            Open();
        }

        Close(_original.LineCount);
        return changes;
    }

    /// <summary>Where original line <paramref name="index"/> starts (the text's end for the line count).</summary>
    private int OriginalOffset(int index) =>
        index < _original.LineCount ? _original.GetLine(index).Start : _original.Length;

    /// <summary>Original line <paramref name="index"/> with its ending.</summary>
    public string OriginalLine(int index)
    {
        var line = _original.GetLine(index);
        return _original.Text.Substring(line.Start, line.Length + line.Ending.Length());
    }

    /// <summary>Splits text into lines that keep their endings (CRLF, LF or CR), the last one possibly without.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    public static bool EndsWithLineEnding(string text) => text.Length > 0 && text[^1] is '\n' or '\r';

    /// <summary>The lines an edit touches, [a, b); an empty range for whole lines inserted before a line (or at the end).</summary>
    private (int A, int B) Affected(TextEdit edit, int[] starts)
    {
        int count = _pieces.Count;
        if (count == 0)
        {
            return (0, 0);
        }

        if (edit.IsInsertion)
        {
            int o = edit.Span.Start;
            if (o >= starts[count])
            {
                return EndsWithLineEnding(PieceText(_pieces[count - 1])) ? (count, count) : (count - 1, count);
            }

            int r = PieceAt(o, starts);
            return o == starts[r] && EndsWithLineEnding(edit.NewText) ? (r, r) : (r, r + 1);
        }

        return (PieceAt(edit.Span.Start, starts), PieceAt(edit.Span.End - 1, starts) + 1);
    }

    private static int PieceAt(int offset, int[] starts)
    {
        int lo = 0, hi = starts.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset)
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

    private string ApplyWithin(List<TextEdit> group, int a, int b, int[] starts)
    {
        var sb = new StringBuilder();
        for (int i = a; i < b; i++)
        {
            AppendPiece(sb, _pieces[i]);
        }

        string old = sb.ToString();
        int origin = starts[a];
        var result = new StringBuilder(old.Length + 64);
        int pos = 0;
        foreach (var edit in group)
        {
            int start = edit.Span.Start - origin;
            result.Append(old, pos, start - pos).Append(edit.NewText);
            pos = start + edit.Span.Length;
        }

        result.Append(old, pos, old.Length - pos);
        return result.ToString();
    }

    private string PieceText(Piece piece) => piece.Text ?? OriginalLine(piece.Original);

    private int PieceLength(Piece piece)
    {
        if (piece.Text is not null)
        {
            return piece.Text.Length;
        }

        var line = _original.GetLine(piece.Original);
        return line.Length + line.Ending.Length();
    }

    private void AppendPiece(StringBuilder sb, Piece piece)
    {
        if (piece.Text is not null)
        {
            sb.Append(piece.Text);
            return;
        }

        sb.Append(OriginalSpan(piece.Original));
    }

    /// <summary>A line of the current text: an original line (by index) or new text.</summary>
    private readonly record struct Piece(int Original, string? Text);
}
