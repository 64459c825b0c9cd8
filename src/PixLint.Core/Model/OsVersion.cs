using System.Globalization;

namespace PixLint.Model;

/// <summary>
/// A PIX/ASA/FWSM/FTD software version: `6.3(5)`, `6.3(5)122`, `9.12(4)37`, `8.0(3)`, `9.9`, `7.2.5`
/// (FTD), `4.x` (fwbuilder). Components that are absent compare as 0; <see cref="Text"/> keeps the original.
/// </summary>
public sealed record OsVersion(int Major, int Minor, int Maintenance, int Interim, string Text) : IComparable<OsVersion>
{
    /// <summary>True when the minor number was a wildcard such as `4.x`.</summary>
    public bool MinorIsWildcard { get; init; }

    public static bool TryParse(string? text, out OsVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        int i = 0;
        if (!TryNumber(s, ref i, out int major) || i >= s.Length || s[i] != '.')
        {
            return false;
        }

        i++;
        int minor = 0;
        bool wildcard = false;
        if (i < s.Length && (s[i] == 'x' || s[i] == 'X'))
        {
            wildcard = true;
            i++;
        }
        else if (!TryNumber(s, ref i, out minor))
        {
            return false;
        }

        int maintenance = 0, interim = 0;
        if (i < s.Length && s[i] == '(')
        {
            i++;
            if (!TryNumber(s, ref i, out maintenance) || i >= s.Length || s[i] != ')')
            {
                return false;
            }

            i++;
            if (i < s.Length && !TryNumber(s, ref i, out interim))
            {
                return false;
            }
        }
        else if (i < s.Length && s[i] == '.')
        {
            i++;
            if (!TryNumber(s, ref i, out maintenance))
            {
                return false;
            }

            if (i < s.Length && s[i] == '.')
            {
                i++;
                if (!TryNumber(s, ref i, out interim))
                {
                    return false;
                }
            }
        }

        if (i != s.Length)
        {
            return false;
        }

        version = new OsVersion(major, minor, maintenance, interim, s.ToString()) { MinorIsWildcard = wildcard };
        return true;
    }

    public static OsVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"not a PIX/ASA version: '{text}'");

    public int CompareTo(OsVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        int c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Maintenance.CompareTo(other.Maintenance);
        if (c == 0) c = Interim.CompareTo(other.Interim);
        return c;
    }

    public static bool operator <(OsVersion a, OsVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(OsVersion a, OsVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(OsVersion a, OsVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(OsVersion a, OsVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => Text;

    private static bool TryNumber(ReadOnlySpan<char> s, ref int i, out int value)
    {
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 9)
        {
            i++;
        }

        value = 0;
        return i > start && int.TryParse(s[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
