using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Remediation;

/// <summary>
/// Makes text edits on a configuration's lossless tree: replace a command's text (indentation and
/// trailing blanks stay), delete whole lines, insert whole lines. Inserted lines use the file's
/// line ending and its indentation, so every line a fix does not touch stays byte for byte.
/// </summary>
public sealed class ConfigEditor
{
    private readonly SyntaxTree _tree;
    private string? _indentUnit;

    public ConfigEditor(SyntaxTree tree)
    {
        _tree = tree;
        var dominant = tree.Source.DominantLineEnding;
        Newline = dominant == LineEnding.None ? "\n" : dominant.Text();
    }

    /// <summary>The line ending inserted lines get: the file's most common one.</summary>
    public string Newline { get; }

    /// <summary>One level of indentation as the file writes it (ASA: one space; a flat capture: none).</summary>
    public string IndentUnit => _indentUnit ??= FindIndentUnit();

    /// <summary>Replaces the command text of <paramref name="line"/> (not its indentation or trailing blanks).</summary>
    public TextEdit ReplaceCommand(int line, string text) => new(_tree.GetCommandSpan(line), text);

    /// <summary>Deletes lines <paramref name="first"/> to <paramref name="end"/> (exclusive), endings included.</summary>
    public TextEdit DeleteLines(int first, int end)
    {
        var source = _tree.Source;
        var last = source.GetLine(end - 1);
        int start = source.GetLine(first).Start;
        if (last.Ending == LineEnding.None && first > 0)
        {
            // The file has no final newline: the line before the deleted ones becomes the last, without its ending.
            start = source.GetLine(first - 1).End;
        }

        return new TextEdit(TextSpan.FromBounds(start, last.EndIncludingEnding), string.Empty);
    }

    /// <summary>Deletes a command with its block (every descendant line).</summary>
    public TextEdit DeleteBlock(int line) => DeleteLines(line, _tree.GetSubtreeEnd(line));

    /// <summary>Inserts whole lines (already indented) before <paramref name="line"/>.</summary>
    public TextEdit InsertBefore(int line, IEnumerable<string> lines)
    {
        string text = string.Concat(lines.Select(l => l + Newline));
        return new TextEdit(new TextSpan(_tree.Source.GetLine(line).Start, 0), text);
    }

    /// <summary>Inserts whole lines (already indented) after <paramref name="line"/> (not after its block).</summary>
    public TextEdit InsertAfter(int line, IEnumerable<string> lines)
    {
        var after = _tree.Source.GetLine(line);
        if (after.Ending == LineEnding.None)
        {
            // The last line has no ending: the inserted lines start with one and keep the file's missing final newline.
            return new TextEdit(new TextSpan(after.End, 0), string.Concat(lines.Select(l => Newline + l)));
        }

        return new TextEdit(new TextSpan(after.EndIncludingEnding, 0), string.Concat(lines.Select(l => l + Newline)));
    }

    /// <summary>Inserts whole lines after the block of <paramref name="line"/> (its last descendant).</summary>
    public TextEdit InsertAfterBlock(int line, IEnumerable<string> lines) => InsertAfter(_tree.GetSubtreeEnd(line) - 1, lines);

    /// <summary>The indentation of <paramref name="line"/> as written.</summary>
    public string IndentOf(int line)
    {
        var text = _tree.Source.GetLineSpan(line);
        int indent = _tree.GetIndent(line);
        if (indent <= text.Length && text[..indent].IndexOfAnyExcept(' ', '\t') < 0)
        {
            return text[..indent].ToString();
        }

        return new string(' ', indent); // pager residue before the command: fall back to spaces
    }

    /// <summary>
    /// Appends lines to <paramref name="parent"/>'s block, after its last descendant, each indented as
    /// its last direct child is: that indentation makes them its children again, even when the
    /// children are indented unevenly (a deeper indentation would hang them under the last child).
    /// </summary>
    public TextEdit AppendToBlock(int parent, IEnumerable<string> lines)
    {
        int last = -1;
        foreach (int child in _tree.GetChildren(parent))
        {
            last = child;
        }

        string indent = last >= 0 ? IndentOf(last) : IndentOf(parent) + IndentUnit;
        return InsertAfterBlock(parent, lines.Select(l => indent + l));
    }

    /// <summary>The indentation of <paramref name="parent"/>'s children: as an existing child writes it, else one level deeper.</summary>
    public string ChildIndent(int parent)
    {
        foreach (int child in _tree.GetChildren(parent))
        {
            return IndentOf(child);
        }

        return IndentOf(parent) + IndentUnit;
    }

    /// <summary>
    /// The first indented child's extra indentation; none in a flat file (its sub-mode lines were
    /// placed by the mode table, so inserted lines stay flat too); one space when there is no
    /// child at all to learn from.
    /// </summary>
    private string FindIndentUnit()
    {
        bool flatChild = false;
        for (int line = 0; line < _tree.LineCount; line++)
        {
            int parent = _tree.GetParent(line);
            if (_tree.IsCommand(line) && parent >= 0 && _tree.GetParent(parent) < 0)
            {
                string child = IndentOf(line);
                string top = IndentOf(parent);
                if (child.Length > top.Length)
                {
                    return child[top.Length..];
                }

                flatChild = true;
            }
        }

        return flatChild ? string.Empty : " ";
    }
}
