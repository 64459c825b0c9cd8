using System.Globalization;
using PixLint.Model;
using Sprache;

namespace PixLint.Syntax.Grammar;

/// <summary>
/// Word-level building blocks shared by the command grammars. A command line is a list of words
/// separated by blanks, so every primitive here reads one whole word and then skips the blanks after
/// it; errors then name the offending word ("unexpected `foo`, expected port number") instead of a
/// character. Primitives build their remainder directly, one <see cref="IInput"/> per word rather
/// than one per character, which is where Sprache spends its time otherwise.
/// </summary>
internal static class Lexical
{
    /// <summary>Any word (a run of non-blank characters).</summary>
    public static readonly Parser<string> Word = WordWhere(_ => true, "word");

    /// <summary>A name (policy-map, class-map, access-list, object, interface, ...).</summary>
    public static readonly Parser<string> Name = WordWhere(_ => true, "name");

    /// <summary>End of the command (only blanks may remain).</summary>
    public static readonly Parser<Unit> End = input =>
        AtEnd(input) ? Result.Success(Unit.Value, input) : Result.Failure<Unit>(input, "unexpected word", ["end of line"]);

    /// <summary>All remaining words (possibly none).</summary>
    public static readonly Parser<IReadOnlyList<string>> Rest = input =>
    {
        var words = new List<string>();
        var current = input;
        while (!AtEnd(current))
        {
            var r = Word(current);
            words.Add(r.Value);
            current = r.Remainder;
        }

        return Result.Success<IReadOnlyList<string>>(words, current);
    };

    /// <summary>The rest of the line as typed (spacing kept), for descriptions and remarks.</summary>
    public static readonly Parser<string> RestOfLine = input =>
    {
        string text = input.Source[input.Position..].TrimEnd();
        return Result.Success(text, Advance(input, input.Source.Length - input.Position));
    };

    /// <summary>A decimal number from 0 to 65535 or a port name, as a port number.</summary>
    public static Parser<int> Port(string? transport) => input =>
    {
        var r = Word(input);
        if (r.WasSuccessful && PortNames.TryResolve(r.Value, transport, out int port))
        {
            return Result.Success(port, r.Remainder);
        }

        return Fail<int>(input, "port number or name");
    };

    /// <summary>`PORT` or `PORT-PORT` as one word (fixup syntax).</summary>
    public static readonly Parser<PortRange> PortOrRange = input =>
    {
        var r = Word(input);
        if (r.WasSuccessful)
        {
            string w = r.Value;
            int dash = w.IndexOf('-', 1);
            if (dash < 0 && PortNames.TryResolve(w, null, out int single))
            {
                return Result.Success(PortRange.Single(single), r.Remainder);
            }

            if (dash > 0
                && PortNames.TryResolve(w[..dash], null, out int low)
                && PortNames.TryResolve(w[(dash + 1)..], null, out int high)
                && low <= high)
            {
                return Result.Success(new PortRange(low, high), r.Remainder);
            }
        }

        return Fail<PortRange>(input, "port number or range (PORT or LOW-HIGH)");
    };

    /// <summary>
    /// An optional part that can only be followed by the end of the line: present, or absent at the
    /// end. Unlike Sprache's <c>Optional</c>, a part that starts but goes wrong is an error at the
    /// offending word, and an absent part still lists itself among the expected words.
    /// </summary>
    public static Parser<(bool Present, T Value)> OptionalAtEnd<T>(Parser<T> part) =>
        part.Select(v => (true, v)).XOr(End.Return((false, default(T)!)));

    /// <summary>A decimal number.</summary>
    public static readonly Parser<int> Number = input =>
    {
        var r = Word(input);
        if (r.WasSuccessful && int.TryParse(r.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return Result.Success(n, r.Remainder);
        }

        return Fail<int>(input, "number");
    };

    /// <summary>One keyword, matched case-insensitively as a whole word; yields the keyword as written in the grammar.</summary>
    public static Parser<string> Kw(string keyword) => input =>
    {
        var r = Word(input);
        if (r.WasSuccessful && r.Value.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return Result.Success(keyword, r.Remainder);
        }

        return Fail<string>(input, $"'{keyword}'");
    };

    /// <summary>One of several keywords; yields the one matched (in its grammar spelling).</summary>
    public static Parser<string> OneOf(params string[] keywords) => input =>
    {
        var r = Word(input);
        if (r.WasSuccessful)
        {
            foreach (string k in keywords)
            {
                if (r.Value.Equals(k, StringComparison.OrdinalIgnoreCase))
                {
                    return Result.Success(k, r.Remainder);
                }
            }
        }

        return Result.Failure<string>(input, "unexpected word", keywords.Select(k => $"'{k}'"));
    };

    /// <summary>A word satisfying <paramref name="predicate"/>; <paramref name="expected"/> names it in errors.</summary>
    public static Parser<string> WordWhere(Func<string, bool> predicate, string expected) => input =>
    {
        if (AtEnd(input))
        {
            return Fail<string>(input, expected);
        }

        string source = input.Source;
        int start = input.Position;
        int end = start;
        while (end < source.Length && !IsBlank(source[end]))
        {
            end++;
        }

        string word = source[start..end];
        if (!predicate(word))
        {
            return Fail<string>(input, expected);
        }

        int next = end;
        while (next < source.Length && IsBlank(source[next]))
        {
            next++;
        }

        return Result.Success(word, Advance(input, next - start));
    };

    /// <summary>An IPv4 address in dotted-quad form.</summary>
    public static readonly Parser<string> Ipv4 = WordWhere(IsIpv4, "IPv4 address");

    /// <summary>True for `a.b.c.d` with each part 0-255.</summary>
    public static bool IsIpv4(string s) => IsIpv4(s.AsSpan());

    /// <summary>True for `a.b.c.d` with each part 0-255 (the fast paths read words as spans).</summary>
    public static bool IsIpv4(ReadOnlySpan<char> s)
    {
        int parts = 0, value = -1;
        foreach (char c in s)
        {
            if (c == '.')
            {
                if (value < 0)
                {
                    return false;
                }

                parts++;
                value = -1;
            }
            else if (char.IsAsciiDigit(c))
            {
                value = value < 0 ? c - '0' : (value * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        return parts == 3 && value >= 0;
    }

    /// <summary>Adds `.Named`-style wording without Sprache's "expected" merging surprises.</summary>
    public static IResult<T> Fail<T>(IInput input, string expected) =>
        Result.Failure<T>(input, "unexpected word", [expected]);

    /// <summary>Passes an inner failure on as the failure of a parser of another type.</summary>
    public static IResult<T> Propagate<T>(IResult<int> failure) =>
        Result.Failure<T>(failure.Remainder, failure.Message, failure.Expectations);

    public static IResult<T> Propagate<T>(IResult<object> failure) =>
        Result.Failure<T>(failure.Remainder, failure.Message, failure.Expectations);

    public static bool AtEnd(IInput input)
    {
        string s = input.Source;
        for (int i = input.Position; i < s.Length; i++)
        {
            if (!IsBlank(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsBlank(char c) => c is ' ' or '\t';

    /// <summary>Skips blanks at the start (commands are parsed from their first word).</summary>
    public static IInput SkipBlanks(IInput input)
    {
        int n = 0;
        while (input.Position + n < input.Source.Length && IsBlank(input.Source[input.Position + n]))
        {
            n++;
        }

        return n == 0 ? input : Advance(input, n);
    }

    /// <summary>Moves <paramref name="n"/> characters forward on the same line with one allocation.</summary>
    public static IInput Advance(IInput input, int n) =>
        input is LineInput line ? line.Skip(n) : AdvanceSlowly(input, n);

    private static IInput AdvanceSlowly(IInput input, int n)
    {
        for (int i = 0; i < n; i++)
        {
            input = input.Advance();
        }

        return input;
    }
}

/// <summary>The value of parsers that only check something.</summary>
internal readonly record struct Unit
{
    public static readonly Unit Value = default;
}
