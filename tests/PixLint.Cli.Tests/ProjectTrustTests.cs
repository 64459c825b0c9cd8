using System.Runtime.Versioning;
using System.Text.Json;

namespace PixLint.Tests;

/// <summary>
/// Issue 19, "a repository cannot change the verdict behind the user's back": `.pixlint.yaml` is
/// looked for up to the repository root and no further, not in folders others may write to nor in
/// files of another user (said when skipped), a link out of the repository is refused without
/// quoting it, and every report says which configuration applied and what it changed.
/// </summary>
[UnsupportedOSPlatform("windows")]
public class ProjectTrustTests
{
    private const string Ftd = "NGFW Version 7.2.5\nhostname ftd\npolicy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n";

    private const string Silencing = "ignore: [SMTP010]\nseverity:\n  SMTP012: warning\nfail-on: none\n";

    [Fact]
    public void A_configuration_above_the_repository_root_is_not_used()
    {
        using var dir = new TempDir();
        dir.Write(".pixlint.yaml", Silencing);
        Directory.CreateDirectory(Path.Combine(dir.Path, "repo", ".git"));
        dir.Write("repo/site/fw.cfg", Ftd);
        var result = CliRunner.Run(["lint", "fw.cfg"], Path.Combine(dir.Path, "repo", "site"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SMTP010", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Project configuration", result.Stdout, StringComparison.Ordinal);

        // Inside the repository (a worktree's `.git` is a file) it applies, and the report says so.
        dir.Write("repo/.pixlint.yaml", Silencing);
        File.Delete(Path.Combine(dir.Path, ".pixlint.yaml"));
        Directory.Delete(Path.Combine(dir.Path, "repo", ".git"));
        dir.Write("repo/.git", "gitdir: /elsewhere/.git/worktrees/repo\n");
        result = CliRunner.Run(["lint", "fw.cfg"], Path.Combine(dir.Path, "repo", "site"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Project configuration ../.pixlint.yaml: SMTP010 switched off (ignore); SMTP012 raised from note to warning (severity); fails on none (fail-on).", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_in_a_folder_others_may_write_is_skipped_with_a_note()
    {
        using var dir = new TempDir();
        dir.Write("shared/.pixlint.yaml", Silencing);
        dir.Write("shared/fw.cfg", Ftd);
        File.SetUnixFileMode(Path.Combine(dir.Path, "shared"), (UnixFileMode)0x1FF | UnixFileMode.StickyBit);
        var result = CliRunner.Run(["lint", "fw.cfg"], Path.Combine(dir.Path, "shared"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pixlint: note: .pixlint.yaml skipped: its folder is writable by other users (give it with --config if you trust it)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("SMTP010", result.Stdout, StringComparison.Ordinal);

        // Said by the user on the command line, it applies.
        result = CliRunner.Run(["lint", "fw.cfg", "--config", ".pixlint.yaml"], Path.Combine(dir.Path, "shared"));
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void A_configuration_another_user_owns_is_skipped_with_a_note()
    {
        using var dir = new TempDir();
        dir.Write(".pixlint.yaml", Silencing);
        dir.Write("fw.cfg", Ftd);
        string config = Path.Combine(dir.Path, ".pixlint.yaml");
        if (PixlintProcess.IsRoot)
        {
            // As root: a file of `nobody` in root's folder.
            PixlintProcess.Exec("chown", "65534:65534", config);
            var result = CliRunner.Run(["lint", "fw.cfg"], dir.Path);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains(".pixlint.yaml skipped: it belongs to another user (uid 65534)", result.Stderr, StringComparison.Ordinal);
        }

        // As an unprivileged user: a file root owns is trusted (root could change anything anyway),
        // one writable by others is not.
        File.SetUnixFileMode(config, (UnixFileMode)0x1B6);
        PixlintProcess.PrepareForNobody(dir.Path);
        if (PixlintProcess.IsRoot)
        {
            PixlintProcess.Exec("chown", "0:0", config);
            File.SetUnixFileMode(config, (UnixFileMode)0x1A4);
        }

        var asUser = PixlintProcess.Run(dir.Path, ["lint", "fw.cfg"], unprivileged: true);
        Assert.Equal(PixlintProcess.IsRoot ? 0 : 1, asUser.ExitCode);
        if (!PixlintProcess.IsRoot)
        {
            Assert.Contains(".pixlint.yaml skipped: it is writable by other users", asUser.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_link_to_a_configuration_outside_the_repository_is_refused_unread()
    {
        using var dir = new TempDir();
        dir.Write("elsewhere/secret.yaml", "Sekr1tNotForErrors: [\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "repo", ".git"));
        dir.Write("repo/fw.cfg", Ftd);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "repo", ".pixlint.yaml"), Path.Combine(dir.Path, "elsewhere", "secret.yaml"));
        var result = CliRunner.Run(["lint", "fw.cfg"], Path.Combine(dir.Path, "repo"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(".pixlint.yaml: error: is a symbolic link to a file outside the repository; not read", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Sekr1t", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_report_says_what_the_project_configuration_changed()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".git"));
        dir.Write(".pixlint.yaml", "ignore: [SMTP010]\nseverity:\n  SMTP012: note\n" +
            "defaults:\n  inspect-maps:\n    - name: _default_esmtp_map\n      protocol: esmtp\n      applies: [{ platforms: [ftd], evidence: documented }]\n      config: |\n        policy-map type inspect esmtp _default_esmtp_map\n         parameters\n          allow-tls\n");
        dir.Write("fw.cfg", Ftd);
        const string Changes = "SMTP010 switched off (ignore); SMTP012 set to note (severity); built-in assumptions overridden for inspect map `_default_esmtp_map` (defaults)";

        var text = CliRunner.Run(["lint", "fw.cfg"], dir.Path);
        Assert.Contains($"Project configuration .pixlint.yaml: {Changes}.", text.Stdout, StringComparison.Ordinal);

        var json = CliRunner.Run(["lint", "fw.cfg", "-f", "json"], dir.Path);
        using (var doc = JsonDocument.Parse(json.StdoutBytes))
        {
            var project = doc.RootElement.GetProperty("summary").GetProperty("projectConfiguration");
            Assert.Equal(".pixlint.yaml", project.GetProperty("path").GetString());
            Assert.Equal(Changes.Split("; "), project.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        }

        var sarif = CliRunner.Run(["lint", "fw.cfg", "-f", "sarif"], dir.Path);
        using (var doc = JsonDocument.Parse(sarif.StdoutBytes))
        {
            var project = doc.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("projectConfiguration");
            Assert.Equal(Changes.Split("; "), project.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        }

        var html = CliRunner.Run(["lint", "fw.cfg", "-f", "html"], dir.Path);
        Assert.Contains("<p id=\"project-configuration\">Project configuration <code>.pixlint.yaml</code>: SMTP010 switched off (ignore); SMTP012 set to note (severity);", html.Stdout, StringComparison.Ordinal);

        var fix = CliRunner.Run(["fix", "fw.cfg"], dir.Path);
        Assert.Contains($"pixlint: Project configuration .pixlint.yaml: {Changes}.", fix.Stderr, StringComparison.Ordinal);
    }
}
