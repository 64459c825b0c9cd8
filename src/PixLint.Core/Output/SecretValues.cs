using System.Text;
using PixLint.Syntax;

namespace PixLint.Output;

/// <summary>
/// The secret values one configuration holds (what <see cref="SecretRedactor"/> finds on its lines),
/// so that text built from the file, not printed from it line by line, can be scrubbed as well:
/// rule messages that capture a word of a command, syntax errors that quote a word, baseline
/// identities. A value is replaced wherever it stands as a whole word (not inside a longer word).
/// </summary>
public sealed class SecretValues
{
    public static readonly SecretValues None = new([]);

    // Longest first, so that a value containing another is replaced whole.
    private readonly string[] _values;

    private SecretValues(string[] values) => _values = values;

    public int Count => _values.Length;

    /// <summary>Collects the secret values of every command line of <paramref name="tree"/>.</summary>
    public static SecretValues Collect(SyntaxTree tree)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < tree.LineCount; i++)
        {
            if (tree.GetKind(i) != LineKind.Command || NeverSecret(tree.GetKeyword(i)))
            {
                continue;
            }

            var line = tree.Source.GetLineSpan(i);
            foreach (var (start, length) in SecretRedactor.FindSecrets(line))
            {
                var value = line.Slice(start, length);
                if (IsWorthScrubbing(value))
                {
                    values.Add(value.ToString());
                }
            }
        }

        return values.Count == 0 ? None : new SecretValues([.. values.OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal)]);
    }

    /// <summary><paramref name="text"/> with every whole-word occurrence of a secret value replaced by <see cref="SecretRedactor.Marker"/>.</summary>
    public string Scrub(string text)
    {
        if (_values.Length == 0 || text.Length == 0)
        {
            return text;
        }

        StringBuilder? sb = null;
        string current = text;
        foreach (string value in _values)
        {
            int from = 0;
            int at;
            while ((at = current.IndexOf(value, from, StringComparison.Ordinal)) >= 0)
            {
                int end = at + value.Length;
                if (IsBoundary(current, at - 1) && IsBoundary(current, end))
                {
                    sb ??= new StringBuilder(current.Length);
                    sb.Clear().Append(current, 0, at).Append(SecretRedactor.Marker).Append(current, end, current.Length - end);
                    current = sb.ToString();
                    from = at + SecretRedactor.Marker.Length;
                }
                else
                {
                    from = at + 1;
                }
            }
        }

        return ScrubTruncated(current);
    }

    /// <summary>A quoted value cut short (`'aaaaaaaa...'`): the word before `...` is replaced when a secret starts with it.</summary>
    private string ScrubTruncated(string text)
    {
        int dots = text.IndexOf("...", StringComparison.Ordinal);
        while (dots > 0)
        {
            int start = dots;
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]) && text[start - 1] is not ('\'' or '"' or '`' or '('))
            {
                start--;
            }

            int length = dots - start;
            if (length >= 4 && _values.Any(v => v.Length > length && v.AsSpan().StartsWith(text.AsSpan(start, length), StringComparison.Ordinal)))
            {
                text = string.Concat(text.AsSpan(0, start), SecretRedactor.Marker, text.AsSpan(dots));
                dots = start + SecretRedactor.Marker.Length;
            }

            dots = text.IndexOf("...", dots + 3, StringComparison.Ordinal);
        }

        return text;
    }

    // The bulk of a large configuration: access lists, objects, object-group members, names, NAT.
    // None of these commands takes a password or key, and skipping them before the marker search
    // keeps collecting the secrets of a 1M-line file from costing more than parsing it.
    private static bool NeverSecret(Keyword keyword) => keyword is Keyword.AccessList or Keyword.Object or Keyword.ObjectGroup
        or Keyword.Name or Keyword.Static or Keyword.Nat or Keyword.Conduit or Keyword.Host or Keyword.Subnet or Keyword.Range
        or Keyword.Fqdn or Keyword.Service or Keyword.NetworkObject or Keyword.PortObject or Keyword.ServiceObject
        or Keyword.GroupObject or Keyword.ProtocolObject;

    // Key ids and levels (`key 1`, `secret 5`) are numbers that would scrub port numbers and line
    // numbers from messages; short words are kept only when they are not plain numbers.
    private static bool IsWorthScrubbing(ReadOnlySpan<char> value) =>
        value.Length >= 6 || (value.Length >= 3 && value.ContainsAnyExceptInRange('0', '9'));

    private static bool IsBoundary(string text, int index) => index < 0 || index >= text.Length || !char.IsLetterOrDigit(text[index]);
}
