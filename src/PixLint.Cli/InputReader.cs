using PixLint.Text;

namespace PixLint.Cli;

/// <summary>Reads an input (a file or standard input), turning I/O failures into one-line errors.</summary>
public static class InputReader
{
    /// <summary>Files larger than this are refused rather than read into memory.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>The input's bytes.</summary>
    public static byte[]? Read(InputFile input, CliEnvironment env, out string? error) =>
        Guard(input, env, fullPath => File.ReadAllBytes(fullPath), ReadAllBytes, out error);

    /// <summary>
    /// The input as text: a file is decoded while it is read (<see cref="SourceText.FromStream"/>), so a
    /// large file never sits in memory as bytes and text at once; standard input is read as a stream,
    /// in chunks, and decoded the same way.
    /// </summary>
    public static SourceText? ReadText(InputFile input, CliEnvironment env, out string? error) =>
        Guard(input, env, fullPath => ReadFile(env, input.DisplayPath, fullPath), stdin => SourceText.FromStream(input.DisplayPath, stdin, MaxBytes), out error);

    private static SourceText ReadFile(CliEnvironment env, string displayPath, string fullPath)
    {
        using var stream = env.FileSystem.OpenRead(fullPath);
        return SourceText.FromStream(displayPath, stream);
    }

    private static byte[] ReadAllBytes(Stream stdin)
    {
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
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
                return fromStdin(stdin);
            }

            if (FileKinds.Of(input.FullPath) == FileKind.Special)
            {
                // Opening a FIFO would wait for a writer, and a device like /dev/zero never ends.
                error = $"{input.DisplayPath}: error: not a regular file (a FIFO, socket or device); not read";
                return null;
            }

            var info = new FileInfo(input.FullPath);
            if (info.Length > MaxBytes)
            {
                error = $"{input.DisplayPath}: error: the file is {info.Length / (1 << 20)} MiB; the limit is {MaxBytes / (1 << 20)} MiB";
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
}
