using System.Globalization;
using System.Text;

namespace PixLint.Remediation;

/// <summary>
/// A unified diff (`diff -u`, `git diff`) of an <see cref="EditedText"/> against its original, with
/// three lines of context. Lines are what `patch` and `git apply` call lines: up to and including
/// a line feed, so a CRLF stays on its line and a lone CR (old Mac files, pager residue) is part
/// of the line's text. A last line without a line feed gets `\ No newline at end of file`. Lines
/// can be passed through a filter (secret redaction).
/// </summary>
public static class UnifiedDiff
{
    public const int DefaultContext = 3;

    private const string NoNewline = "\\ No newline at end of file\n";

    /// <summary>The diff, or an empty string when nothing changed.</summary>
    public static string Create(EditedText text, string oldName, string newName, Func<string, string>? filter = null, int context = DefaultContext)
    {
        string oldText = text.Original.Text, newText = text.Text;
        var regions = Regions(text.Changes(), oldText, newText);
        if (regions.Count == 0)
        {
            return string.Empty;
        }

        var oldLines = LineStarts(oldText);
        var newLines = LineStarts(newText);
        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldName).Append('\n');
        sb.Append("+++ ").Append(newName).Append('\n');

        // Each region as line ranges: old [A, B), new [C, D).
        var ranges = regions.Select(r => (A: LineOf(oldLines, r.OldStart), B: LineOf(oldLines, r.OldEnd), C: LineOf(newLines, r.NewStart), D: LineOf(newLines, r.NewEnd))).ToList();
        int total = oldLines.Count - 1;
        int i = 0;
        while (i < ranges.Count)
        {
            TimeBudget.Check();
            int j = i;
            while (j + 1 < ranges.Count && ranges[j + 1].A - ranges[j].B <= 2 * context)
            {
                j++;
            }

            int oldStart = Math.Max(0, ranges[i].A - context);
            int oldEnd = Math.Min(total, ranges[j].B + context);
            int newStart = ranges[i].C - (ranges[i].A - oldStart);
            int newCount = oldEnd - oldStart;
            for (int k = i; k <= j; k++)
            {
                newCount += (ranges[k].D - ranges[k].C) - (ranges[k].B - ranges[k].A);
            }

            sb.Append("@@ -").Append(Range(oldStart, oldEnd - oldStart)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            int line = oldStart;
            for (int k = i; k <= j; k++)
            {
                var (a, b, c, d) = ranges[k];
                for (; line < a; line++)
                {
                    AppendLine(sb, ' ', Line(oldText, oldLines, line), filter);
                }

                for (; line < b; line++)
                {
                    AppendLine(sb, '-', Line(oldText, oldLines, line), filter);
                }

                for (int n = c; n < d; n++)
                {
                    AppendLine(sb, '+', Line(newText, newLines, n), filter);
                }
            }

            for (; line < oldEnd; line++)
            {
                AppendLine(sb, ' ', Line(oldText, oldLines, line), filter);
            }

            i = j + 1;
        }

        return sb.ToString();
    }

    /// <summary>
    /// The changed character ranges widened to whole line-feed lines in both texts (the texts agree
    /// outside the ranges, so the same widening holds in both), merged where they touch.
    /// </summary>
    private static List<(int OldStart, int OldEnd, int NewStart, int NewEnd)> Regions(IReadOnlyList<LineChange> changes, string oldText, string newText)
    {
        var regions = new List<(int, int, int, int)>();
        foreach (var change in changes)
        {
            int s = change.OldCharStart, e = change.OldCharEnd, ns = change.NewCharStart, ne = change.NewCharEnd;
            int s2 = s;
            while (s2 > 0 && oldText[s2 - 1] != '\n')
            {
                s2--;
            }

            int e2 = e;
            if (!IsLineStart(oldText, e) || !IsLineStart(newText, ne))
            {
                while (e2 < oldText.Length && oldText[e2] != '\n')
                {
                    e2++;
                }

                e2 = Math.Min(oldText.Length, e2 + 1);
            }

            var region = (OldStart: s2, OldEnd: e2, NewStart: ns - (s - s2), NewEnd: ne + (e2 - e));
            if (regions.Count > 0 && region.OldStart <= regions[^1].Item2)
            {
                var last = regions[^1];
                regions[^1] = (last.Item1, Math.Max(last.Item2, region.OldEnd), last.Item3, Math.Max(last.Item4, region.NewEnd));
            }
            else
            {
                regions.Add(region);
            }
        }

        return regions;
    }

    /// <summary>True at the start of a line-feed line (or the end of the text).</summary>
    private static bool IsLineStart(string text, int offset) => offset == 0 || offset == text.Length || text[offset - 1] == '\n';

    /// <summary>Offsets where line-feed lines start, plus the text's length as a last entry.</summary>
    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            if (i + 1 < text.Length)
            {
                starts.Add(i + 1);
            }
        }

        starts.Add(text.Length);
        if (text.Length == 0)
        {
            starts.RemoveAt(1); // an empty text has no lines
        }

        return starts;
    }

    /// <summary>The line index starting at <paramref name="offset"/> (a line boundary, or the end).</summary>
    private static int LineOf(List<int> starts, int offset)
    {
        int index = starts.BinarySearch(offset);
        return index >= 0 ? index : ~index - 1;
    }

    private static string Line(string text, List<int> starts, int index) => text[starts[index]..starts[index + 1]];

    /// <summary>`start,count` with unified diff's rules: 1-based, and an empty range names the line before it.</summary>
    private static string Range(int start, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{start},0"),
        1 => (start + 1).ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}"),
    };

    private static void AppendLine(StringBuilder sb, char marker, string line, Func<string, string>? filter)
    {
        bool lineFeed = line.EndsWith('\n');
        int content = line.Length - (line.EndsWith("\r\n", StringComparison.Ordinal) ? 2 : lineFeed ? 1 : 0);
        string text = line[..content];
        sb.Append(marker).Append(filter is null ? text : filter(text));
        if (lineFeed)
        {
            sb.Append(line, content, line.Length - content);
        }
        else
        {
            sb.Append('\n').Append(NoNewline);
        }
    }
}
