using System.Buffers;
using System.Collections.Frozen;

namespace PixLint.Diagnosis;

/// <summary>
/// The shapes of SMTP lines (RFC 5321 §4.1 and §4.2): reply lines, and which words are commands.
/// Pure functions over one line; no state.
/// </summary>
public static class SmtpSyntax
{
    /// <summary>Commands that take no argument: a line holding one of them alone is a command.</summary>
    private static readonly FrozenSet<string> BareVerbs = new[] { "DATA", "RSET", "QUIT", "STARTTLS", "TURN" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Commands with one optional argument word (a domain, a keyword).</summary>
    private static readonly FrozenSet<string> OneWordVerbs = new[] { "EHLO", "HELO", "LHLO", "NOOP", "HELP", "ETRN", "ATRN", "BDAT" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Commands whose argument is free-form.</summary>
    private static readonly FrozenSet<string> FreeVerbs = new[] { "VRFY", "EXPN", "XCLIENT", "XFORWARD", "SEND", "SOML", "SAML" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly SearchValues<char> MaskCharacters = SearchValues.Create("*20 ");

    /// <summary>
    /// Parses `250-text`, `250 text` or a bare `250`: three digits, the first 1-5, then a space,
    /// a hyphen, a tab or the end of the line.
    /// </summary>
    public static bool TryParseReply(string line, out int code, out bool continues, out string text)
    {
        code = 0;
        continues = false;
        text = string.Empty;
        if (line.Length < 3 || line[0] is < '1' or > '5' || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2]))
        {
            return false;
        }

        if (line.Length > 3 && line[3] is not (' ' or '-' or '\t'))
        {
            return false;
        }

        code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
        continues = line.Length > 3 && line[3] == '-';
        text = line.Length > 4 ? line[4..] : string.Empty;
        return true;
    }

    /// <summary>
    /// The verb and argument when <paramref name="line"/> reads as a command a person or a client
    /// typed. Strict enough that prose ("Mail server said ...") is not a command.
    /// </summary>
    public static bool TryParseCommand(string line, out string verb, out string argument)
    {
        verb = string.Empty;
        argument = string.Empty;
        string trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (IsMaskedCommand(trimmed))
        {
            verb = trimmed.Split(' ', 2)[0];
            argument = trimmed.Length > verb.Length ? trimmed[(verb.Length + 1)..].Trim() : string.Empty;
            return true;
        }

        string[] parts = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        string word = parts[0];
        string rest = parts.Length > 1 ? parts[1].Trim() : string.Empty;
        int restWords = rest.Length == 0 ? 0 : rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        bool ok;
        if (BareVerbs.Contains(word))
        {
            ok = restWords == 0;
        }
        else if (OneWordVerbs.Contains(word))
        {
            ok = restWords <= 1;
        }
        else if (FreeVerbs.Contains(word))
        {
            ok = true;
        }
        else if (word.Equals("AUTH", StringComparison.OrdinalIgnoreCase))
        {
            ok = restWords is >= 1 and <= 2;
        }
        else if (word.Equals("MAIL", StringComparison.OrdinalIgnoreCase))
        {
            ok = rest.StartsWith("FROM:", StringComparison.OrdinalIgnoreCase);
        }
        else if (word.Equals("RCPT", StringComparison.OrdinalIgnoreCase))
        {
            ok = rest.StartsWith("TO:", StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            ok = false;
        }

        if (!ok)
        {
            return false;
        }

        verb = word.ToUpperInvariant();
        argument = rest;
        return true;
    }

    /// <summary>A command overwritten with X's on the way (`XXXXXXXX`, `XXXX XXXXXXXXX`): at least four X's and nothing but X's and spaces.</summary>
    public static bool IsMaskedCommand(string text)
    {
        string trimmed = text.Trim();
        int xs = trimmed.Count(c => c == 'X');
        return xs >= 4 && trimmed.All(c => c is 'X' or ' ');
    }

    /// <summary>
    /// Text made only of mask characters (`*`, and the `2`, `0` and spaces a Cisco banner mask keeps),
    /// at least 60% of them asterisks (the heuristic of the reference notes, §1.5).
    /// </summary>
    public static bool IsMaskShaped(string text, int minimumAsterisks)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.AsSpan().IndexOfAnyExcept(MaskCharacters) >= 0)
        {
            return false;
        }

        int stars = trimmed.Count(c => c == '*');
        int others = trimmed.Count(c => c is '2' or '0');
        return stars >= minimumAsterisks && 2 * stars >= 3 * others;
    }

    /// <summary>The first word of a reply line's text (an EHLO keyword), upper case.</summary>
    public static string FirstWord(string text)
    {
        string trimmed = text.Trim();
        int space = trimmed.AsSpan().IndexOfAny(' ', '\t');
        return (space < 0 ? trimmed : trimmed[..space]).ToUpperInvariant();
    }
}
