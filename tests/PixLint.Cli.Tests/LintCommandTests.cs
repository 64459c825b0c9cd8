using System.Text.Json;

namespace PixLint.Tests;

public class LintCommandTests
{
    [Fact]
    public void Json_reports_platform_and_version_per_file()
    {
        var result = CliRunner.Run(["lint", "samples", "--format", "json"]);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var files = doc.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => (f.GetProperty("platform").GetString(), f.GetProperty("osVersion").GetString()));
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(("pix", "6.3(5)"), files["samples/pix63-mailguard.cfg"]);
        Assert.Equal(("asa", "9.8(4)"), files["samples/asa98-default-policy.cfg"]);
        Assert.Equal(("ftd", "7.2.5"), files["samples/ftd72-lina.cfg"]);
        Assert.Equal(("asa", "9.12(4)37"), files["samples/asa-system-context.cfg"]);
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), files.Keys);
    }

    [Fact]
    public void Standard_input_is_linted_as_dash()
    {
        var result = CliRunner.Run(["lint", "-", "-f", "json"], stdin: "ASA Version 9.1(7)\nhostname fw\n"u8.ToArray());
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var file = doc.RootElement.GetProperty("files")[0];
        Assert.Equal("-", file.GetProperty("path").GetString());
        Assert.Equal("9.1(7)", file.GetProperty("osVersion").GetString());
    }

    [Fact]
    public void Missing_paths_exit_2()
    {
        var result = CliRunner.Run(["lint", "samples/pix63-mailguard.cfg", "nope.cfg"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.cfg: no such file or directory", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Directories_are_walked_for_configs_only_and_in_order()
    {
        using var dir = new TempDir();
        dir.Write("b/fw2.cfg", "ASA Version 9.8(4)\nhostname b\n");
        dir.Write("a/fw1", "PIX Version 6.3(5)\nhostname a\n");
        dir.Write("a/README.txt", "just some notes\n");
        dir.Write(".git/config", "hostname x\n");
        var result = CliRunner.Run(["lint", ".", "-f", "json"], workingDirectory: dir.Path);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        Assert.Equal(["a/fw1", "b/fw2.cfg"], doc.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
    }

    [Fact]
    public void Version_option()
    {
        var result = CliRunner.Run(["--version"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout);
    }
}
