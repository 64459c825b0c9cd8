using System.Globalization;
using System.Text;

namespace PixLint.Remediation;

/// <summary>
/// A unified diff (`diff -u`, `git diff`) of an <see cref="EditedText"/> against its original,
/// with three lines of context. Lines keep their own endings, so `patch` and `git apply`
/// reproduce CRLF and trailing blanks exactly; a last line without an ending gets the usual
/// `\ No newline at end of file`. Lines can be passed through a filter (secret redaction).
/// </summary>
public static class UnifiedDiff
{
    public const int DefaultContext = 3;

    private const string NoNewline = "\\ No newline at end of file\n";

    /// <summary>The diff, or an empty string when nothing changed.</summary>
    public static string Create(EditedText text, string oldName, string newName, Func<string, string>? filter = null, int context = DefaultContext)
    {
        var changes = text.Changes();
        if (changes.Count == 0)
        {
            return string.Empty;
        }

        int total = text.Original.LineCount;
        var sb = new StringBuilder();
        sb.Append("--- ").Append(oldName).Append('\n');
        sb.Append("+++ ").Append(newName).Append('\n');
        int i = 0;
        while (i < changes.Count)
        {
            // A hunk takes every change whose context touches the previous one's.
            int j = i;
            while (j + 1 < changes.Count && changes[j + 1].OldStart - (changes[j].OldStart + changes[j].OldCount) <= 2 * context)
            {
                j++;
            }

            int oldStart = Math.Max(0, changes[i].OldStart - context);
            int oldEnd = Math.Min(total, changes[j].OldStart + changes[j].OldCount + context);
            int newStart = changes[i].NewStart - (changes[i].OldStart - oldStart);
            int oldCount = oldEnd - oldStart;
            int newCount = oldCount;
            for (int k = i; k <= j; k++)
            {
                newCount += changes[k].NewLines.Count - changes[k].OldCount;
            }

            sb.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            int line = oldStart;
            for (int k = i; k <= j; k++)
            {
                var change = changes[k];
                for (; line < change.OldStart; line++)
                {
                    AppendLine(sb, ' ', text.OriginalLine(line), filter);
                }

                for (; line < change.OldStart + change.OldCount; line++)
                {
                    AppendLine(sb, '-', text.OriginalLine(line), filter);
                }

                foreach (string added in change.NewLines)
                {
                    AppendLine(sb, '+', added, filter);
                }
            }

            for (; line < oldEnd; line++)
            {
                AppendLine(sb, ' ', text.OriginalLine(line), filter);
            }

            i = j + 1;
        }

        return sb.ToString();
    }

    /// <summary>`start,count` with unified diff's rules: 1-based, and an empty range names the line before it.</summary>
    private static string Range(int start, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{start},0"),
        1 => (start + 1).ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}"),
    };

    private static void AppendLine(StringBuilder sb, char marker, string line, Func<string, string>? filter)
    {
        int content = line.Length;
        while (content > 0 && line[content - 1] is '\n' or '\r')
        {
            content--;
        }

        string text = line[..content];
        sb.Append(marker).Append(filter is null ? text : filter(text));
        if (content == line.Length)
        {
            sb.Append('\n').Append(NoNewline);
        }
        else
        {
            sb.Append(line, content, line.Length - content);
        }
    }
}
