using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using PixLint.Cli;

namespace PixLint.Tests;

/// <summary>`pixlint fix --write [--backup]`: atomic, byte-exact, and harmless when anything fails.</summary>
public class WriteTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(TestPaths.Rules, name));

    [Fact]
    public void Write_fixes_the_file_and_crlf_stays_crlf()
    {
        using var dir = new TempDir();
        string file = dir.Write("edge.cfg", Fixture("SMTP010.capture-paging.cfg"));
        var result = FixRunner.Run(["fix", "edge.cfg", "--write"], dir.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Fixture("SMTP010.capture-paging.fixed.cfg"), File.ReadAllBytes(file));
        Assert.Contains("edge.cfg: fixed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("\r\n", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.DoesNotMatch("(?<!\r)\n", File.ReadAllText(file).Replace("\r\n", "", StringComparison.Ordinal));
        Assert.Equal(["edge.cfg"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_still_prints_the_commands_for_the_device()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", Fixture("SMTP010.cfg"));
        var result = FixRunner.Run(["fix", "fw.cfg", "--write"], dir.Path);
        Assert.Contains("\nconfigure terminal\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Backup_keeps_the_original_under_a_free_name()
    {
        using var dir = new TempDir();
        byte[] original = Fixture("SMTP001.cfg");
        string file = dir.Write("pix.cfg", original);
        dir.Write("pix.cfg.orig", "an older backup\n");
        var result = FixRunner.Run(["fix", "pix.cfg", "--write", "--backup"], dir.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(original, File.ReadAllBytes(file + ".orig.1"));
        Assert.Equal("an older backup\n", File.ReadAllText(file + ".orig"));
        Assert.Equal(Fixture("SMTP001.fixed.cfg"), File.ReadAllBytes(file));
        Assert.Contains("original kept as pix.cfg.orig.1", result.Stderr, StringComparison.Ordinal);

        File.WriteAllBytes(file, original);
        File.Delete(file + ".orig");
        FixRunner.Run(["fix", "pix.cfg", "--write", "--backup"], dir.Path);
        Assert.Equal(original, File.ReadAllBytes(file + ".orig"));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_read_only_folder_leaves_the_original_intact_with_exit_2()
    {
        using var dir = new TempDir();
        byte[] original = Fixture("SMTP010.cfg");
        string file = dir.Write("ro/fw.cfg", original);
        string folder = Path.GetDirectoryName(file)!;
        var mode = File.GetUnixFileMode(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        try
        {
            var result = FixRunner.Run(["fix", "ro/fw.cfg", "--write", "--backup"], dir.Path, new PermissionRespectingFileSystem());
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("ro/fw.cfg: error: cannot write the corrected file", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("the original is unchanged", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(folder, mode);
        }

        Assert.Equal(original, File.ReadAllBytes(file));
        Assert.Equal(["fw.cfg"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_rename_leaves_the_original_intact_and_no_temporary_file_or_backup()
    {
        using var dir = new TempDir();
        byte[] original = Fixture("SMTP014.cfg");
        string file = dir.Write("fw.cfg", original);
        var fs = new FailingRenameFileSystem();
        var result = FixRunner.Run(["fix", "fw.cfg", "--write", "--backup"], dir.Path, fs);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("device or resource busy", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(file));
        Assert.Equal(2, fs.Created.Count); // the temporary file and the backup were made, then removed
        Assert.Equal(["fw.cfg"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_changed_while_fixing_is_not_overwritten()
    {
        using var dir = new TempDir();
        byte[] original = Fixture("SMTP011.cfg");
        string file = dir.Write("fw.cfg", original);
        var result = FixRunner.Run(["fix", "fw.cfg", "--write"], dir.Path, new ChangedMeanwhileFileSystem());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the file changed while pixlint was running", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(file));
    }

    [Fact]
    public void A_file_replaced_while_fixing_keeps_the_new_version()
    {
        using var dir = new TempDir();
        byte[] original = Fixture("SMTP010.cfg");
        byte[] newer = [.. original, .. "! saved by RANCID while pixlint was writing\n"u8];
        string file = dir.Write("fw.cfg", original);
        var result = FixRunner.Run(["fix", "fw.cfg", "--write", "--backup"], dir.Path, new InterferingFileSystem(newer));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fw.cfg: error: the file changed while pixlint was running; not written", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(newer, File.ReadAllBytes(file));
        Assert.Equal(["fw.cfg"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_removed_while_fixing_is_not_brought_back()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", Fixture("SMTP010.cfg"));
        var result = FixRunner.Run(["fix", "fw.cfg", "--write"], dir.Path, new InterferingFileSystem(null));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fw.cfg: error: the file disappeared while pixlint was running; not written", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_read_only_file_is_not_replaced()
    {
        // Renaming over a read-only file works for anyone who may write the folder (and root ignores
        // permissions anyway): pixlint respects the mark itself.
        using var dir = new TempDir();
        byte[] original = Fixture("SMTP010.cfg");
        string file = dir.Write("fw.cfg", original);
        var mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(file, mode);
        var result = FixRunner.Run(["fix", "fw.cfg", "--write", "--backup"], dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fw.cfg: error: the file is read-only; not written", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(file));
        Assert.Equal(mode, File.GetUnixFileMode(file));
        Assert.Equal(["fw.cfg"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));

        // The other files of a folder are still fixed.
        dir.Write("b.cfg", Fixture("SMTP001.cfg"));
        var folder = FixRunner.Run(["fix", ".", "--write"], dir.Path);
        Assert.Equal(2, folder.ExitCode);
        Assert.Equal(Fixture("SMTP001.fixed.cfg"), File.ReadAllBytes(Path.Combine(dir.Path, "b.cfg")));
        Assert.Equal(original, File.ReadAllBytes(file));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [UnsupportedOSPlatform("windows")]
    public void A_full_disk_leaves_the_original_whole(bool backup)
    {
        // A real full disk: a 64 KiB tmpfs holding a ~40 KB configuration has no room for the corrected copy.
        using var disk = SmallDisk.Mount(64 * 1024);
        byte[] original = [.. Fixture("SMTP010.cfg"), .. Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("! padding to fill the disk\n", 1500)))];
        string file = Path.Combine(disk.Path, "fw.cfg");
        File.WriteAllBytes(file, original);
        var args = backup ? new[] { "fix", "fw.cfg", "--write", "--backup" } : ["fix", "fw.cfg", "--write"];
        var result = FixRunner.Run(args, disk.Path, disk.FileSystem);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fw.cfg: error: cannot write the corrected file (", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no space left on device", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("the original is unchanged", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(file));
        Assert.Equal(["fw.cfg"], Directory.EnumerateFileSystemEntries(disk.Path).Select(Path.GetFileName));

        // With room again, the same command succeeds: nothing was left half done.
        File.WriteAllBytes(file, Fixture("SMTP010.cfg"));
        Assert.Equal(0, FixRunner.Run(args, disk.Path, disk.FileSystem).ExitCode);
        Assert.Equal(Fixture("SMTP010.fixed.cfg"), File.ReadAllBytes(file));
    }

    [Fact]
    public void Standard_input_cannot_be_written()
    {
        var result = CliRunner.Run(["fix", "-", "--write"], stdin: Fixture("SMTP010.cfg"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("standard input cannot be written back", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.StdoutBytes);
    }

    [Fact]
    public void Standard_input_can_be_printed_corrected()
    {
        var result = CliRunner.Run(["fix", "-", "--format", "config"], stdin: Fixture("SMTP010.cfg"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Fixture("SMTP010.fixed.cfg"), result.StdoutBytes);
    }

    [Fact]
    public void Nothing_to_fix_leaves_the_file_alone()
    {
        using var dir = new TempDir();
        byte[] original = Fixture("SMTP010.allow-tls.cfg");
        string file = dir.Write("ok.cfg", original);
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, stamp);
        var result = FixRunner.Run(["fix", "ok.cfg", "--write", "--backup"], dir.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(file));
        Assert.Equal(["ok.cfg"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
        Assert.Equal(original, CliRunner.Run(["fix", file, "--format", "config"]).StdoutBytes);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Permissions_are_kept()
    {
        using var dir = new TempDir();
        string file = dir.Write("fw.cfg", Fixture("SMTP010.cfg"));
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(file, mode);
        Assert.Equal(0, FixRunner.Run(["fix", "fw.cfg", "--write"], dir.Path).ExitCode);
        Assert.Equal(mode, File.GetUnixFileMode(file));
    }

    [Fact]
    public void A_symbolic_link_is_kept_and_its_target_is_fixed()
    {
        using var dir = new TempDir();
        string target = dir.Write("configs/fw.cfg", Fixture("SMTP010.cfg"));
        string link = Path.Combine(dir.Path, "current.cfg");
        File.CreateSymbolicLink(link, target);
        Assert.Equal(0, FixRunner.Run(["fix", "current.cfg", "--write"], dir.Path).ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(Fixture("SMTP010.fixed.cfg"), File.ReadAllBytes(target));
    }

    [Fact]
    public void A_folder_is_fixed_file_by_file()
    {
        using var dir = new TempDir();
        dir.Write("a/pix.cfg", Fixture("SMTP001.cfg"));
        dir.Write("b/asa.cfg", Fixture("SMTP011.cfg"));
        dir.Write("b/ok.cfg", Fixture("SMTP010.allow-tls.cfg"));
        var result = FixRunner.Run(["fix", ".", "--write"], dir.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Fixture("SMTP001.fixed.cfg"), File.ReadAllBytes(Path.Combine(dir.Path, "a/pix.cfg")));
        Assert.Equal(Fixture("SMTP011.fixed.cfg"), File.ReadAllBytes(Path.Combine(dir.Path, "b/asa.cfg")));
        Assert.Equal(Fixture("SMTP010.allow-tls.cfg"), File.ReadAllBytes(Path.Combine(dir.Path, "b/ok.cfg")));
        Assert.Contains("2 fixes applied, 2 of 2 files written", result.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>
/// A small disk for one test (a disk that fills up): a real tmpfs, mounted and unmounted around the
/// test, where the machine allows mounting (root, as in CI). Where it does not (a container
/// without CAP_SYS_ADMIN), a quota on the folder in PixLint's file system layer stands in for it
/// and fails writes the same way, so the test still checks that nothing is lost.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private readonly bool _mounted;

    private SmallDisk(string path, bool mounted, IFileSystem? fileSystem)
    {
        Path = path;
        _mounted = mounted;
        FileSystem = fileSystem;
    }

    public string Path { get; }

    /// <summary>Null on a real tmpfs; else the file system that enforces the quota.</summary>
    public IFileSystem? FileSystem { get; }

    public static SmallDisk Mount(int bytes)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pixlint-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, _) = Exec("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", path);
        return code == 0 ? new SmallDisk(path, mounted: true, null) : new SmallDisk(path, mounted: false, new QuotaFileSystem(path, bytes));
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Exec("umount", Path);
        }

        Directory.Delete(Path, recursive: true);
    }

    private static (int Code, string Output) Exec(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            string output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
