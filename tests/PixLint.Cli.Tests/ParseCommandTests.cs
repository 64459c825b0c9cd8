using System.Text.Json;

namespace PixLint.Tests;

public class ParseCommandTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in TestPaths.CorpusFiles())
        {
            foreach (string variant in Variants.All)
            {
                data.Add(file, variant);
            }
        }

        return data;
    }

    /// <summary>Acceptance: `pixlint parse F --format source` reproduces every corpus file and its variants byte for byte.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Source_format_reproduces_the_bytes(string file, string variant)
    {
        using var dir = new TempDir();
        byte[] bytes = Variants.Make(File.ReadAllBytes(Path.Combine(TestPaths.Corpus, file)), variant);
        string path = dir.Write("config.cfg", bytes);

        var result = CliRunner.Run(["parse", path, "--format", "source"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Equal(bytes, result.StdoutBytes);
    }

    [Fact]
    public void Source_format_from_stdin()
    {
        byte[] bytes = "PIX Version 6.3(5)\r\nfixup protocol smtp 25\r\n"u8.ToArray();
        var result = CliRunner.Run(["parse", "-", "--format", "source"], stdin: bytes);
        Assert.Equal(bytes, result.StdoutBytes);
    }

    [Fact]
    public void Tree_format_shows_commands_and_redacts_secrets()
    {
        var result = CliRunner.Run(["parse", "samples/pix63-mailguard.cfg"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("fixup protocol=smtp ports=25", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cretCommunity", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Tac4csK3y", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("snmp-server community <redacted>", result.Stdout, StringComparison.Ordinal);

        var shown = CliRunner.Run(["parse", "samples/pix63-mailguard.cfg", "--show-secrets"]);
        Assert.Contains("S3cretCommunity", shown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_format_has_lines_and_the_model()
    {
        var result = CliRunner.Run(["parse", "samples/asa84-strict-mail.cfg", "--format", "json"]);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        var root = doc.RootElement;
        Assert.Equal(60, root.GetProperty("lines").GetArrayLength());
        var model = root.GetProperty("model");
        Assert.Equal("asa", model.GetProperty("device").GetProperty("platform").GetString());
        var inspects = model.GetProperty("inspects").EnumerateArray().Where(i => i.GetProperty("protocol").GetString() == "esmtp").ToList();
        Assert.Equal(["STRICT_MAIL", "_default_esmtp_map"], inspects.Select(i => i.GetProperty("map").GetProperty("name").GetString()));
        Assert.Equal(["25", "587"], inspects.Select(i => i.GetProperty("ports").GetString()));
        Assert.DoesNotContain("Sup3rS3cretPSK", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "parse", "no-such-file.cfg" }, "no-such-file.cfg: error: no such file or directory")]
    [InlineData(new[] { "parse", "samples" }, "samples: error: is a directory; parse takes one file")]
    [InlineData(new[] { "parse", "samples/ftd72-lina.cfg", "--os-version", "nine" }, "pixlint: error: --os-version: 'nine' is not a PIX/ASA version, expected e.g. 9.8(4), 8.0(3), 6.3(5) or 7.2.5")]
    [InlineData(new[] { "parse", "samples/ftd72-lina.cfg", "--format", "xml" }, "pixlint: error: --format expects one of tree, json, source, got 'xml'\n")]
    public void Bad_input_exits_2_with_a_clear_message(string[] args, string message)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Stderr, StringComparison.Ordinal);
    }
}
