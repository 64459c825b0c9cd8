using System.Text;
using System.Text.RegularExpressions;

namespace PixLint.Output;

/// <summary>
/// Escaping and the small Markdown subset rule documentation uses (paragraphs, `## ` headings,
/// `- ` lists, fenced code, inline code, bare links), rendered as HTML with every character of the
/// input escaped: nothing from a rule file or a configuration becomes markup.
/// </summary>
public static partial class HtmlText
{
    /// <summary>Escapes text for HTML element content and double- or single-quoted attribute values.</summary>
    public static string Encode(string text)
    {
        // Control characters and bidi overrides from a configuration never reach the page (nor a terminal that shows it).
        text = Text.LosslessUtf8.ToDisplay(text, keepLineBreaks: true);
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>One line of Markdown text: `code` spans and bare http(s) links; everything else escaped.</summary>
    public static string Inline(string text)
    {
        var sb = new StringBuilder(text.Length + 32);
        var parts = text.Split('`');
        for (int i = 0; i < parts.Length; i++)
        {
            // Odd parts are inside backticks, unless the last backtick is unmatched.
            bool code = i % 2 == 1 && (parts.Length % 2 == 1 || i < parts.Length - 1);
            if (code)
            {
                sb.Append("<code>").Append(Encode(parts[i])).Append("</code>");
            }
            else
            {
                if (i % 2 == 1)
                {
                    sb.Append('`');
                }

                sb.Append(Links(parts[i]));
            }
        }

        return sb.ToString();
    }

    /// <summary>A Markdown document (rule docs) as HTML; headings start at <paramref name="topLevel"/>.</summary>
    public static string Markdown(string markdown, int topLevel = 3)
    {
        var html = new StringBuilder();
        var paragraph = new List<string>();
        bool inList = false;
        bool inCode = false;

        void FlushParagraph()
        {
            if (paragraph.Count > 0)
            {
                html.Append("<p>").Append(Inline(string.Join(' ', paragraph))).Append("</p>\n");
                paragraph.Clear();
            }
        }

        void CloseList()
        {
            if (inList)
            {
                html.Append("</ul>\n");
                inList = false;
            }
        }

        foreach (string raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            string line = raw.TrimEnd();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                FlushParagraph();
                CloseList();
                html.Append(inCode ? "</code></pre>\n" : "<pre><code>");
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                html.Append(Encode(raw)).Append('\n');
                continue;
            }

            if (line.Length == 0)
            {
                FlushParagraph();
                CloseList();
                continue;
            }

            int hashes = line.TakeWhile(c => c == '#').Count();
            if (hashes > 0 && hashes < line.Length && line[hashes] == ' ')
            {
                FlushParagraph();
                CloseList();
                int level = Math.Min(6, topLevel + hashes - 1);
                html.Append($"<h{level}>").Append(Inline(line[(hashes + 1)..])).Append($"</h{level}>\n");
                continue;
            }

            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                FlushParagraph();
                if (!inList)
                {
                    html.Append("<ul>\n");
                    inList = true;
                }

                html.Append("<li>").Append(Inline(line[2..])).Append("</li>\n");
                continue;
            }

            CloseList();
            paragraph.Add(line.Trim());
        }

        FlushParagraph();
        CloseList();
        if (inCode)
        {
            html.Append("</code></pre>\n");
        }

        return html.ToString();
    }

    private static string Links(string text)
    {
        var sb = new StringBuilder();
        int last = 0;
        foreach (Match m in UrlPattern().Matches(text))
        {
            string url = m.Value.TrimEnd('.', ',', ')', ';');
            sb.Append(Encode(text[last..m.Index]));
            sb.Append("<a href=\"").Append(Encode(url)).Append("\">").Append(Encode(url)).Append("</a>");
            last = m.Index + url.Length;
        }

        sb.Append(Encode(text[last..]));
        return sb.ToString();
    }

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UrlPattern();
}
