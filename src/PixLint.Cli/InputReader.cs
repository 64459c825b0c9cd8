using PixLint.Text;

namespace PixLint.Cli;

/// <summary>Reads an input (a file or standard input), turning I/O failures into one-line errors.</summary>
public static class InputReader
{
    /// <summary>Inputs larger than this (files, and standard input) are refused rather than read into memory.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>The input's bytes.</summary>
    public static byte[]? Read(InputFile input, CliEnvironment env, out string? error) =>
        Guard(input, env, fullPath => File.ReadAllBytes(fullPath), stdin => ReadCapped(stdin, env.MaxInputBytes) ?? throw new InputTooLargeException(env.MaxInputBytes), out error);

    /// <summary>
    /// The input as text: a file is decoded while it is read (<see cref="SourceText.FromStream"/>), so a
    /// large file never sits in memory as bytes and text at once; standard input is read as a stream,
    /// in chunks, and decoded the same way (at most <see cref="CliEnvironment.MaxInputBytes"/>).
    /// </summary>
    public static SourceText? ReadText(InputFile input, CliEnvironment env, out string? error) =>
        Guard(input, env, fullPath => ReadFile(env, input.DisplayPath, fullPath), stdin => SourceText.FromStream(input.DisplayPath, stdin, env.MaxInputBytes), out error);

    private static SourceText ReadFile(CliEnvironment env, string displayPath, string fullPath)
    {
        using var stream = env.FileSystem.OpenRead(fullPath);
        return SourceText.FromStream(displayPath, stream);
    }

    private static T? Guard<T>(InputFile input, CliEnvironment env, Func<string, T> readFile, Func<Stream, T> fromStdin, out string? error)
        where T : class
    {
        error = null;
        try
        {
            if (input.FullPath is null)
            {
                using var stdin = env.OpenStdin();
                try
                {
                    if (stdin.CanSeek && stdin.Length > env.MaxInputBytes)
                    {
                        throw new InputTooLargeException(env.MaxInputBytes);
                    }

                    return fromStdin(stdin);
                }
                catch (InputTooLargeException)
                {
                    // Capped like a file: standard input could otherwise fill the memory (`yes | pixlint lint -`).
                    error = $"{input.DisplayPath}: error: standard input is over {Mebibytes(env.MaxInputBytes)} MiB; the limit is {Mebibytes(env.MaxInputBytes)} MiB";
                    return null;
                }
            }

            if (FileKinds.Of(input.FullPath) == FileKind.Special)
            {
                // Opening a FIFO would wait for a writer, and a device like /dev/zero never ends.
                error = $"{input.DisplayPath}: error: not a regular file (a FIFO, socket or device); not read";
                return null;
            }

            var info = new FileInfo(input.FullPath);
            if (info.Length > env.MaxInputBytes)
            {
                error = $"{input.DisplayPath}: error: the file is {Mebibytes(info.Length)} MiB; the limit is {Mebibytes(env.MaxInputBytes)} MiB";
                return null;
            }

            return readFile(input.FullPath);
        }
        catch (FileNotFoundException)
        {
            error = $"{input.DisplayPath}: error: no such file (it disappeared while pixlint was running)";
        }
        catch (DirectoryNotFoundException)
        {
            error = $"{input.DisplayPath}: error: no such file or directory";
        }
        catch (UnauthorizedAccessException)
        {
            error = $"{input.DisplayPath}: error: permission denied";
        }
        catch (IOException e)
        {
            error = $"{input.DisplayPath}: error: cannot read ({e.Message})";
        }

        return null;
    }

    internal static long Mebibytes(long bytes) => bytes / (1 << 20);

    /// <summary>All of <paramref name="stream"/>, or null once it has given more than <paramref name="limit"/> bytes (the rest is not read).</summary>
    internal static byte[]? ReadCapped(Stream stream, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
