using System.Text;

namespace PixLint.Tests;

/// <summary>The same line-ending, BOM and encoding variants the syntax tests use.</summary>
internal static class Variants
{
    public static readonly string[] All = ["original", "crlf", "cr", "bom", "no-final-newline", "invalid-utf8"];

    public static byte[] Make(byte[] original, string variant)
    {
        switch (variant)
        {
            case "crlf":
                return ReplaceEndings(original, "\r\n");
            case "cr":
                return ReplaceEndings(original, "\r");
            case "bom":
                return [0xEF, 0xBB, 0xBF, .. original];
            case "no-final-newline":
                int end = original.Length;
                while (end > 0 && original[end - 1] is (byte)'\n' or (byte)'\r')
                {
                    end--;
                }

                return original[..end];
            case "invalid-utf8":
                return [.. original.SelectMany(b => b == (byte)'\n' ? new byte[] { 0x92, b } : [b]), 0xF0, 0x9F];
            default:
                return original;
        }
    }

    private static byte[] ReplaceEndings(byte[] bytes, string ending)
    {
        string text = Encoding.Latin1.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return Encoding.Latin1.GetBytes(text.Replace("\n", ending, StringComparison.Ordinal));
    }
}
