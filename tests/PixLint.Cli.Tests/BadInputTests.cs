using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace PixLint.Tests;

/// <summary>
/// Inputs that are not a clean configuration: each gets a clear diagnostic and the documented exit
/// code (README "Exit codes"), never a crash or a hang, and the other files of the run are still
/// linted. Large inputs are generated at test time in a temporary folder.
/// </summary>
public class BadInputTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(TestPaths.Rules, name));

    private static CliRunner.Result Lint(TempDir dir, params string[] args) => CliRunner.Run(["lint", .. args], dir.Path);

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("  \n\t\n   \r\n\n", "it has no commands")]
    [InlineData("!\n! only comments\n!\n", "it has no commands")]
    [InlineData("just some notes\nabout the firewall\n", "none of its lines is a PIX/ASA/FWSM/FTD command")]
    public void Files_without_a_configuration_exit_2(string text, string why)
    {
        using var dir = new TempDir();
        dir.Write("x.cfg", text);
        var result = Lint(dir, "x.cfg");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"x.cfg: error not-a-config not a PIX/ASA/FWSM/FTD configuration: {why}", result.Stdout, StringComparison.Ordinal);

        // Standard input is no different, and fix refuses the same way.
        Assert.Equal(2, CliRunner.Run(["lint", "-"], dir.Path, stdin: Encoding.UTF8.GetBytes(text)).ExitCode);
        var fix = CliRunner.Run(["fix", "x.cfg"], dir.Path);
        Assert.Equal(2, fix.ExitCode);
        Assert.Contains($"x.cfg: error: not a PIX/ASA/FWSM/FTD configuration: {why}", fix.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> BinaryFiles() => new()
    {
        { "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89] },
        { "gzip", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xCB, 0xC8, 0x2F, 0x2E, 0xC9, 0x4B, 0xCC, 0x4D, 0x55, 0xA8, 0xE0, 0x02, 0x00, 0x4D, 0x2E, 0x5C, 0x3A, 0x0A, 0, 0, 0] },
        { "nul", [.. "hostname fw\n"u8, .. new byte[4000]] },
    };

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public void Binary_files_exit_2(string kind, byte[] bytes)
    {
        using var dir = new TempDir();
        dir.Write($"{kind}.cfg", bytes);
        var result = Lint(dir, $"{kind}.cfg", "-f", "json");
        Assert.Equal(2, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdoutBytes);
        var diagnostic = json.RootElement.GetProperty("files")[0].GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "not-a-config");
        Assert.Equal("not a PIX/ASA/FWSM/FTD configuration: it holds binary data (control characters or NUL bytes)", diagnostic.GetProperty("message").GetString());
    }

    [Fact]
    public void Nul_bytes_and_terminal_escapes_in_a_configuration_never_reach_the_output()
    {
        // A few control characters in a real configuration (a capture with terminal noise) do not make it
        // binary: it is linted, and no output format passes a NUL or an escape sequence to a terminal or a log.
        using var dir = new TempDir();
        byte[] original = Fixture("SMTP010.cfg");
        byte[] noisy = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(original)
            .Replace("  inspect esmtp\n", "  inspect esmtp \u001b]0;pwned\u0007map\0\u001b[2J\n", StringComparison.Ordinal)
            .Replace("hostname ", "host\0name ", StringComparison.Ordinal));
        dir.Write("fw.cfg", noisy);
        foreach (string format in PixLint.Cli.Commands.LintCommand.Formatters.Keys)
        {
            var result = Lint(dir, "fw.cfg", "-f", format);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("SMTP013", result.Stdout, StringComparison.Ordinal); // the map name is the noise: quoted in the message
            Assert.DoesNotContain(result.Stdout + result.Stderr, c => c < ' ' && c is not ('\n' or '\r' or '\t'));
        }

        // The corrected file keeps the bytes the fix does not touch.
        var fix = CliRunner.Run(["fix", "fw.cfg", "--format", "config"], dir.Path);
        Assert.Equal(1, fix.ExitCode); // SMTP013 has no automatic fix
        Assert.Equal(noisy, fix.StdoutBytes);
    }

    [Fact]
    public void Invalid_utf8_everywhere()
    {
        using var dir = new TempDir();

        // Nothing but bytes that are not UTF-8.
        var random = new Random(8);
        byte[] noise = new byte[3000];
        random.NextBytes(noise);
        dir.Write("noise.cfg", [.. noise.Select(b => (byte)(b | 0x80))]);
        var result = Lint(dir, "noise.cfg");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("noise.cfg: error not-a-config not a PIX/ASA/FWSM/FTD configuration: none of its lines is a PIX/ASA/FWSM/FTD command", result.Stdout, StringComparison.Ordinal);

        // A configuration with an invalid byte on every other line (Latin-1 comments): linted, the bytes kept.
        byte[] comment = [.. "! caf"u8, 0xE9, (byte)' ', 0xFF, 0xFE, (byte)'\n'];
        var lines = Encoding.ASCII.GetString(Fixture("SMTP010.cfg")).Split('\n');
        byte[] latin = [.. lines.SkipLast(1).SelectMany(l => Encoding.ASCII.GetBytes(l + "\n").Concat(comment))];
        dir.Write("latin.cfg", latin);
        var json = Lint(dir, "latin.cfg", "-f", "json");
        Assert.Equal(1, json.ExitCode);
        using (var doc = JsonDocument.Parse(json.StdoutBytes))
        {
            var file = doc.RootElement.GetProperty("files")[0];
            Assert.Contains(file.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "SMTP010");
            Assert.Contains(file.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "encoding");
        }

        byte[] corrected = CliRunner.Run(["fix", "latin.cfg", "--format", "config"], dir.Path).StdoutBytes;
        Assert.Equal(lines.Length - 1, Count(corrected, comment));
        Assert.Equal(0, CliRunner.Run(["lint", "-", "--select", "SMTP010"], dir.Path, stdin: corrected).ExitCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf16_with_a_byte_order_mark_is_linted_and_fixed_in_utf16(bool littleEndian)
    {
        using var dir = new TempDir();
        byte[] utf8 = Fixture("SMTP010.cfg");
        var encoding = new UnicodeEncoding(bigEndian: !littleEndian, byteOrderMark: true);
        dir.Write("utf8.cfg", utf8);
        dir.Write("utf16.cfg", [.. encoding.GetPreamble(), .. encoding.GetBytes(Encoding.UTF8.GetString(utf8))]);
        var expected = Findings(Lint(dir, "utf8.cfg", "-f", "json"));
        var actual = Findings(Lint(dir, "utf16.cfg", "-f", "json"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);

        var fix = CliRunner.Run(["fix", "utf16.cfg", "--format", "config"], dir.Path);
        Assert.Equal(0, fix.ExitCode);
        Assert.Equal([.. encoding.GetPreamble(), .. encoding.GetBytes(Encoding.UTF8.GetString(Fixture("SMTP010.fixed.cfg")))], fix.StdoutBytes);
    }

    [Fact]
    public void A_100_MB_configuration_is_linted_in_bounded_memory()
    {
        // 100 MB of access lists, objects and routes, then the inspection SMTP010 reports on its last lines.
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "big.cfg");
        const long Size = 100L * 1024 * 1024;
        int lines = WriteLarge(path, Size, """
            access-list OUTSIDE_IN extended permit tcp any object-group MAIL-SERVERS eq smtp
            access-list OUTSIDE_IN extended permit tcp 198.51.100.0 255.255.255.0 host 192.0.2.25 range 1024 65535
            object network host-192.0.2.77
             host 192.0.2.77
             description a host on the inside network, one of very many
            route outside 203.0.113.0 255.255.255.0 192.0.2.254 1
            !
            """);
        var (code, stdout, stderr, peakKiB) = RunMeasured(dir.Path, ["lint", "big.cfg", "-f", "json"]);
        Assert.True(code == 1, $"exit {code}: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        var finding = json.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "SMTP010");
        Assert.Equal(lines - 1, finding.GetProperty("line").GetInt32());

        // The text costs two bytes a character and the line table a few words a line; nothing holds a second copy.
        Assert.True(peakKiB * 1024L < 6 * Size, $"peak resident memory {peakKiB / 1024} MiB for a {Size >> 20} MiB file");
    }

    [Fact]
    public void A_10_MB_line_is_not_parsed_and_the_rest_of_the_file_is()
    {
        using var dir = new TempDir();
        byte[] head = "ASA Version 9.8(4)\nhostname fw\n"u8.ToArray();
        byte[] line = [.. "description "u8, .. Enumerable.Repeat((byte)'A', 10 * 1024 * 1024), (byte)'\n'];
        byte[] rest = [.. Fixture("SMTP010.cfg").SkipWhile(b => b != (byte)'\n').Skip(1)];
        dir.Write("long.cfg", [.. head, .. line, .. rest]);
        var result = Lint(dir, "long.cfg");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("long.cfg:3:1: warning line-too-long line of 10485772 characters, longer than the 65536 PixLint reads; not parsed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("error SMTP010", result.Stdout, StringComparison.Ordinal);
        Assert.True(result.StdoutBytes.Length < 20_000, $"{result.StdoutBytes.Length} bytes of output");

        // The corrected file keeps the long line byte for byte.
        var fix = CliRunner.Run(["fix", "long.cfg", "--format", "config"], dir.Path);
        Assert.Equal(0, fix.ExitCode);
        Assert.Equal(1, Count(fix.StdoutBytes, line));
    }

    [Fact]
    public void Very_deep_indentation()
    {
        // 3000 blocks each nested one blank deeper (4.5 MB of indentation), then a policy whose inspect line
        // is indented by 60,000 blanks: the nesting is followed to the end and the finding is where it is.
        using var dir = new TempDir();
        var text = new StringBuilder("ASA Version 9.8(4)\n");
        for (int i = 0; i < 3000; i++)
        {
            text.Append(' ', i).Append("interface GigabitEthernet0/").Append(i).Append('\n');
        }

        text.Append("policy-map global_policy\n class inspection_default\n").Append(' ', 60_000).Append("inspect esmtp\nservice-policy global_policy global\n");
        dir.Write("deep.cfg", text.ToString());
        var result = Lint(dir, "deep.cfg", "-f", "json", "--select", "SMTP010");
        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdoutBytes);
        var finding = json.RootElement.GetProperty("files")[0].GetProperty("findings")[0];
        Assert.Equal((3004, 60_001), (finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32()));
    }

    [Fact]
    public void A_million_bang_lines()
    {
        using var dir = new TempDir();
        string bangs = string.Concat(Enumerable.Repeat("!\n", 1_000_000));
        dir.Write("bangs.cfg", bangs);
        var only = Lint(dir, "bangs.cfg");
        Assert.Equal(2, only.ExitCode);
        Assert.Contains("bangs.cfg: error not-a-config not a PIX/ASA/FWSM/FTD configuration: it has no commands", only.Stdout, StringComparison.Ordinal);

        // The same million lines inside a configuration: its finding is found after them.
        string config = Encoding.ASCII.GetString(Fixture("SMTP010.cfg"));
        int at = config.IndexOf("policy-map", StringComparison.Ordinal);
        dir.Write("padded.cfg", config[..at] + bangs + config[at..]);
        var result = Lint(dir, "padded.cfg", "-f", "json");
        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdoutBytes);
        Assert.All(json.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray(), f => Assert.True(f.GetProperty("line").GetInt32() > 1_000_000));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Unreadable_files_symlink_loops_and_special_files_in_a_directory()
    {
        using var dir = new TempDir();
        dir.Write("configs/good.cfg", Fixture("SMTP010.cfg"));
        string secret = dir.Write("configs/unreadable.cfg", Fixture("SMTP001.cfg"));
        string locked = Path.GetDirectoryName(dir.Write("configs/locked/inside.cfg", Fixture("SMTP001.cfg")))!;
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "configs", "loop"), ".");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "configs", "ping.cfg"), "pong.cfg");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "configs", "pong.cfg"), "ping.cfg");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "configs", "dangling.cfg"), "missing.cfg");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "configs", "zero.cfg"), "/dev/zero");
        Exec("mkfifo", Path.Combine(dir.Path, "configs", "pipe.cfg"));
        File.SetUnixFileMode(secret, UnixFileMode.None);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var result = RunUnprivileged(dir.Path, ["lint", "configs"]);
            Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
            Assert.Contains("configs/good.cfg:", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("error SMTP010", result.Stdout, StringComparison.Ordinal);
            string[] expected =
            [
                "configs/dangling.cfg: broken symbolic link (to missing.cfg: missing, or a loop of links); skipped",
                "configs/locked: cannot read directory (",
                "configs/loop: directory loop (symbolic link back to ",
                "configs/ping.cfg: broken symbolic link (to pong.cfg: missing, or a loop of links); skipped",
                "configs/pipe.cfg: not a regular file (a FIFO, socket or device); skipped",
                "configs/unreadable.cfg: cannot read file (permission denied); skipped",
                "configs/zero.cfg: not a regular file (a FIFO, socket or device); skipped",
            ];
            Assert.All(expected, e => Assert.Contains(e, result.Stderr, StringComparison.Ordinal));

            // Named on the command line: the same errors, no hang on the FIFO, no endless read of /dev/zero.
            var named = RunUnprivileged(dir.Path, ["lint", "configs/pipe.cfg", "configs/zero.cfg", "configs/unreadable.cfg", "configs/good.cfg"]);
            Assert.Equal(2, named.ExitCode);
            Assert.Contains("configs/pipe.cfg: error: not a regular file (a FIFO, socket or device); not read", named.Stderr, StringComparison.Ordinal);
            Assert.Contains("configs/zero.cfg: error: not a regular file (a FIFO, socket or device); not read", named.Stderr, StringComparison.Ordinal);
            Assert.Contains("configs/unreadable.cfg: error: permission denied", named.Stderr, StringComparison.Ordinal);
            Assert.Contains("error SMTP010", named.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_file_that_vanishes_mid_run()
    {
        // Found by the folder walk, gone when its turn comes: reported, and the files around it are linted.
        using var dir = new TempDir();
        dir.Write("a.cfg", Fixture("SMTP010.cfg"));
        string vanishing = dir.Write("b.cfg", Fixture("SMTP001.cfg"));
        dir.Write("c.cfg", Fixture("SMTP014.cfg"));
        var result = CliRunner.RunInProcess(["lint", ".", "--jobs", "2"], dir.Path, env => env with { FileSystem = new VanishingFileSystem(vanishing) });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("b.cfg: error: no such file (it disappeared while pixlint was running)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("a.cfg:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("c.cfg:", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("b.cfg:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_time_budget_is_reported_and_the_others_are_linted()
    {
        // A clock that moves a millisecond each time it is read: the parser reads it every thousand lines,
        // so a million-line file spends about a second, a small file a few dozen milliseconds.
        using var dir = new TempDir();
        dir.Write("a.cfg", Fixture("SMTP010.cfg"));
        string config = Encoding.ASCII.GetString(Fixture("SMTP001.cfg"));
        dir.Write("b.cfg", config + string.Concat(Enumerable.Repeat("name 192.0.2.9 mx\n", 1_000_000)));
        dir.Write("c.cfg", Fixture("SMTP014.cfg"));
        var result = CliRunner.RunInProcess(["lint", ".", "--jobs", "1", "--timeout", "0.5"], dir.Path, env => env with { Time = new SteppingClock() });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("b.cfg: error: linting took longer than the time budget of 0.5 s per file (--timeout); stopped", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("a.cfg:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("c.cfg:", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("b.cfg:", result.Stdout, StringComparison.Ordinal);

        // The real clock: no machine lints a million lines in a millisecond, fix included.
        var real = CliRunner.Run(["lint", "b.cfg", "--timeout", "0.001"], dir.Path);
        Assert.Equal(2, real.ExitCode);
        Assert.Contains("b.cfg: error: linting took longer than the time budget of 0.001 s per file (--timeout); stopped", real.Stderr, StringComparison.Ordinal);
        var fix = CliRunner.Run(["fix", "b.cfg", "--timeout", "0.001"], dir.Path);
        Assert.Equal(2, fix.ExitCode);
        Assert.Contains("b.cfg: error: linting took longer than the time budget", fix.Stderr, StringComparison.Ordinal);

        Assert.Equal(2, CliRunner.Run(["lint", "a.cfg", "--timeout", "0"], dir.Path).ExitCode);
        Assert.Contains("--timeout: '0' is not a positive number of seconds", CliRunner.Run(["lint", "a.cfg", "--timeout", "0"], dir.Path).Stderr, StringComparison.Ordinal);
    }

    private static List<(string, int, int)> Findings(CliRunner.Result result)
    {
        using var json = JsonDocument.Parse(result.StdoutBytes);
        return [.. json.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("ruleId").GetString()!, f.GetProperty("line").GetInt32(), f.GetProperty("column").GetInt32()))];
    }

    private static int Count(byte[] haystack, byte[] needle)
    {
        int count = 0;
        for (int at = haystack.AsSpan().IndexOf(needle); at >= 0;)
        {
            count++;
            int next = haystack.AsSpan(at + needle.Length).IndexOf(needle);
            at = next < 0 ? -1 : at + needle.Length + next;
        }

        return count;
    }

    /// <summary>Writes <paramref name="block"/> over and over to about <paramref name="size"/> bytes, then an applied inspection; returns the line count.</summary>
    private static int WriteLarge(string path, long size, string block)
    {
        byte[] header = "ASA Version 9.8(4)\nhostname big\n"u8.ToArray();
        byte[] blockBytes = Encoding.ASCII.GetBytes(block.ReplaceLineEndings("\n") + "\n");
        byte[] tail = "policy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n"u8.ToArray();
        int blockLines = blockBytes.Count(b => b == (byte)'\n');
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        stream.Write(header);
        long written = header.Length;
        int lines = 2;
        while (written + blockBytes.Length + tail.Length <= size)
        {
            stream.Write(blockBytes);
            written += blockBytes.Length;
            lines += blockLines;
        }

        stream.Write(tail);
        return lines + 4;
    }

    /// <summary>
    /// Runs pixlint as a process (the binary under test, or the CLI assembly through `dotnet`) under
    /// GNU time, which reports the process's peak resident memory from the kernel (getrusage).
    /// </summary>
    private static (int Code, byte[] Stdout, string Stderr, long PeakKiB) RunMeasured(string workingDirectory, string[] args)
    {
        const string Time = "/usr/bin/time";
        Assert.True(File.Exists(Time), "this test measures memory with GNU time: apt-get install time (.ci/run installs it)");
        string report = Path.Combine(workingDirectory, "time.txt");
        var psi = new ProcessStartInfo(Time, ["-f", "%M", "-o", report, .. PixlintProcess.Command(), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        string stderr = process.StandardError.ReadToEnd();
        copy.GetAwaiter().GetResult();
        process.WaitForExit();
        long peak = long.Parse(File.ReadAllLines(report).Last(l => l.Length > 0), System.Globalization.CultureInfo.InvariantCulture);
        return (process.ExitCode, stdout.ToArray(), stderr, peak);
    }

    /// <summary>The command that runs pixlint as a process: PIXLINT_BIN's binary, or this build's CLI through dotnet.</summary>
    /// <summary>
    /// Runs pixlint without the privilege to read what it may not, so that files without read permission
    /// really cannot be read: root reads them all, so as root (CI) the process stays root but loses
    /// CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv drops them from its bounding set). It still owns
    /// the checkout and the build output, so this works wherever the checkout lies (a 0700 folder
    /// included), unlike switching to `nobody`. Otherwise the test user is unprivileged already and the
    /// run is the usual one.
    /// </summary>
    private static CliRunner.Result RunUnprivileged(string workingDirectory, string[] args)
    {
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !PixlintProcess.IsRoot)
        {
            return CliRunner.Run(args, workingDirectory);
        }

        Assert.True(File.Exists("/usr/bin/setpriv"), "as root this test drops capabilities with setpriv (util-linux) so that unreadable files are unreadable");
        var psi = new ProcessStartInfo("/usr/bin/setpriv", ["--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search", "--", .. PixlintProcess.Command(), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(psi)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        string stderr = process.StandardError.ReadToEnd();
        copy.GetAwaiter().GetResult();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            Assert.Fail("pixlint did not finish within 2 minutes (a FIFO or device read?)");
        }

        Assert.False(stderr.Contains("cannot execute", StringComparison.Ordinal) || stderr.Contains("Permission denied", StringComparison.Ordinal),
            $"pixlint cannot run without CAP_DAC_OVERRIDE: {stderr}");
        return new CliRunner.Result(process.ExitCode, stdout.ToArray(), stderr);
    }

    private static void Exec(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program}: {error}");
    }

    /// <summary>The real file system, where one file is removed just before pixlint opens it.</summary>
    private sealed class VanishingFileSystem(string vanishing) : DelegatingFileSystem
    {
        public override Stream OpenRead(string path)
        {
            if (path == vanishing)
            {
                File.Delete(path);
            }

            return base.OpenRead(path);
        }
    }

    /// <summary>A clock that moves one millisecond each time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => Interlocked.Increment(ref _ticks);
    }
}
