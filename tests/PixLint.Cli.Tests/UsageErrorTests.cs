namespace PixLint.Tests;

/// <summary>A mistyped option or command is an error naming the closest one, never a path; option values get plain errors.</summary>
public class UsageErrorTests
{
    private const string Config = "PIX Version 6.3(5)\nhostname fw\nfixup protocol smtp 25\n";

    [Theory]
    [InlineData("lint --formt json fw.cfg -o out.json", "unknown option '--formt'; did you mean '--format'?")]
    [InlineData("lint --fial-on error fw.cfg -o out.json", "unknown option '--fial-on'; did you mean '--fail-on'?")]
    [InlineData("lint fw.cfg --list-file", "unknown option '--list-file'; did you mean '--list-files'?")]
    [InlineData("lint --exclud x fw.cfg", "unknown option '--exclud'; did you mean '--exclude'?")]
    [InlineData("fix --writ fw.cfg", "unknown option '--writ'; did you mean '--write'?")]
    [InlineData("fix fw.cfg --write --backpu", "unknown option '--backpu'; did you mean '--backup'?")]
    [InlineData("lnt fw.cfg", "unknown command 'lnt'; did you mean 'lint'?")]
    [InlineData("rules lst", "unknown command 'lst'; did you mean 'list'?")]
    [InlineData("lint --zzzzzz fw.cfg", "unknown option '--zzzzzz' ('pixlint lint --help' lists the options; a path starting with '-' goes after '--')")]
    [InlineData("lint -j abc fw.cfg", "--jobs expects a whole number, got 'abc'")]
    [InlineData("lint --timeout soon fw.cfg", "--timeout expects a number, got 'soon'")]
    [InlineData("lint -f jsn fw.cfg", "--format expects one of text, json, sarif, github, junit, html, gitlab, checkstyle, markdown (optionally with :FILE, as in -f sarif:pixlint.sarif), got 'jsn'; did you mean 'json'?")]
    [InlineData("lint --fail-on warn fw.cfg", "--fail-on expects one of error, warning, note, none, got 'warn'; did you mean 'warning'?")]
    [InlineData("fix --strategy allow fw.cfg", "--strategy expects one of allow-tls, disable-inspection, got 'allow'; did you mean 'allow-tls'?")]
    public void Mistakes_on_the_command_line_exit_2_with_one_line_and_touch_nothing(string args, string message)
    {
        using var dir = new TempDir();
        string file = dir.Write("fw.cfg", Config);
        var run = CliRunner.Run(args.Split(' '), dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal($"pixlint: error: {message}\n", run.Stderr);
        Assert.Equal(Config, File.ReadAllText(file));
        Assert.Equal(["fw.cfg"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_path_starting_with_a_dash_goes_after_double_dash_and_a_lone_dash_is_standard_input()
    {
        using var dir = new TempDir();
        dir.Write("-fw.cfg", Config);
        var named = CliRunner.Run(["lint", "--", "-fw.cfg"], dir.Path);
        Assert.Equal(1, named.ExitCode);
        Assert.Contains("-fw.cfg:3:1: error SMTP001", named.Stdout, StringComparison.Ordinal);

        var stdin = CliRunner.Run(["lint", "-"], dir.Path, stdin: System.Text.Encoding.UTF8.GetBytes(Config));
        Assert.Equal(1, stdin.ExitCode);
        Assert.Contains("-:3:1: error SMTP001", stdin.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_config_path_is_named_as_given()
    {
        using var dir = new TempDir();
        dir.Write("fw.cfg", Config);
        var run = CliRunner.Run(["lint", "--config", "/nope/pixlint.yaml", "fw.cfg"], dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("/nope/pixlint.yaml: error: cannot read the configuration", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("fix")]
    [InlineData("parse")]
    [InlineData("diagnose")]
    [InlineData("probe")]
    public void Help_shows_each_default_once(string command)
    {
        var run = CliRunner.Run([command, "--help"]);
        Assert.Equal(0, run.ExitCode);
        foreach (string line in run.Stdout.Split('\n'))
        {
            int said = System.Text.RegularExpressions.Regex.Count(line, @"\(default[: ]|\[default: ");
            Assert.True(said <= 1, line);
        }

        Assert.DoesNotContain("[default: " + Environment.ProcessorCount + "]", run.Stdout, StringComparison.Ordinal);
    }
}
