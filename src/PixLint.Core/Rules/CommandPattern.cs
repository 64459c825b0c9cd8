namespace PixLint.Rules;

/// <summary>
/// A word pattern for the `command` subject: literal words (case-insensitive), `*` for any one
/// word, `{name}` to capture one word, `{name...}` to capture the rest (possibly nothing), and
/// `...` for any rest. `telnet {address} {mask} {interface}` matches `telnet 0.0.0.0 0.0.0.0 outside`.
/// </summary>
public sealed class CommandPattern
{
    private enum TokenKind : byte
    {
        Literal,
        Any,
        Capture,
        CaptureRest,
        AnyRest,
    }

    private readonly (TokenKind Kind, string Text)[] _tokens;

    private CommandPattern(string text, (TokenKind, string)[] tokens)
    {
        Text = text;
        _tokens = tokens;
    }

    public string Text { get; }

    public IEnumerable<string> Captures => _tokens.Where(t => t.Kind is TokenKind.Capture or TokenKind.CaptureRest).Select(t => t.Text);

    /// <summary>The first word when it is literal (lets the engine skip other lines quickly).</summary>
    public string? FirstLiteral => _tokens.Length > 0 && _tokens[0].Kind == TokenKind.Literal ? _tokens[0].Text : null;

    public static CommandPattern? Parse(string text, out string? error)
    {
        error = null;
        var tokens = new List<(TokenKind, string)>();
        string[] words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            error = "a pattern needs at least one word";
            return null;
        }

        for (int i = 0; i < words.Length; i++)
        {
            string w = words[i];
            bool last = i == words.Length - 1;
            if (w == "...")
            {
                if (!last)
                {
                    error = "'...' may only end a pattern";
                    return null;
                }

                tokens.Add((TokenKind.AnyRest, w));
            }
            else if (w == "*")
            {
                tokens.Add((TokenKind.Any, w));
            }
            else if (w.StartsWith('{') && w.EndsWith('}'))
            {
                string name = w[1..^1];
                bool rest = name.EndsWith("...", StringComparison.Ordinal);
                if (rest)
                {
                    name = name[..^3];
                    if (!last)
                    {
                        error = $"'{w}' may only end a pattern";
                        return null;
                    }
                }

                if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
                {
                    error = $"'{w}' is not a capture (expected {{name}} with letters, digits, '-' or '_')";
                    return null;
                }

                if (tokens.Any(t => t.Item2 == name && t.Item1 is TokenKind.Capture or TokenKind.CaptureRest))
                {
                    error = $"'{name}' is captured twice";
                    return null;
                }

                tokens.Add((rest ? TokenKind.CaptureRest : TokenKind.Capture, name));
            }
            else
            {
                tokens.Add((TokenKind.Literal, w));
            }
        }

        return new CommandPattern(text, [.. tokens]);
    }

    /// <summary>Matches the words of a command; captured words go into <paramref name="captures"/>.</summary>
    public bool TryMatch(IReadOnlyList<string> words, Dictionary<string, string> captures)
    {
        for (int i = 0; i < _tokens.Length; i++)
        {
            var (kind, text) = _tokens[i];
            switch (kind)
            {
                case TokenKind.AnyRest:
                    return true;
                case TokenKind.CaptureRest:
                    captures[text] = i < words.Count ? string.Join(' ', words.Skip(i)) : string.Empty;
                    return true;
            }

            if (i >= words.Count)
            {
                return false;
            }

            switch (kind)
            {
                case TokenKind.Literal when !words[i].Equals(text, StringComparison.OrdinalIgnoreCase):
                    return false;
                case TokenKind.Capture:
                    captures[text] = words[i];
                    break;
            }
        }

        return words.Count == _tokens.Length;
    }
}
