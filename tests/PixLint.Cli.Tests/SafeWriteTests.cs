using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using PixLint.Cli;

namespace PixLint.Tests;

/// <summary>
/// Issue 19, "writing files safely": `-o FILE` and `fix --write` as real processes (as root and as an
/// unprivileged user where it matters): new files private until they get the original's mode and
/// owner, devices and FIFOs never replaced, hard links not broken silently, interrupts leave nothing
/// behind, two concurrent `fix --write` keep both fixes, the report never replaces an input, and a
/// failed write is one plain line with exit 2.
/// </summary>
[UnsupportedOSPlatform("windows")]
public class SafeWriteTests
{
    private static readonly string Sample = Path.Combine(TestPaths.Samples, "asa84-strict-mail.cfg");

    [Fact]
    public void A_temporary_file_is_created_private_and_never_through_a_planted_link()
    {
        using var dir = new TempDir();
        string secret = dir.Write("secret.txt", "keep\n");
        string planted = Path.Combine(dir.Path, ".fw.cfg.pixlint-0000.tmp");
        File.CreateSymbolicLink(planted, secret);
        Assert.ThrowsAny<IOException>(() => PhysicalFileSystem.Instance.CreateNew(planted));
        Assert.Equal("keep\n", File.ReadAllText(secret));

        var (path, stream) = TemporaryFiles.CreateBeside(PhysicalFileSystem.Instance, Path.Combine(dir.Path, "fw.cfg"));
        using (stream)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Matches(@"^\.fw\.cfg\.pixlint-[0-9a-f]{16}\.tmp$", Path.GetFileName(path));
        }

        TemporaryFiles.Remove(path);
        File.Delete(path);
    }

    [Fact]
    public void The_report_keeps_the_mode_of_the_file_it_replaces_and_a_new_one_gets_the_umask()
    {
        using var dir = new TempDir();
        string report = dir.Write("report.txt", "old\n");
        File.SetUnixFileMode(report, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var result = PixlintProcess.Run(dir.Path, ["lint", Sample, "-o", "report.txt"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(report));
        Assert.Contains("SMTP010", File.ReadAllText(report), StringComparison.Ordinal);

        result = PixlintProcess.Run(dir.Path, ["lint", Sample, "-o", "new.txt"], umask: "027");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(dir.Path, "new.txt")));
        Assert.Equal(["new.txt", "report.txt"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void As_root_the_owner_group_mode_and_extended_attributes_of_a_fixed_file_are_kept()
    {
        if (!PixlintProcess.IsRoot)
        {
            return; // only root may give a file another owner; the unprivileged half is the next test
        }

        using var dir = new TempDir();
        string file = dir.Write("fw.cfg", File.ReadAllBytes(Sample));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        PixlintProcess.Exec("chown", "65534:65534", file);
        PixlintProcess.Exec("python3", "-c", "import os, sys; os.setxattr(sys.argv[1], 'user.origin', b'backup-server')", file);
        var result = PixlintProcess.Run(dir.Path, ["fix", "fw.cfg", "--write"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("fw.cfg: fixed", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("65534:65534 600", PixlintProcess.Exec("stat", "-c", "%u:%g %a", file));
        Assert.Equal("backup-server", PixlintProcess.Exec("python3", "-c", "import os, sys; print(os.getxattr(sys.argv[1], 'user.origin').decode())", file));
    }

    [Fact]
    public void As_a_user_a_fixed_file_keeps_its_mode_and_extended_attributes()
    {
        using var dir = new TempDir();
        string file = dir.Write("fw.cfg", File.ReadAllBytes(Sample));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        PixlintProcess.Exec("python3", "-c", "import os, sys; os.setxattr(sys.argv[1], 'user.origin', b'backup-server')", file);
        PixlintProcess.PrepareForNobody(dir.Path);
        var result = PixlintProcess.Run(dir.Path, ["fix", "fw.cfg", "--write"], unprivileged: true);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("640", PixlintProcess.Exec("stat", "-c", "%a", file));
        Assert.Equal("backup-server", PixlintProcess.Exec("python3", "-c", "import os, sys; print(os.getxattr(sys.argv[1], 'user.origin').decode())", file));
        Assert.Equal(["fw.cfg"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_device_is_written_into_never_replaced(bool unprivileged)
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", File.ReadAllBytes(Sample));
        PixlintProcess.PrepareForNobody(dir.Path);
        var full = PixlintProcess.Run(dir.Path, ["lint", "fw.cfg", "-o", "/dev/full"], unprivileged: unprivileged);
        Assert.Equal(2, full.ExitCode);
        Assert.Equal("pixlint: cannot write the report to /dev/full: no space left on device\n", full.Stderr);
        Assert.Equal("c", PixlintProcess.Exec("stat", "-c", "%F", "/dev/full")[..1]);

        var nul = PixlintProcess.Run(dir.Path, ["lint", "fw.cfg", "-o", "/dev/null"], unprivileged: unprivileged);
        Assert.Equal(1, nul.ExitCode);
        Assert.Equal(string.Empty, nul.Stderr);
        Assert.StartsWith("character special file", PixlintProcess.Exec("stat", "-c", "%F", "/dev/null"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("parse")]
    [InlineData("fix")]
    [InlineData("rules")]
    public void A_full_standard_output_is_one_plain_line_and_exit_2(string command)
    {
        string[] args = command switch
        {
            "rules" => ["rules", "list"],
            _ => [command, Sample],
        };
        var result = PixlintProcess.Run(TestPaths.RepoRoot, args, stdoutTo: "/dev/full");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pixlint: cannot write the report to standard output: no space left on device\n", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_is_written_into_and_stays_a_fifo()
    {
        using var dir = new TempDir();
        string fifo = Path.Combine(dir.Path, "pipe");
        PixlintProcess.Exec("mkfifo", fifo);
        var reader = Task.Run(() => File.ReadAllText(fifo));
        var result = PixlintProcess.Run(dir.Path, ["lint", Sample, "-f", "json", "-o", "pipe"]);
        Assert.Equal(1, result.ExitCode);
        string report = await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("\"SMTP010\"", report, StringComparison.Ordinal);
        Assert.Equal("fifo", PixlintProcess.Exec("stat", "-c", "%F", fifo));
    }

    [Fact]
    public void A_fifo_or_device_is_never_fixed_in_place()
    {
        using var dir = new TempDir();
        PixlintProcess.Exec("mkfifo", Path.Combine(dir.Path, "pipe.cfg"));
        var result = PixlintProcess.Run(dir.Path, ["fix", "pipe.cfg", "--write"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pipe.cfg: error: not a regular file", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("fifo", PixlintProcess.Exec("stat", "-c", "%F", Path.Combine(dir.Path, "pipe.cfg")));
    }

    [Fact]
    public void A_symbolic_link_given_to_o_is_followed_and_kept()
    {
        using var dir = new TempDir();
        string target = dir.Write("reports/today.txt", "old\n");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "latest.txt"), target);
        var result = PixlintProcess.Run(dir.Path, ["lint", Sample, "-o", "latest.txt"]);
        Assert.Equal(1, result.ExitCode);
        Assert.NotNull(new FileInfo(Path.Combine(dir.Path, "latest.txt")).LinkTarget);
        Assert.Contains("SMTP010", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_other_hard_links_is_refused_unless_forced()
    {
        using var dir = new TempDir();
        string file = dir.Write("fw.cfg", File.ReadAllBytes(Sample));
        string other = Path.Combine(dir.Path, "archive.cfg");
        PixlintProcess.Exec("ln", file, other);
        var refused = PixlintProcess.Run(dir.Path, ["fix", "fw.cfg", "--write"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("fw.cfg: error: the file has 1 other hard link, which would keep the old contents; not written (--force replaces this name only)", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Sample), File.ReadAllBytes(file));

        var forced = PixlintProcess.Run(dir.Path, ["fix", "fw.cfg", "--write", "--force"]);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("ESMTP_ALLOW_TLS", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Sample), File.ReadAllBytes(other));
    }

    [Fact]
    public void The_report_never_replaces_an_input()
    {
        using var dir = new TempDir();
        byte[] config = File.ReadAllBytes(Sample);
        dir.Write("in.cfg", config);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "alias.cfg"), Path.Combine(dir.Path, "in.cfg"));
        dir.Write("t.txt", "220 mail.example.com ESMTP\r\nEHLO x\r\n250-mail.example.com\r\n250 8BITMIME\r\n");
        foreach (string[] args in new[]
        {
            new[] { "lint", "in.cfg", "-o", "in.cfg" },
            ["lint", ".", "-o", "./in.cfg"],
            ["lint", "in.cfg", "-o", "alias.cfg"],
            ["diagnose", "t.txt", "-o", "t.txt"],
        })
        {
            var result = CliRunner.Run(args, dir.Path);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("error: is also an input, which the report would replace", result.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(config, File.ReadAllBytes(Path.Combine(dir.Path, "in.cfg")));
        Assert.StartsWith("220 mail", File.ReadAllText(Path.Combine(dir.Path, "t.txt")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGINT")]
    public void An_interrupt_during_a_write_removes_the_temporary_file(string signal)
    {
        using var dir = new TempDir();
        byte[] config = File.ReadAllBytes(Sample);
        for (int i = 0; i < 3000; i++)
        {
            dir.Write($"configs/fw{i:D4}.cfg", config);
        }

        using var process = PixlintProcess.Start(dir.Path, ["lint", "configs", "-f", "json", "-o", "report.json", "--jobs", "1"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string[] temps = [];
        while (temps.Length == 0 && !process.HasExited && DateTime.UtcNow < deadline)
        {
            temps = Directory.GetFiles(dir.Path, ".report.json.pixlint-*.tmp");
            Thread.Sleep(10);
        }

        Assert.NotEmpty(temps);
        Thread.Sleep(200);
        Assert.False(process.HasExited, "the run ended before the signal: give it more files");
        PixlintProcess.Exec("kill", "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        Assert.False(File.Exists(Path.Combine(dir.Path, "report.json")));
    }

    [Fact]
    public void Two_concurrent_fix_writes_keep_both_fixes()
    {
        using var dir = new TempDir();
        byte[] original = File.ReadAllBytes(Sample);
        string file = dir.Write("fw.cfg", original);
        PixlintProcess.Run(dir.Path, ["fix", "fw.cfg", "--write", "--select", "SMTP011"]);
        PixlintProcess.Run(dir.Path, ["fix", "fw.cfg", "--write", "--select", "SMTP010"]);
        byte[] both = File.ReadAllBytes(file);
        Assert.NotEqual(original, both);

        for (int round = 0; round < 12; round++)
        {
            File.WriteAllBytes(file, original);
            using var a = PixlintProcess.Start(dir.Path, ["fix", "fw.cfg", "--write", "--select", "SMTP011"]);
            using var b = PixlintProcess.Start(dir.Path, ["fix", "fw.cfg", "--write", "--select", "SMTP010"]);
            // The outputs are small (well under a pipe's buffer): reading one process after the other cannot block.
            var results = new[] { a, b };
            foreach (var p in results)
            {
                p.StandardInput.Close();
                p.StandardOutput.ReadToEnd();
                string message = p.StandardError.ReadToEnd();
                Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)));
                Assert.True(p.ExitCode is 0 or 2, message);
                Assert.True(p.ExitCode == 0 || message.Contains("not written", StringComparison.Ordinal), message);
            }

            // A run that said "fixed" must find its fix in the file: with both fixed, the file holds both.
            if (results.All(r => r.ExitCode == 0))
            {
                Assert.Equal(Encoding.UTF8.GetString(both), File.ReadAllText(file));
            }
        }
    }
}

/// <summary>Runs the pixlint binary (or its dll under dotnet) as a real process, optionally as `nobody`.</summary>
internal static class PixlintProcess
{
    public static bool IsRoot { get; } = File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");

    public static string[] Command() =>
        CliRunner.Binary is { } binary ? [binary] : ["dotnet", typeof(PixLintCli).Assembly.Location];

    /// <summary>Starts pixlint; as root with <paramref name="unprivileged"/>, as `nobody` (setpriv); a shell applies the umask and standard output redirection.</summary>
    public static Process Start(string workingDirectory, string[] args, bool unprivileged = false, string? umask = null, string? stdoutTo = null)
    {
        string[] command = [.. Command(), .. args];
        if (unprivileged && IsRoot)
        {
            command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", .. WorldReadableCommand.Value, .. args];
        }

        string script = (umask is null ? string.Empty : $"umask {umask}; ") + "exec \"$@\"" + (stdoutTo is null ? string.Empty : $" > {stdoutTo}");
        var psi = new ProcessStartInfo("/bin/sh", ["-c", script, "sh", .. command])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (unprivileged)
        {
            psi.Environment["HOME"] = Path.GetTempPath();
        }

        return Process.Start(psi)!;
    }

    /// <summary>
    /// The program copied to a folder everyone may enter: `nobody` cannot reach a checkout that lies in a
    /// private folder (a 0700 `mktemp -d`), so the unprivileged runs use a copy of the build output.
    /// </summary>
    private static readonly Lazy<string[]> WorldReadableCommand = new(() =>
    {
        string[] command = Command();
        string program = command[^1];
        string target = Path.Combine(Path.GetTempPath(), $"pixlint-for-nobody-{Environment.ProcessId}");
        Exec("cp", "-R", Path.GetDirectoryName(program)!, target);
        Exec("chmod", "-R", "a+rX", target);
        Exec("chmod", "755", target);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(target, recursive: true);
        return [.. command[..^1], Path.Combine(target, Path.GetFileName(program))];
    });

    public static CliRunner.Result Run(string workingDirectory, string[] args, bool unprivileged = false, string? umask = null, string? stdoutTo = null)
    {
        using var process = Start(workingDirectory, args, unprivileged, umask, stdoutTo);
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        string stderr = process.StandardError.ReadToEnd();
        copy.GetAwaiter().GetResult();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "pixlint did not finish within 2 minutes");
        return new CliRunner.Result(process.ExitCode, stdout.ToArray(), stderr);
    }

    /// <summary>As root, gives a test folder and its files to `nobody`, who runs the unprivileged half of a test.</summary>
    public static void PrepareForNobody(string folder)
    {
        if (IsRoot)
        {
            Exec("chown", "-R", "65534:65534", folder);
        }
    }

    public static string Exec(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program}: {error}");
        return output.Trim();
    }
}
