using System.Text;

namespace PixLint.Tests;

/// <summary>Never a silent pass: discovery by content, nothing to lint is an error, every skipped file has a reason.</summary>
public class DiscoveryTests
{
    private static byte[] Corpus(string file) => File.ReadAllBytes(Path.Combine(TestPaths.Corpus, file));

    /// <summary>A backup repository laid out the way Oxidized and RANCID keep one.</summary>
    private static TempDir BackupRepository()
    {
        var dir = new TempDir();
        dir.Write("backups/fw01.dc1.example.com", Corpus("pix2asa/515-fo.cfg"));
        dir.Write("backups/pix-hq.corp.example.net", Corpus("fwbuilder/importer-asa8.3.test"));
        dir.Write("backups/asa-lab-20261201.log", [.. "fw01# show running-config\n"u8, .. Corpus("batfish/testconfigs-asa_dns"), .. "fw01# \n"u8]);
        dir.Write(
            "backups/edge/configs/edge-fw2.example.org",
            "!RANCID-CONTENT-TYPE: cisco\n!\n!Chassis type: ASA5510\n!\n" + Encoding.UTF8.GetString(Corpus("pix2asa/PIX501conf2003Aug13.txt")));
        dir.Write("backups/router.db", "fw01.dc1.example.com;cisco;up\npix-hq.corp.example.net;cisco;up\nedge-fw2.example.org;cisco;up\n");
        dir.Write("backups/README.md", "# Backups\n\nOxidized keeps the firewalls here; `hostname`, `interface` and `access-list` lines are what to look at.\n");
        dir.Write("backups/diagram.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R']);
        dir.Write("backups/.git/HEAD", "ref: refs/heads/main\n");
        dir.Write("backups/.git/objects/ab/cdef", "PIX Version 6.3(5)\nfixup protocol smtp 25\n");
        return dir;
    }

    private static readonly string[] Configurations =
    [
        "backups/asa-lab-20261201.log", "backups/edge/configs/edge-fw2.example.org", "backups/fw01.dc1.example.com", "backups/pix-hq.corp.example.net",
    ];

    [Fact]
    public void A_backup_repository_is_linted_by_content_whatever_the_file_names()
    {
        using var dir = BackupRepository();
        var run = CliRunner.Run(["lint", "backups/", "-f", "json"], dir.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var files = json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToArray();
        Assert.Equal(Configurations, files);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("skipped").GetInt32());
        Assert.True(summary.GetProperty("errors").GetInt32() >= 2);

        // The PIX 6.3 files keep `fixup protocol smtp`: SMTP001 is found in both, whatever their names.
        var smtp001 = json.RootElement.GetProperty("files").EnumerateArray()
            .Where(f => f.GetProperty("findings").EnumerateArray().Any(x => x.GetProperty("ruleId").GetString() == "SMTP001"))
            .Select(f => f.GetProperty("path").GetString()!).ToArray();
        Assert.Equal(["backups/edge/configs/edge-fw2.example.org", "backups/fw01.dc1.example.com"], smtp001);

        var text = CliRunner.Run(["lint", "backups"], dir.Path);
        Assert.Equal(1, text.ExitCode);
        Assert.Matches(@"in 4 files; .*4 files skipped \(--list-files shows why\)\.\n$", text.Stdout);
    }

    [Fact]
    public void List_files_names_every_file_linted_and_every_file_skipped_with_its_reason()
    {
        using var dir = BackupRepository();
        var run = CliRunner.Run(["lint", "--list-files", "backups"], dir.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Configurations, lines.Where(l => l.StartsWith("lint ", StringComparison.Ordinal)).Select(l => l[5..l.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.Equal(
            [
                "skip backups/.git/: hidden folder (.git, .svn, .hg and other hidden folders are not searched)",
                "skip backups/README.md: Markdown document with no code fence holding a configuration",
                "skip backups/diagram.png: binary file (a PNG image)",
                "skip backups/router.db: not a PIX/ASA/FWSM/FTD configuration (no version line, ': Saved' header or configuration command near the top)",
            ],
            lines.Where(l => l.StartsWith("skip ", StringComparison.Ordinal)));
        Assert.Equal("4 files to lint, 4 skipped.", lines[^1]);
        Assert.Contains("lint backups/edge/configs/edge-fw2.example.org: ': Saved' header", lines);
        Assert.Contains("lint backups/asa-lab-20261201.log: version line 'ASA Version 9.18(1)'", lines);
    }

    [Fact]
    public void Include_and_exclude_narrow_the_walk_from_the_command_line_and_the_project_file()
    {
        using var dir = BackupRepository();
        var run = CliRunner.Run(["lint", "--list-files", "backups", "--exclude", "*.log", "--exclude", "edge/", "--include", "*.com", "--include", "*.log", "--include", "**/*.org"], dir.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("lint backups/fw01.dc1.example.com: ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("skip backups/asa-lab-20261201.log: excluded by --exclude '*.log'", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("skip backups/edge/configs/edge-fw2.example.org: excluded by --exclude 'edge/'", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("skip backups/pix-hq.corp.example.net: not matched by --include '*.com', '*.log', '**/*.org'", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("1 file to lint, 7 skipped.\n", run.Stdout, StringComparison.Ordinal);

        dir.Write(".pixlint.yaml", "include: [\"backups/**/*.org\", \"backups/*.net\"]\nexclude: [\"**/pix-hq*\"]\n");
        var project = CliRunner.Run(["lint", "--list-files", "backups"], dir.Path);
        Assert.Equal(0, project.ExitCode);
        Assert.Contains("lint backups/edge/configs/edge-fw2.example.org: ", project.Stdout, StringComparison.Ordinal);
        Assert.Contains("skip backups/pix-hq.corp.example.net: excluded by '**/pix-hq*' in .pixlint.yaml", project.Stdout, StringComparison.Ordinal);
        Assert.Contains("skip backups/fw01.dc1.example.com: not matched by include: in .pixlint.yaml", project.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pathological_glob_neither_hangs_nor_crashes()
    {
        using var dir = new TempDir();
        dir.Write(new string('a', 200) + "c", "ASA Version 9.8(4)\nhostname fw\n");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var run = CliRunner.Run(["lint", "--list-files", ".", "--exclude", "**a**a**a**a**a**a**a**a**b", "--include", "**a**a**b**/**a*a*a*a*a*a*a*a*a*a*c"], dir.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), started.Elapsed.ToString());
        Assert.Contains("not matched by --include", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_configurations_is_an_error_and_so_is_an_empty_one()
    {
        using var dir = new TempDir();
        dir.Write("backups/router.db", "fw01;cisco;up\n");
        dir.Write("backups/README.md", "# nothing here\n");
        dir.Write("backups/.git/HEAD", "ref: refs/heads/main\n");
        var run = CliRunner.Run(["lint", "backups/"], dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal("pixlint: no configuration found in backups/ (3 files looked at, none is a PIX/ASA/FWSM/FTD configuration; --list-files shows why)\n", run.Stderr);

        Directory.CreateDirectory(Path.Combine(dir.Path, "empty"));
        var empty = CliRunner.Run(["lint", "empty", "-f", "json"], dir.Path);
        Assert.Equal(2, empty.ExitCode);
        Assert.Equal(string.Empty, empty.Stdout);
        Assert.Equal("pixlint: no configuration found in empty (0 files looked at, none is a PIX/ASA/FWSM/FTD configuration; --list-files shows why)\n", empty.Stderr);

        // A named file that is not a configuration stays a per-file error.
        var named = CliRunner.Run(["lint", "backups/router.db"], dir.Path);
        Assert.Equal(2, named.ExitCode);
        Assert.Contains("backups/router.db: error not-a-config", named.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_corpus_walk_finds_all_43_configurations_and_skips_sources_tsv_with_its_reason()
    {
        var run = CliRunner.Run(["lint", "--list-files", "tests/corpus/real"], TestPaths.RepoRoot);
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var linted = lines.Where(l => l.StartsWith("lint ", StringComparison.Ordinal)).Select(l => l[5..l.IndexOf(": ", 5, StringComparison.Ordinal)]).ToArray();
        Assert.Equal(43, linted.Length);
        Assert.Equal(TestPaths.CorpusFiles().Select(f => "tests/corpus/real/" + f), linted);
        Assert.Equal(
            ["skip tests/corpus/real/SOURCES.tsv: not a PIX/ASA/FWSM/FTD configuration (no version line, ': Saved' header or configuration command near the top)"],
            lines.Where(l => l.StartsWith("skip ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Files_a_walk_cannot_open_are_errors_with_a_reason()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDir();
        dir.Write("fw.cfg", "ASA Version 9.8(4)\nhostname fw\n");

        // A name that is not UTF-8 (Latin-1 "é"), and a configuration deeper than PATH_MAX (4096 bytes),
        // made by bash (whose cd, unlike dash's, goes on below PATH_MAX): .NET's strings cannot name the one, and its mkdir cannot reach the other.
        string deep = string.Concat(Enumerable.Range(0, 20).Select(i => $"mkdir {new string((char)('a' + i), 250)} && cd {new string((char)('a' + i), 250)} && "));
        Shell(dir.Path, "touch \"$(printf 'caf\\351.cfg')\" && " + deep + "printf 'ASA Version 9.8(4)\\n' > fw.cfg");
        try
        {
            var run = CliRunner.Run(["lint", "."], dir.Path);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains(": the file name is not valid UTF-8, so PixLint cannot open it; rename it to lint it", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("(PATH_MAX, 4096 bytes)", run.Stderr, StringComparison.Ordinal);
            Assert.EndsWith("0 findings in the 1 file read; 2 files could not be read (errors above).\n", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("No findings", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Shell(dir.Path, "rm -rf a* caf*"); // rm reaches deeper than PATH_MAX and removes any name; .NET does neither
        }
    }

    private static void Shell(string directory, string script)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = directory })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void Errors_come_before_the_summary_and_the_summary_never_says_no_findings_when_a_file_was_not_read()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", "ASA Version 9.8(4)\nhostname fw\n");
        var run = CliRunner.Run(["lint", "fw.cfg", "gone.cfg"], dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("gone.cfg: no such file or directory\n", run.Stderr);
        Assert.EndsWith("0 findings in the 1 file read; 1 file could not be read (errors above).\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Pre_commit_file_lists_follow_the_same_rule()
    {
        using var dir = BackupRepository();
        var run = CliRunner.Run(["lint", "--skip-non-configs", "backups/README.md", "backups/router.db", "backups/fw01.dc1.example.com", "backups/diagram.png"], dir.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Contains("backups/fw01.dc1.example.com:", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"in 1 file; 3 files skipped \(--list-files shows why\)\.\n$", run.Stdout);

        // A commit that touches no configuration passes (pre-commit runs the hook on every commit).
        var none = CliRunner.Run(["lint", "--skip-non-configs", "backups/README.md"], dir.Path);
        Assert.Equal(0, none.ExitCode);
        Assert.Equal("No findings in 0 files; 1 file skipped (--list-files shows why).\n", none.Stdout);

        string hooks = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".pre-commit-hooks.yaml"));
        Assert.DoesNotContain("files: '\\.(cfg", hooks, StringComparison.Ordinal);
        Assert.Contains("entry: pixlint lint --skip-non-configs", hooks, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_a_rule_depends_on_that_cannot_be_read_is_a_warning_that_counts()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", "ASA Version 9.8(4)\nhostname fw\npolicy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy\n");
        var run = CliRunner.Run(["lint", "fw.cfg"], dir.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("fw.cfg:6:29: warning syntax-error unexpected end of line, expected 'global' or 'interface'", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("in 1 file; 1 warning about the input (what PixLint could not read or tell, listed above).\n", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run(["lint", "fw.cfg", "--fail-on", "error"], dir.Path).ExitCode);

        var json = CliRunner.Run(["lint", "fw.cfg", "-f", "json"], dir.Path);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("inputWarnings").GetInt32());
    }

    [Fact]
    public void What_could_not_be_told_is_stated_per_file()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", "hostname fw\ninterface Ethernet0\n nameif outside\nfrobnicate all\n");
        var run = CliRunner.Run(["lint", "fw.cfg"], dir.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("fw.cfg: note undetermined could not tell the platform (no version line, and no fixup or policy-map to infer it from)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("fw.cfg: note undetermined 1 line PixLint does not recognise was not checked", run.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("No findings in 1 file; 2 notes about the input", run.Stdout.Split('\n')[^2], StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run(["lint", "fw.cfg", "--fail-on", "note"], dir.Path).ExitCode);

        // --max-unknown keeps working: over the limit is an error whatever --fail-on says.
        Assert.Equal(1, CliRunner.Run(["lint", "fw.cfg", "--max-unknown", "0", "--fail-on", "none"], dir.Path).ExitCode);
        Assert.Equal(0, CliRunner.Run(["lint", "fw.cfg", "--max-unknown", "1"], dir.Path).ExitCode);

        dir.Write("pix.cfg", "hostname fw\nfixup protocol ftp 21\n");
        var inferred = CliRunner.Run(["lint", "pix.cfg"], dir.Path);
        Assert.Contains("pix.cfg: note undetermined could not tell the software version (no version line; pix inferred from the commands); give --os-version", inferred.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("undetermined", CliRunner.Run(["lint", "pix.cfg", "--os-version", "6.3(5)"], dir.Path).Stdout, StringComparison.Ordinal);
    }
}
