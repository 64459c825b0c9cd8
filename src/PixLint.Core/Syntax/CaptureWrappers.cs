using PixLint.Text;

namespace PixLint.Syntax;

/// <summary>How a configuration was wrapped when it was captured.</summary>
public enum CaptureWrapper : byte
{
    /// <summary>No wrapper around the lines (RANCID's and Oxidized's `!` headers are comments and need none).</summary>
    None = 0,

    /// <summary>Inside a Markdown code fence (```` ``` ```` or `~~~`); the text outside the fences is prose.</summary>
    MarkdownFence,

    /// <summary>`show tech-support` or several `show` outputs: only the `show running-config` section is configuration.</summary>
    ShowSections,

    /// <summary>An ASA REST API CLI response, `{"response":["...` with each line ending in `\n\` or `\`.</summary>
    RestLinewise,

    /// <summary>An ASA REST API CLI response with the whole configuration in one JSON string on one line.</summary>
    RestOneLine,
}

/// <summary>
/// Where a captured configuration sits inside its wrapper: which lines are wrapper text (kept in
/// the tree, never read as commands) and, for the line-wise REST form, how many characters of
/// JSON open and close each line. <see cref="CaptureWrappers.Find"/> makes one.
/// </summary>
public sealed class CaptureLayout
{
    private readonly bool[] _wrapperLines;
    private readonly int[]? _prefix;
    private readonly int[]? _suffix;

    internal CaptureLayout(CaptureWrapper kind, bool[] wrapperLines, int[]? prefix, int[]? suffix)
    {
        Kind = kind;
        _wrapperLines = wrapperLines;
        _prefix = prefix;
        _suffix = suffix;
        FirstConfigLine = Array.IndexOf(wrapperLines, false);
        EndConfigLine = Array.LastIndexOf(wrapperLines, false) + 1;
    }

    public CaptureWrapper Kind { get; }

    /// <summary>The first line of the configuration (-1 when every line is wrapper text).</summary>
    public int FirstConfigLine { get; }

    /// <summary>One past the last line of the configuration.</summary>
    public int EndConfigLine { get; }

    /// <summary>True for a line of the wrapper (a fence, prose, another `show` section, the JSON around the lines).</summary>
    public bool IsWrapperLine(int line) => _wrapperLines[line];

    /// <summary>Characters of wrapper at the start of <paramref name="line"/> (`{"response":["` on the first REST line).</summary>
    public int PrefixLength(int line) => _prefix is null ? 0 : _prefix[line];

    /// <summary>Characters of wrapper at the end of <paramref name="line"/> (`\n\`, `\` or `\n"]}` on REST lines).</summary>
    public int SuffixLength(int line) => _suffix is null ? 0 : _suffix[line];
}

/// <summary>
/// Recognises the wrappers configurations arrive in, without reading them as commands: a Markdown
/// code fence, `show tech-support` sections, the ASA REST API CLI response in its line-wise
/// escaped form and on one line. Prompts with the echoed command (`fw# show running-config`),
/// `Building configuration...`, `[OK]`, `: Saved` and `more system:running-config` are read line
/// by line by <see cref="ConfigParser"/>; RANCID's `!RANCID-CONTENT-TYPE:` / `!Chassis type:` and
/// Oxidized's `! ` show-version header are `!` comments. Also what a file sniffer can call: given
/// the text, where the configuration lines are.
/// </summary>
public static class CaptureWrappers
{
    private const string RestStart = "{\"response\"";

    /// <summary>The wrapper around <paramref name="source"/>, or null when it has none (the common case: one look at each line's first character).</summary>
    public static CaptureLayout? Find(SourceText source)
    {
        var text = source.Text.AsSpan();
        var lines = source.Lines;
        if (lines.Length == 0)
        {
            return null;
        }

        var firstLine = text.Slice(lines[0].Start, lines[0].Length).TrimStart();
        if (firstLine.StartsWith(RestStart, StringComparison.Ordinal))
        {
            return Rest(source);
        }

        int fence = -1, section = -1;
        for (int i = 0; i < lines.Length && fence < 0 && section < 0; i++)
        {
            var line = lines[i];
            if (line.Length < 3)
            {
                continue;
            }

            char c = text[line.Start];
            if (c is '`' or '~' && IsFence(text.Slice(line.Start, line.Length)))
            {
                fence = i;
            }
            else if (c == '-' && SectionName(text.Slice(line.Start, line.Length)) is not null)
            {
                section = i;
            }
        }

        return fence >= 0 ? Fenced(source, fence) : section >= 0 ? Sections(source, section) : null;
    }

    /// <summary>```` ``` ````, ```` ```cisco ````, `~~~`: a Markdown fence line.</summary>
    private static bool IsFence(ReadOnlySpan<char> line)
    {
        line = line.TrimEnd();
        return (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            && line[3..].IndexOfAny('`', ' ') < 0;
    }

    /// <summary>`------------------ show running-config ------------------`: the command a show-tech section holds, or null.</summary>
    private static string? SectionName(ReadOnlySpan<char> line)
    {
        line = line.Trim();
        if (!line.StartsWith("-----", StringComparison.Ordinal) || !line.EndsWith("-----", StringComparison.Ordinal))
        {
            return null;
        }

        var name = line.Trim('-').Trim();
        return name.StartsWith("show ", StringComparison.OrdinalIgnoreCase) || name.StartsWith("more ", StringComparison.OrdinalIgnoreCase) ? name.ToString() : null;
    }

    /// <summary>Lines inside fences are the configuration; fence lines and the prose around them are wrapper.</summary>
    private static CaptureLayout Fenced(SourceText source, int first)
    {
        var text = source.Text.AsSpan();
        var wrapper = new bool[source.LineCount];
        bool inside = false;
        for (int i = 0; i < wrapper.Length; i++)
        {
            var line = source.Lines[i];
            if (i >= first && line.Length >= 3 && IsFence(text.Slice(line.Start, line.Length)))
            {
                inside = !inside;
                wrapper[i] = true;
                continue;
            }

            wrapper[i] = !inside;
        }

        return new CaptureLayout(CaptureWrapper.MarkdownFence, wrapper, null, null);
    }

    /// <summary>Only the `show running-config` (or `show startup-config`, `more system:running-config`) section is configuration.</summary>
    private static CaptureLayout Sections(SourceText source, int first)
    {
        var text = source.Text.AsSpan();
        var wrapper = new bool[source.LineCount];
        bool config = false;
        for (int i = 0; i < wrapper.Length; i++)
        {
            var line = source.Lines[i];
            string? name = i >= first && line.Length > 10 && text[line.Start] == '-' ? SectionName(text.Slice(line.Start, line.Length)) : null;
            if (name is not null)
            {
                config = name.Contains("running-config", StringComparison.OrdinalIgnoreCase) || name.Contains("startup-config", StringComparison.OrdinalIgnoreCase);
                wrapper[i] = true;
                continue;
            }

            wrapper[i] = !config;
        }

        return new CaptureLayout(CaptureWrapper.ShowSections, wrapper, null, null);
    }

    /// <summary>
    /// The REST API response. Line-wise: `{"response":["` opens the first line, every line ends in
    /// `\` (after a literal `\n` or not), and `"]}` closes the last; each line is then read without
    /// them. On one line: the whole configuration is one JSON string, which is not read (see the diagnostic).
    /// </summary>
    private static CaptureLayout Rest(SourceText source)
    {
        var text = source.Text.AsSpan();
        int count = source.LineCount;
        var wrapper = new bool[count];
        if (count <= 2 || CountContinued(source) * 2 < count)
        {
            Array.Fill(wrapper, true);
            return new CaptureLayout(CaptureWrapper.RestOneLine, wrapper, null, null);
        }

        var prefix = new int[count];
        var suffix = new int[count];
        for (int i = 0; i < count; i++)
        {
            var line = source.Lines[i];
            var content = text.Slice(line.Start, line.Length);
            int start = 0;
            if (i == 0)
            {
                // `{"response":["` or `{"response": [ "`: up to the first quote after the bracket.
                int bracket = content.IndexOf('[');
                int quote = bracket < 0 ? -1 : content[bracket..].IndexOf('"');
                start = quote < 0 ? content.Length : bracket + quote + 1;
                prefix[i] = start;
            }

            var body = content[start..];
            int end = body.Length;
            var trimmed = body.TrimEnd();
            if (trimmed.EndsWith("\"]}", StringComparison.Ordinal) || trimmed.EndsWith("\" ] }", StringComparison.Ordinal))
            {
                end = trimmed.LastIndexOf('"');
            }
            else if (trimmed.EndsWith('\\'))
            {
                end = trimmed.Length - 1;
            }

            var kept = body[..end];
            if (kept.EndsWith("\\n", StringComparison.Ordinal))
            {
                end -= 2;
            }

            suffix[i] = body.Length - end;
            wrapper[i] = body[..end].IsWhiteSpace() && (i == 0 || i == count - 1);
        }

        return new CaptureLayout(CaptureWrapper.RestLinewise, wrapper, prefix, suffix);
    }

    private static int CountContinued(SourceText source)
    {
        var text = source.Text.AsSpan();
        int n = 0;
        foreach (var line in source.Lines)
        {
            if (text.Slice(line.Start, line.Length).TrimEnd().EndsWith('\\'))
            {
                n++;
            }
        }

        return n;
    }
}
