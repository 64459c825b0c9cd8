using System.CommandLine;
using System.CommandLine.Parsing;

namespace PixLint.Cli;

/// <summary>
/// Turns System.CommandLine's parse result into plain usage errors: a token starting with `-` is an
/// option, never a path (unless after `--`; `-` alone is standard input), an unknown option or
/// command names the closest one, and a value of the wrong type says what was expected.
/// </summary>
internal static class UsageErrors
{
    /// <summary>
    /// The messages to print (without the `pixlint: error: ` prefix); empty when the command line is
    /// fine. <paramref name="selfExplained"/>: each names the fix itself (no "Try --help" line needed).
    /// </summary>
    public static List<string> Of(ParseResult result, out bool selfExplained)
    {
        var messages = new List<string>();
        var unknown = UnknownTokens(result);
        foreach (string token in unknown)
        {
            messages.Add(Describe(token, result.CommandResult));
            if (!token.StartsWith('-') && result.CommandResult.Command.Subcommands.Count > 0)
            {
                break; // a mistyped command: the words after it were meant for it
            }
        }

        int explained = messages.Count;
        foreach (var error in result.Errors)
        {
            if (unknown.Count > 0 && (error.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)
                || error.Message.StartsWith("Required command was not provided", StringComparison.Ordinal)))
            {
                continue; // said above, better
            }

            string plain = Plain(error);
            explained += plain == error.Message ? 0 : 1;
            messages.Add(plain);
        }

        selfExplained = explained == messages.Count;
        return messages;
    }

    /// <summary>Tokens System.CommandLine did not match, and `-`-tokens a positional argument swallowed before any `--`.</summary>
    private static List<string> UnknownTokens(ParseResult result)
    {
        var unknown = new List<string>(result.UnmatchedTokens);
        int doubleDash = -1;
        for (int i = 0; i < result.Tokens.Count; i++)
        {
            if (result.Tokens[i].Type == TokenType.DoubleDash)
            {
                doubleDash = i;
                break;
            }
        }

        foreach (var argument in result.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                int at = IndexOf(result.Tokens, token);
                if (token.Value.Length > 1 && token.Value[0] == '-' && (doubleDash < 0 || at < doubleDash) && !unknown.Contains(token.Value))
                {
                    unknown.Add(token.Value);
                }
            }
        }

        return unknown;
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static string Describe(string token, CommandResult where)
    {
        var command = where.Command;
        string path = CommandPath(where);
        if (token.StartsWith('-'))
        {
            string name = token.Split('=', 2)[0];
            var options = OptionsOf(where).SelectMany(o => new[] { o.Name }.Concat(o.Aliases)).Where(a => a.StartsWith("--", StringComparison.Ordinal));
            return Closest(name, options) is { } option
                ? $"unknown option '{name}'; did you mean '{option}'?"
                : $"unknown option '{name}' ('{path} --help' lists the options; a path starting with '-' goes after '--')";
        }

        if (command.Subcommands.Count > 0)
        {
            return Closest(token, command.Subcommands.Select(c => c.Name)) is { } sub
                ? $"unknown command '{token}'; did you mean '{sub}'?"
                : $"unknown command '{token}' ('{path} --help' lists the commands)";
        }

        return $"unexpected argument '{token}' ('{path} --help' shows the usage)";
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            names.Insert(0, c.Parent is null ? "pixlint" : c.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static IEnumerable<Option> OptionsOf(CommandResult result)
    {
        foreach (var option in result.Command.Options)
        {
            yield return option;
        }

        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(o => o.Recursive))
            {
                yield return option;
            }
        }
    }

    /// <summary>The candidate nearest <paramref name="word"/> (edits and swaps of neighbours), when near enough to be a typo.</summary>
    internal static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates.Distinct().Order(StringComparer.Ordinal))
        {
            int distance = Distance(word, candidate);
            int allowed = Math.Max(1, Math.Min(3, candidate.TrimStart('-').Length / 3));
            if ((distance <= allowed || (word.TrimStart('-').Length >= 3 && candidate.StartsWith(word, StringComparison.Ordinal))) && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>A type error in words (`--jobs expects a whole number, got 'abc'`), other errors as System.CommandLine words them.</summary>
    private static string Plain(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult o => o.Option,
            ArgumentResult { Parent: OptionResult o } => o.Option,
            _ => null,
        };
        string got = error.Message.Split('\'') is { Length: > 1 } parts ? parts[1] : string.Empty;
        const string oneOf = "Must be one of:";
        int choices = error.Message.IndexOf(oneOf, StringComparison.Ordinal);
        if (option is not null && choices >= 0)
        {
            // `Argument 'jsn' not recognized. Must be one of:\n\t'text'\n\t'json'...`
            var allowed = error.Message[(choices + oneOf.Length)..].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Trim('\'')).ToList();
            string expects = $"{option.Name} expects one of {string.Join(", ", allowed)}, got '{got}'";
            return Closest(got, allowed) is { } near ? $"{expects}; did you mean '{near}'?" : expects;
        }

        if (option is null || !error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            return error.Message;
        }

        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        string expected = type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) ? "a number"
            : type == typeof(bool) ? "true or false"
            : "a value of another kind";
        return $"{option.Name} expects {expected}, got '{got}'";
    }
}
