namespace PixLint.Tests;

/// <summary>
/// Byte-level mutations of a configuration for the property tests (PixLint.Syntax.Tests and the
/// fuzz target's CsCheck run): insert a fragment, delete a slice, overwrite a byte, or duplicate a
/// slice (repeated blocks, re-entered policy-maps).
/// </summary>
internal static class Mutations
{
    /// <summary>
    /// Applies <paramref name="mutations"/> to a copy of <paramref name="original"/>. With
    /// <paramref name="lineStartsToo"/>, every other mutation lands at the start of its line, so
    /// whole commands and blocks move.
    /// </summary>
    public static byte[] Apply(byte[] original, (int Kind, int Position, int Fragment, int Length)[] mutations, byte[][] fragments, bool lineStartsToo = false)
    {
        var bytes = new List<byte>(original);
        foreach (var (kind, position, fragment, length) in mutations)
        {
            int at = bytes.Count == 0 ? 0 : position % (bytes.Count + 1);
            if (lineStartsToo && (position & 1) == 0)
            {
                while (at > 0 && bytes[at - 1] != (byte)'\n')
                {
                    at--;
                }
            }

            switch (kind)
            {
                case 0:
                    bytes.InsertRange(at, fragments[fragment]);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(length, bytes.Count - at));
                    break;
                case 2 when at < bytes.Count:
                    bytes[at] = (byte)(position >> 8);
                    break;
                default:
                    int len = Math.Min(length, bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, len));
                    break;
            }
        }

        return [.. bytes];
    }
}
