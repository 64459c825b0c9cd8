using System.Diagnostics;
using System.Text;
using PixLint.Cli;

namespace PixLint.Tests;

/// <summary>
/// Runs the CLI with captured streams: in-process by default (the same code path as the binary's
/// Main), or, when the environment variable <c>PIXLINT_BIN</c> names a pixlint executable (the
/// Native AOT binary in CI), as a real process with the same arguments, folder, standard input and
/// environment, so the end-to-end tests check the shipped binary too.
/// </summary>
internal static class CliRunner
{
    /// <summary>The environment variable naming the binary to test instead of running in-process.</summary>
    public const string BinaryVariable = "PIXLINT_BIN";

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The binary under test, or null to run in-process.</summary>
    public static string? Binary { get; } = FindBinary();

    public sealed record Result(int ExitCode, byte[] StdoutBytes, string Stderr)
    {
        public string Stdout => Encoding.UTF8.GetString(StdoutBytes);
    }

    public static Result Run(string[] args, string? workingDirectory = null, byte[]? stdin = null, Dictionary<string, string>? environment = null, bool terminal = false)
    {
        return Binary is null
            ? RunInProcess(args, workingDirectory, stdin, environment, terminal)
            : RunProcess(Binary, args, workingDirectory ?? TestPaths.RepoRoot, stdin, environment, terminal);
    }

    /// <summary>
    /// Always in-process, with an environment the test adjusts (a file system that fails, a clock
    /// that runs fast): what only an injected environment can simulate.
    /// </summary>
    public static Result RunInProcess(string[] args, string workingDirectory, Func<CliEnvironment, CliEnvironment> adjust) =>
        RunInProcess(args, workingDirectory, null, null, terminal: false, adjust);

    private static Result RunInProcess(string[] args, string? workingDirectory, byte[]? stdin, Dictionary<string, string>? environment, bool terminal, Func<CliEnvironment, CliEnvironment>? adjust = null)
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
        int code = PixLintCli.Run(args, adjust is null ? env : adjust(env));
        outWriter.Flush();
        return new Result(code, stdout.ToArray(), stderr.ToString());
    }

    /// <summary>
    /// Runs <paramref name="binary"/> as a process with only <paramref name="environment"/> set (as
    /// in-process runs see only it). A terminal is given through util-linux <c>script</c>, which runs
    /// the command on a pseudo-terminal; its output then carries both streams, as a terminal does.
    /// </summary>
    private static Result RunProcess(string binary, string[] args, string workingDirectory, byte[]? stdin, Dictionary<string, string>? environment, bool terminal)
    {
        var psi = terminal
            ? new ProcessStartInfo("script", ["--quiet", "--return", "--command", ShellQuote([binary, .. args]), "/dev/null"])
            : new ProcessStartInfo(binary, args);
        psi.WorkingDirectory = workingDirectory;
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.Environment.Clear();
        if (terminal)
        {
            // `script` needs PATH to find the shell. TERM stays unset: with it, .NET writes the terminal's
            // keypad-mode sequence at start-up, which is not pixlint's output.
            psi.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        }

        foreach (var (name, value) in environment ?? [])
        {
            psi.Environment[name] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {binary}");
        var stdoutTask = ReadAllAsync(process.StandardOutput.BaseStream);
        var stderrTask = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.BaseStream.Write(stdin ?? []);
        }
        catch (IOException)
        {
            // The binary exited without reading its input (a usage error, say): not a failure here.
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(ProcessTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{binary} {string.Join(' ', args)} did not finish within {ProcessTimeout}");
        }

        process.WaitForExit();
        byte[] stdout = stdoutTask.GetAwaiter().GetResult();
        string stderr = stderrTask.GetAwaiter().GetResult();
        if (terminal)
        {
            // The pseudo-terminal turns each LF into CR LF.
            stdout = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stdout).Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        return new Result(process.ExitCode, stdout, stderr);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static string ShellQuote(IEnumerable<string> words) =>
        string.Join(' ', words.Select(w => "'" + w.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    private static string? FindBinary()
    {
        string? path = Environment.GetEnvironmentVariable(BinaryVariable);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        path = Path.GetFullPath(path);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{BinaryVariable}={path}: no such file (publish the binary first, see README.md)");
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
