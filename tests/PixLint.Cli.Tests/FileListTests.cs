namespace PixLint.Tests;

/// <summary>`--skip-non-configs`: file lists from pre-commit or git name files that are not configurations.</summary>
public class FileListTests
{
    [Fact]
    public void Named_files_that_are_not_configurations_are_skipped_when_asked()
    {
        using var dir = new TempDir();
        dir.Write("setup.cfg", "[metadata]\nname = example\n");
        dir.Write("fw.cfg", File.ReadAllBytes(Path.Combine(TestPaths.Samples, "asa916-allow-tls.cfg")));

        // Without the option the Python file is linted: its lines are unrecognised commands.
        var strict = CliRunner.Run(["lint", "setup.cfg", "fw.cfg", "--max-unknown", "0", "--fail-on", "error"], workingDirectory: dir.Path);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("in 2 files", strict.Stdout, StringComparison.Ordinal);
        Assert.Contains("setup.cfg: error too-many-unrecognized", strict.Stdout, StringComparison.Ordinal);

        var skipping = CliRunner.Run(["lint", "setup.cfg", "fw.cfg", "--max-unknown", "0", "--fail-on", "error", "--skip-non-configs"], workingDirectory: dir.Path);
        Assert.Equal(0, skipping.ExitCode);
        Assert.EndsWith("in 1 file; 1 file skipped (--list-files shows why).\n", skipping.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, skipping.Stderr);

        var onlyOthers = CliRunner.Run(["lint", "setup.cfg", "--skip-non-configs"], workingDirectory: dir.Path);
        Assert.Equal(0, onlyOthers.ExitCode);
        Assert.Equal("No findings in 0 files; 1 file skipped (--list-files shows why).\n", onlyOthers.Stdout);
    }

    [Fact]
    public void Writing_a_baseline_still_fails_on_files_over_max_unknown()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", "ASA Version 9.8(4)\nhostname fw\nfrobnicate all the things\nwibble 1\n");
        var run = CliRunner.Run(["lint", "fw.cfg", "--max-unknown", "1", "--write-baseline", "b.json"], workingDirectory: dir.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.Path, "b.json")));
    }
}
