namespace PixLint.Rules;

/// <summary>
/// The other ways a fixture arrives: flattened (every leading space and tab removed, as capture
/// tools that strip lines leave it) and re-indented with tabs (each leading blank a tab). Line
/// endings, a byte order mark and every other byte stay as they are.
/// </summary>
public static class FixtureVariants
{
    public const string Flattened = "flattened";
    public const string Tabs = "tab-indented";

    /// <summary>The variants of <paramref name="bytes"/> that differ from it (none for UTF-16 files, whose blanks are two bytes).</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Of(byte[] bytes)
    {
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            yield break;
        }

        foreach (var (name, indent) in new (string, Func<byte, byte?>)[] { (Flattened, _ => null), (Tabs, _ => (byte)'\t') })
        {
            byte[] variant = Reindent(bytes, indent);
            if (!variant.AsSpan().SequenceEqual(bytes))
            {
                yield return (name, variant);
            }
        }
    }

    /// <summary>Each leading blank of each line through <paramref name="replace"/> (null drops it).</summary>
    private static byte[] Reindent(byte[] bytes, Func<byte, byte?> replace)
    {
        var output = new List<byte>(bytes.Length);
        bool lineStart = true;
        foreach (byte b in bytes)
        {
            if (lineStart && b is (byte)' ' or (byte)'\t')
            {
                if (replace(b) is { } kept)
                {
                    output.Add(kept);
                }

                continue;
            }

            lineStart = b is (byte)'\n' or (byte)'\r';
            output.Add(b);
        }

        return [.. output];
    }
}
