namespace PixLint.Cli;

/// <summary>
/// Everything the CLI touches outside itself: streams, working folder, environment, terminal facts.
/// The real process uses <see cref="FromConsole"/>; tests pass their own.
/// </summary>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    Func<Stream> OpenStdin,
    Func<Stream> OpenStdout,
    string WorkingDirectory,
    Func<string, string?> GetVariable,
    bool StdoutIsTerminal,
    bool StderrIsTerminal)
{
    public static CliEnvironment FromConsole()
    {
        var stdout = new StreamWriter(new ReportStream(Console.OpenStandardOutput(), "standard output"), new System.Text.UTF8Encoding(false)) { AutoFlush = true };
        var stderr = new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false)) { AutoFlush = true };
        return new CliEnvironment(
            stdout,
            stderr,
            Console.OpenStandardInput,
            () => new NonClosingStream(Console.OpenStandardOutput()),
            Directory.GetCurrentDirectory(),
            Environment.GetEnvironmentVariable,
            !Console.IsOutputRedirected,
            !Console.IsErrorRedirected)
        {
            StdinIsTerminal = !Console.IsInputRedirected,
        };
    }

    /// <summary>Standard input is a terminal (diagnose says what it waits for).</summary>
    public bool StdinIsTerminal { get; init; }

    /// <summary>File operations of `fix --write` (tests replace them to simulate failures).</summary>
    public IFileSystem FileSystem { get; init; } = PhysicalFileSystem.Instance;

    /// <summary>The clock of the per-file time budget (tests pass one that runs faster).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The largest input (a file or standard input) read; tests lower it.</summary>
    public long MaxInputBytes { get; init; } = InputReader.MaxBytes;

    /// <summary>
    /// Colour on stdout: never with NO_COLOR set (https://no-color.org); always with FORCE_COLOR set
    /// (https://force-color.org: CI logs that render ANSI); otherwise on a terminal.
    /// </summary>
    public bool UseColor => string.IsNullOrEmpty(GetVariable("NO_COLOR")) && (!string.IsNullOrEmpty(GetVariable("FORCE_COLOR")) || StdoutIsTerminal);

    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}

/// <summary>Lets formatters dispose their writer without closing the process's stdout.</summary>
internal sealed class NonClosingStream(Stream inner) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    protected override void Dispose(bool disposing)
    {
        inner.Flush();
        base.Dispose(disposing);
    }
}
