using System.Buffers;
using System.Text;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Output;

/// <summary>
/// Finds the secrets a PIX/ASA/FWSM/FTD line carries (passwords and their hashes, keys, pre-shared
/// keys, SNMP communities and users' keys, TACACS/RADIUS keys, failover keys, NTP and routing
/// authentication keys, IPsec manual keys, certificate bodies) so that every output can replace
/// them with <see cref="Marker"/>. When in doubt it redacts: a hidden word costs less than a leaked
/// key. The fixture tests/PixLint.Cli.Tests/Fixtures/secrets lists every kind it knows.
/// </summary>
public static class SecretRedactor
{
    public const string Marker = "<redacted>";

    // A secret follows these words wherever they appear in a command.
    private static readonly HashSet<string> SecretAfter = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pre-shared-key", "community", "ldap-login-password", "radius-common-pw",
        "secret", "key-string", "pre-shared-key-id",
        "area-password", "domain-password", // IS-IS `area-password [0|8] PASSWORD [authenticate snp ...]`
        "publickey", // `ssh authentication publickey KEY [hashed]` (a user's SSH key)
    };

    // `key` is a secret marker only in these commands (elsewhere: `crypto key generate`, `ssh key-exchange`...).
    private static readonly HashSet<string> KeyCommands = new(StringComparer.OrdinalIgnoreCase)
    {
        "failover", "isakmp", "tacacs-server", "radius-server", "key", "aaa-server", "ntp", "wccp", "ospf", "eigrp",
    };

    private static readonly HashSet<string> HashAlgorithms = new(StringComparer.OrdinalIgnoreCase)
    {
        "md5", "sha", "sha1", "sha224", "sha256", "sha384", "sha512",
    };

    // `authentication ALGORITHM [0|8] KEY key-id N` in a BFD template.
    private static readonly HashSet<string> BfdAlgorithms = new(StringComparer.OrdinalIgnoreCase)
    {
        "md5", "meticulous-md5", "sha-1", "meticulous-sha-1",
    };

    // Words that follow a key (so a digit before them is the key itself, not an encryption type).
    private static readonly HashSet<string> KeyTrailers = new(StringComparer.OrdinalIgnoreCase)
    {
        "key-id", "key_id", "level-1", "level-2", "authenticate",
    };

    // Words of `activation-key` that are options, not key material.
    private static readonly HashSet<string> ActivationKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "noconfirm", "activate", "deactivate",
    };

    private static readonly HashSet<string> PrivAlgorithms = new(StringComparer.OrdinalIgnoreCase)
    {
        "des", "3des", "aes", "128", "192", "256",
    };

    // Words of `... ipsec spi N ...` (OSPFv3 / IPv6 OSPF authentication and encryption) that are not keys.
    private static readonly HashSet<string> SpiKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "esp", "ah", "null", "md5", "sha1", "des", "3des", "aes-cbc", "128", "192", "256", "0", "7", "authentication", "encryption",
    };

    // A line without any of these cannot carry a secret (certificate data aside): most lines skip the word split.
    private static readonly SearchValues<string> Triggers = SearchValues.Create(
        ["pass", "key", "secret", "community", "auth", "priv", "-pw", "aaa-server", "spi", "session", "license", "://"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>The spans (offsets into <paramref name="line"/>) of secret words on one line of command text.</summary>
    public static List<(int Start, int Length)> FindSecrets(ReadOnlySpan<char> line)
    {
        var secrets = new List<(int, int)>();
        if (!MayHoldSecret(line))
        {
            return secrets;
        }

        var words = Words(line);
        if (words.Count == 0)
        {
            return secrets;
        }

        int first = words[0].Text.Equals("no", StringComparison.OrdinalIgnoreCase) && words.Count > 1 ? 1 : 0;
        string command = words[first].Text;
        bool keyCommand = KeyCommands.Contains(command)
            || (command.Equals("crypto", StringComparison.OrdinalIgnoreCase) && words.Count > first + 1 && words[first + 1].Text.Equals("isakmp", StringComparison.OrdinalIgnoreCase));

        void Secret(int index)
        {
            if (index < words.Count)
            {
                secrets.Add((words[index].Start, words[index].Text.Length));
            }
        }

        // Forms whose grammar places the secret where a marker word alone would miss it.
        int scanFrom = Grammar(words, first, command, Secret) ?? first;

        // `passwd X`, `key X` (aaa-server host sub-command): the command itself is the marker.
        for (int i = scanFrom; i < words.Count; i++)
        {
            string w = words[i].Text;
            bool marker = SecretAfter.Contains(w) || (keyCommand && w.Equals("key", StringComparison.OrdinalIgnoreCase));
            if (marker)
            {
                int next = i + 1;

                // `key hex X`, `secret 5 X`, `authentication-key 1 md5 X`, `message-digest-key 1 md5 X`.
                while (next < words.Count - 1 && (IsTypeDigit(words[next].Text) || words[next].Text.Equals("hex", StringComparison.OrdinalIgnoreCase)
                    || words[next].Text.Equals("ascii", StringComparison.OrdinalIgnoreCase) || HashAlgorithms.Contains(words[next].Text)))
                {
                    next++;
                }

                Secret(next);
                i = next;
                continue;
            }

            // SNMPv3 users: `auth sha X priv aes 128 Y`.
            if (w.Equals("auth", StringComparison.OrdinalIgnoreCase) && i + 2 < words.Count && HashAlgorithms.Contains(words[i + 1].Text))
            {
                Secret(i + 2);
                i += 2;
                continue;
            }

            if (w.Equals("priv", StringComparison.OrdinalIgnoreCase))
            {
                int next = i + 1;
                while (next < words.Count - 1 && PrivAlgorithms.Contains(words[next].Text))
                {
                    next++;
                }

                Secret(next);
                i = next;
            }
        }

        for (int i = first; i + 1 < words.Count; i++)
        {
            // Interface `authentication key eigrp AS [0|8] KEY key-id N`, `rip authentication key [0|8] KEY key_id N`,
            // IS-IS `isis authentication key [0|8] KEY [level-1|level-2]` and its router-mode `authentication key`.
            if (words[i].Text.Equals("authentication", StringComparison.OrdinalIgnoreCase) && words[i + 1].Text.Equals("key", StringComparison.OrdinalIgnoreCase))
            {
                bool eigrp = i + 2 < words.Count && words[i + 2].Text.Equals("eigrp", StringComparison.OrdinalIgnoreCase);
                Secret(SkipEncryptionType(words, eigrp ? i + 4 : i + 2));
            }

            // BFD templates: `authentication {md5|meticulous-md5|sha-1|meticulous-sha-1} [0|8] KEY key-id N`.
            if (words[i].Text.Equals("authentication", StringComparison.OrdinalIgnoreCase) && BfdAlgorithms.Contains(words[i + 1].Text))
            {
                Secret(SkipEncryptionType(words, i + 2));
            }

            // `ipv6 ospf authentication ipsec spi 500 md5 KEY`, `ospfv3 encryption ipsec spi 1001 esp 3des KEY sha1 KEY`:
            // every word after the SPI number that is not an algorithm is key material.
            if (words[i].Text.Equals("spi", StringComparison.OrdinalIgnoreCase) && i > first && words[i - 1].Text.Equals("ipsec", StringComparison.OrdinalIgnoreCase))
            {
                for (int k = i + 2; k < words.Count; k++)
                {
                    if (!SpiKeywords.Contains(words[k].Text))
                    {
                        Secret(k);
                    }
                }
            }

            // PIX manual IPsec keys: `crypto map M 10 set session-key inbound esp 300 cipher KEY authenticator KEY`.
            if (words[i].Text.Equals("session-key", StringComparison.OrdinalIgnoreCase))
            {
                for (int k = i + 1; k + 1 < words.Count; k++)
                {
                    if (words[k].Text.Equals("cipher", StringComparison.OrdinalIgnoreCase) || words[k].Text.Equals("authenticator", StringComparison.OrdinalIgnoreCase))
                    {
                        Secret(k + 1);
                    }
                }
            }
        }

        // PIX 6 `aaa-server GROUP (IF) host ADDRESS KEY [timeout N]`: the key has no keyword.
        if (command.Equals("aaa-server", StringComparison.OrdinalIgnoreCase))
        {
            for (int i = first; i + 2 < words.Count; i++)
            {
                if (words[i].Text.Equals("host", StringComparison.OrdinalIgnoreCase)
                    && !words[i + 2].Text.Equals("timeout", StringComparison.OrdinalIgnoreCase)
                    && !words[i + 2].Text.Equals("key", StringComparison.OrdinalIgnoreCase))
                {
                    Secret(i + 2);
                }
            }
        }

        // Cloud Web Security `license KEY` (under `scansafe general-options`): a hex key; `license smart` has none.
        if (command.Equals("license", StringComparison.OrdinalIgnoreCase) && words.Count > first + 1 && IsHexKey(words[first + 1].Text))
        {
            Secret(first + 1);
        }

        // Credentials in a URL (`ddns update-url https://user:PASSWORD@host/`, `copy ftp://user:PASSWORD@host/f`).
        foreach (var (start, text) in words)
        {
            if (UrlCredentials(text) is var (offset, length))
            {
                secrets.Add((start + offset, length));
            }
        }

        // Licence activation keys: `activation-key KEY...`, and `show version`'s `Running Permanent Activation Key: 0x... 0x...`
        // (the header Oxidized and RANCID write into saved configurations as comments).
        for (int i = 0; i < words.Count; i++)
        {
            bool isCommand = i == first && words[i].Text.Equals("activation-key", StringComparison.OrdinalIgnoreCase);
            bool header = words[i].Text.Equals("Key:", StringComparison.OrdinalIgnoreCase) && i > 0 && words[i - 1].Text.Equals("Activation", StringComparison.OrdinalIgnoreCase);
            if (isCommand || header)
            {
                for (int k = i + 1; k < words.Count; k++)
                {
                    if (!ActivationKeywords.Contains(words[k].Text))
                    {
                        Secret(k);
                    }
                }

                break;
            }
        }

        secrets.Sort();
        return secrets.Distinct().ToList();
    }

    /// <summary>
    /// The commands whose grammar says exactly which argument is the secret; returns the index the
    /// generic marker scan starts at (past the handled words), or null when the line is none of them.
    /// </summary>
    private static int? Grammar(List<(int Start, string Text)> words, int first, string command, Action<int> secret)
    {
        bool Is(int index, string word) => index < words.Count && words[index].Text.Equals(word, StringComparison.OrdinalIgnoreCase);

        // `ntp authentication-key ID {md5|sha1|...} KEY`: the id is a number of any length, never the key.
        if (command.Equals("ntp", StringComparison.OrdinalIgnoreCase) && Is(first + 1, "authentication-key"))
        {
            int next = first + 3;
            if (next < words.Count && HashAlgorithms.Contains(words[next].Text))
            {
                next++;
            }

            secret(SkipEncryptionType(words, next));
            return words.Count;
        }

        // `key config-key password-encryption [NEW [OLD]]`: both the new and the old master passphrase.
        if (command.Equals("key", StringComparison.OrdinalIgnoreCase) && Is(first + 1, "config-key") && Is(first + 2, "password-encryption"))
        {
            secret(first + 3);
            secret(first + 4);
            return words.Count;
        }

        for (int i = first; i < words.Count; i++)
        {
            // `[ospf] message-digest-key ID md5 [0|8] KEY` (interface and virtual-link): skip the id of any length.
            if (words[i].Text.Equals("message-digest-key", StringComparison.OrdinalIgnoreCase))
            {
                int next = i + 2;
                if (next < words.Count && HashAlgorithms.Contains(words[next].Text))
                {
                    next++;
                }

                secret(SkipEncryptionType(words, next));
                return next + 1;
            }

            // `ospf authentication-key [0|8] KEY`, `area A virtual-link ADDRESS authentication-key [0|8] KEY`.
            if (words[i].Text.Equals("authentication-key", StringComparison.OrdinalIgnoreCase))
            {
                int next = SkipEncryptionType(words, i + 1);
                secret(next);
                return next + 1;
            }
        }

        return null;
    }

    /// <summary>Past an optional encryption type (`0` clear text, `7`/`8` encrypted) when a key follows it.</summary>
    private static int SkipEncryptionType(List<(int Start, string Text)> words, int index) =>
        index + 1 < words.Count && words[index].Text is "0" or "7" or "8" && !KeyTrailers.Contains(words[index + 1].Text) ? index + 1 : index;

    /// <summary>The password (or token) in a URL's user information, as an offset and length into the word.</summary>
    private static (int Offset, int Length)? UrlCredentials(string word)
    {
        int scheme = word.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return null;
        }

        int authority = scheme + 3;
        int end = word.IndexOfAny(['/', '?', '#'], authority);
        int at = word.LastIndexOf('@', end < 0 ? word.Length - 1 : end - 1);
        if (at < authority)
        {
            return null;
        }

        int colon = word.IndexOf(':', authority, at - authority);
        return colon < 0 ? (authority, at - authority) : (colon + 1, at - colon - 1);
    }

    private static bool IsHexKey(string word) => word.Length >= 16 && word.All(char.IsAsciiHexDigit);

    /// <summary>One line of text with its secrets replaced (certificate data entirely replaced).</summary>
    public static string RedactLine(ReadOnlySpan<char> line, LineKind kind = LineKind.Command)
    {
        if (kind == LineKind.CertificateData)
        {
            int indent = line.Length - line.TrimStart().Length;
            return line[..indent].ToString() + Marker;
        }

        var secrets = FindSecrets(line);
        if (secrets.Count == 0)
        {
            return line.ToString();
        }

        var sb = new StringBuilder(line.Length);
        int pos = 0;
        foreach (var (start, length) in secrets)
        {
            if (start < pos)
            {
                continue;
            }

            sb.Append(line[pos..start]).Append(Marker);
            pos = start + length;
        }

        sb.Append(line[pos..]);
        return sb.ToString();
    }

    /// <summary>The display text of a line of a tree, redacted unless <paramref name="showSecrets"/>.</summary>
    public static string DisplayLine(SyntaxTree tree, int line, bool showSecrets)
    {
        var text = tree.Source.GetLineSpan(line);
        string shown = showSecrets ? text.ToString() : RedactLine(text, tree.GetKind(line));
        return LosslessUtf8.ToDisplay(shown);
    }

    /// <summary>True when <paramref name="offset"/> (absolute) falls inside a secret of its line.</summary>
    public static bool IsSecretAt(SyntaxTree tree, int offset)
    {
        int line = tree.Source.GetLineIndex(offset);
        if (line < 0)
        {
            return false;
        }

        if (tree.GetKind(line) == LineKind.CertificateData)
        {
            return true;
        }

        var span = tree.Source.GetLine(line);
        int rel = offset - span.Start;
        foreach (var (start, length) in FindSecrets(tree.Source.GetLineSpan(line)))
        {
            if (rel >= start && rel < start + length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A cheap first look: false when no secret marker word can be on the line.</summary>
    public static bool MayHoldSecret(ReadOnlySpan<char> line) => line.IndexOfAny(Triggers) >= 0;

    private static bool IsTypeDigit(string w) => w.Length == 1 && char.IsAsciiDigit(w[0]);

    private static List<(int Start, string Text)> Words(ReadOnlySpan<char> line)
    {
        var words = new List<(int, string)>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i > start)
            {
                words.Add((start, line[start..i].ToString()));
            }
        }

        return words;
    }
}
