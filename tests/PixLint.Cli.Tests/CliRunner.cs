using System.Text;
using PixLint.Cli;

namespace PixLint.Tests;

/// <summary>Runs the CLI in-process with captured streams (the same code path as the binary's Main).</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, byte[] StdoutBytes, string Stderr)
    {
        public string Stdout => Encoding.UTF8.GetString(StdoutBytes);
    }

    public static Result Run(string[] args, string? workingDirectory = null, byte[]? stdin = null, Dictionary<string, string>? environment = null, bool terminal = false)
    {
        var stdout = new MemoryStream();
        var outWriter = new StreamWriter(stdout, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true };
        var stderr = new StringWriter();
        var env = new CliEnvironment(
            outWriter,
            stderr,
            () => new MemoryStream(stdin ?? []),
            () => new KeepOpen(stdout),
            workingDirectory ?? TestPaths.RepoRoot,
            name => environment is not null && environment.TryGetValue(name, out string? v) ? v : null,
            StdoutIsTerminal: terminal,
            StderrIsTerminal: terminal);
        int code = PixLintCli.Run(args, env);
        outWriter.Flush();
        return new Result(code, stdout.ToArray(), stderr.ToString());
    }

    private sealed class KeepOpen(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}

/// <summary>A temporary folder removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pixlint-test-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, byte[] bytes)
    {
        string full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
