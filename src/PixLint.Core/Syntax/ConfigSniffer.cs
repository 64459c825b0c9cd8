using System.Text;

namespace PixLint.Syntax;

/// <summary>What <see cref="ConfigSniffer"/> decided about a file, and why (shown by `--list-files`).</summary>
public readonly record struct SniffResult(bool IsConfig, string Reason);

/// <summary>
/// The one place that decides whether a file is a PIX/ASA/FWSM/FTD configuration, from its first
/// bytes (<see cref="HeadBytes"/>) and, for Markdown, its name; the file's other names and
/// extensions do not matter. Capture wrappers are looked through first: RANCID and Oxidized
/// comment headers (`!`), a prompt with `show run` or `more system:running-config`,
/// `Building configuration...`, a Markdown code fence, and an ASA REST API response
/// (`{"response":["...config..."]}`). Then a configuration is a file with a version line
/// (`ASA Version 9.8(4)`, also PIX, FWSM, NGFW and FTD), a `: Saved` header, or, near the top, at
/// least <see cref="MinimumCommands"/> different PIX/ASA commands making up most of its lines.
/// A Markdown file is a configuration only when one of its code fences holds one (a README that
/// quotes two commands is prose). Binary files (NUL bytes, known magic numbers) never are.
/// </summary>
public static class ConfigSniffer
{
    /// <summary>How much of a file the decision reads.</summary>
    public const int HeadBytes = 16 * 1024;

    /// <summary>Different commands a file without a version line or `: Saved` header must start with.</summary>
    public const int MinimumCommands = 3;

    private const int MaxLinesLooked = 200;

    private static readonly (byte[] Magic, string Kind)[] Magics =
    [
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "a PNG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ("%PDF"u8.ToArray(), "a PDF document"),
        ([(byte)'P', (byte)'K', 3, 4], "a ZIP archive (or an Office document)"),
        ([0x1F, 0x8B], "a gzip archive"),
        ("BZh"u8.ToArray(), "a bzip2 archive"),
        ([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0], "an xz archive"),
        ([(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C], "a 7-Zip archive"),
        ([0x28, 0xB5, 0x2F, 0xFD], "a zstd archive"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], "an ELF executable"),
        ("SQLite format 3"u8.ToArray(), "an SQLite database"),
    ];

    private static readonly string[] PlatformWords = ["PIX", "ASA", "FWSM", "NGFW", "FTD"];

    /// <summary>True for names that are Markdown documents (a configuration only inside a code fence).</summary>
    public static bool IsMarkdownName(string fileName) =>
        fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".mdown", StringComparison.OrdinalIgnoreCase);

    /// <summary>Decides from the first bytes of a file (<paramref name="head"/>, at most <see cref="HeadBytes"/> are looked at).</summary>
    public static SniffResult Sniff(ReadOnlySpan<byte> head, string fileName = "")
    {
        if (head.Length > HeadBytes)
        {
            head = head[..HeadBytes];
        }

        if (head.IsEmpty)
        {
            return new(false, "empty file");
        }

        foreach (var (magic, kind) in Magics)
        {
            if (head.StartsWith(magic))
            {
                return new(false, $"binary file ({kind})");
            }
        }

        if (head.Contains((byte)0))
        {
            return new(false, "binary file (NUL bytes)");
        }

        string text = Encoding.Latin1.GetString(head);
        if (text.StartsWith('\u00EF') && text.StartsWith("\u00EF\u00BB\u00BF", StringComparison.Ordinal))
        {
            text = text[3..];
        }

        if (IsMarkdownName(fileName))
        {
            string fenced = FencedBlocks(text);
            if (fenced.Length == 0)
            {
                return new(false, "Markdown document with no code fence holding a configuration");
            }

            var inFence = Decide(fenced);
            return inFence.IsConfig
                ? new(true, "Markdown document whose code fence holds a configuration: " + inFence.Reason)
                : new(false, "Markdown document with no code fence holding a configuration");
        }

        if (RestApiBody(text) is { } body)
        {
            var inJson = Decide(body);
            return inJson.IsConfig ? new(true, "ASA REST API response holding a configuration: " + inJson.Reason) : inJson;
        }

        return Decide(text);
    }

    private static SniffResult Decide(string text)
    {
        var commands = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int looked = 0, known = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.TrimEnd();
            if (line.IsEmpty || IsWrapper(line))
            {
                continue;
            }

            if (line.StartsWith(": Saved", StringComparison.Ordinal))
            {
                return new(true, "': Saved' header");
            }

            if (IsVersionLine(line))
            {
                return new(true, $"version line '{line.Trim().ToString()}'");
            }

            if (line[0] is ' ' or '\t' || line[0] == ':')
            {
                continue; // a block's child line, or a colon comment: neither tells
            }

            if (++looked > MaxLinesLooked)
            {
                break;
            }

            var word = FirstWord(line);
            if (KeywordTable.Lookup(word) != Keyword.Other || KeywordTable.IsKnownCommand(word))
            {
                known++;
                commands.Add(word.ToString());
            }
        }

        if (commands.Count >= MinimumCommands && known * 2 > looked)
        {
            return new(true, $"{known} of its first {looked} lines are PIX/ASA commands ({string.Join(", ", commands.Take(5))})");
        }

        return new(false, commands.Count == 0
            ? "not a PIX/ASA/FWSM/FTD configuration (no version line, ': Saved' header or configuration command near the top)"
            : $"not a PIX/ASA/FWSM/FTD configuration (no version line or ': Saved' header, and only {known} of its first {looked} lines are configuration commands)");
    }

    /// <summary>`ASA Version 9.8(4)`, `PIX Version 6.3(5)`, `FWSM Version 4.1(4) &lt;context&gt;`, `NGFW Version 7.0.1`.</summary>
    private static bool IsVersionLine(ReadOnlySpan<char> line)
    {
        foreach (string platform in PlatformWords)
        {
            if (line.StartsWith(platform, StringComparison.OrdinalIgnoreCase)
                && line[platform.Length..].StartsWith(" Version ", StringComparison.OrdinalIgnoreCase))
            {
                // The version and at most a context marker: a sentence that starts like one is prose.
                var rest = line[(platform.Length + " Version ".Length)..].Trim();
                int words = rest.IsEmpty ? 0 : 1;
                foreach (char c in rest)
                {
                    words += c == ' ' ? 1 : 0;
                }

                return words is 1 or 2;
            }
        }

        return false;
    }

    /// <summary>Lines a capture or a backup tool adds around the configuration.</summary>
    private static bool IsWrapper(ReadOnlySpan<char> line)
    {
        var t = line.TrimStart();
        if (t.IsEmpty || t[0] == '!' || t[0] == '#' || t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal))
        {
            return true; // RANCID/Oxidized headers and comments, shell-style banners, code fences
        }

        if (t.StartsWith("Building configuration", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("Current configuration", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("Cryptochecksum:", StringComparison.OrdinalIgnoreCase)
            || t.SequenceEqual("[OK]")
            || t.StartsWith("more system:", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("show run", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // A prompt: `fw01# show run`, `fw01/admin> more system:running-config`, `fw01(config)# `.
        int mark = t.IndexOfAny('#', '>');
        if (mark > 0 && t[..mark].IndexOfAny(' ', '\t') < 0)
        {
            var after = t[(mark + 1)..].Trim();
            return after.IsEmpty || after.StartsWith("sh", StringComparison.OrdinalIgnoreCase)
                || after.StartsWith("more ", StringComparison.OrdinalIgnoreCase)
                || after.StartsWith("terminal ", StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    private static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> line)
    {
        int end = line.IndexOfAny(' ', '\t');
        return end < 0 ? line : line[..end];
    }

    /// <summary>The lines inside ``` or ~~~ fences (an unclosed fence runs to the end of what was read).</summary>
    private static string FencedBlocks(string text)
    {
        var sb = new StringBuilder();
        bool inside = false;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var t = raw.TrimStart();
            if (t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal))
            {
                inside = !inside;
                continue;
            }

            if (inside)
            {
                sb.Append(raw).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>The first string of `{"response": ["..."]}` (the ASA REST API's CLI answer), unescaped; null for anything else.</summary>
    private static string? RestApiBody(string text)
    {
        var t = text.AsSpan().TrimStart();
        if (t.IsEmpty || t[0] != '{')
        {
            return null;
        }

        int key = t.IndexOf("\"response\"", StringComparison.Ordinal);
        if (key < 0)
        {
            return null;
        }

        var rest = t[(key + "\"response\"".Length)..].TrimStart();
        if (rest.IsEmpty || rest[0] != ':')
        {
            return null;
        }

        rest = rest[1..].TrimStart();
        if (rest.IsEmpty || rest[0] != '[')
        {
            return null;
        }

        rest = rest[1..].TrimStart();
        if (rest.IsEmpty || rest[0] != '"')
        {
            return null;
        }

        var sb = new StringBuilder();
        for (int i = 1; i < rest.Length; i++)
        {
            char c = rest[i];
            if (c == '"')
            {
                break;
            }

            if (c != '\\' || i + 1 >= rest.Length)
            {
                sb.Append(c);
                continue;
            }

            char e = rest[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u' when i + 4 < rest.Length && int.TryParse(rest.Slice(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out int code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default: sb.Append(e); break;
            }
        }

        return sb.ToString();
    }
}
