namespace PixLint.Text;

/// <summary>
/// Reads a small file the run depends on (`.pixlint.yaml`, a rule file, a baseline) with a size limit:
/// a file planted in a repository cannot make PixLint read gigabytes, nor a device such as /dev/zero
/// in its place make it read for ever.
/// </summary>
public static class BoundedFile
{
    /// <summary>`.pixlint.yaml` and rule files: a real one is a few KiB (above the 1 MiB a YAML value may have, so that a long value is still reported where it is).</summary>
    public const long MaxYamlBytes = 16L << 20;

    /// <summary>A baseline: one entry per accepted finding (about 200 bytes each).</summary>
    public const long MaxBaselineBytes = 256L << 20;

    /// <summary>
    /// The bytes of <paramref name="path"/>, or null with <paramref name="problem"/> (its size and the limit)
    /// when it is larger than <paramref name="limit"/>.
    /// </summary>
    /// <exception cref="IOException">it cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">permission denied.</exception>
    public static byte[]? Read(string path, long limit, out string? problem)
    {
        problem = null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (stream.CanSeek && stream.Length > limit)
        {
            problem = $"the file is {Size(stream.Length)}; the limit is {Size(limit)}";
            return null;
        }

        // Read in chunks up to the limit: a device such as /dev/zero reports a length of 0 and never ends.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                problem = $"the file is over {Size(limit)}; the limit is {Size(limit)}";
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Text (UTF-8, a byte order mark skipped) of <see cref="Read"/>.</summary>
    public static string? ReadText(string path, long limit, out string? problem) =>
        Read(path, limit, out problem) is { } bytes ? new System.Text.UTF8Encoding(false).GetString(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes) : null;

    private static string Size(long bytes) => bytes >= 1L << 20 ? $"{bytes >> 20} MiB" : $"{Math.Max(1, bytes >> 10)} KiB";
}
