namespace PixLint.Cli;

/// <summary>Reads an input's bytes (a file or standard input), turning I/O failures into one-line errors.</summary>
public static class InputReader
{
    /// <summary>Files larger than this are refused rather than read into memory.</summary>
    public const long MaxBytes = 1L << 30;

    public static byte[]? Read(InputFile input, CliEnvironment env, out string? error)
    {
        error = null;
        try
        {
            if (input.FullPath is null)
            {
                using var stdin = env.OpenStdin();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                return buffer.ToArray();
            }

            var info = new FileInfo(input.FullPath);
            if (info.Length > MaxBytes)
            {
                error = $"{input.DisplayPath}: error: the file is {info.Length / (1 << 20)} MiB; the limit is {MaxBytes / (1 << 20)} MiB";
                return null;
            }

            return File.ReadAllBytes(input.FullPath);
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
