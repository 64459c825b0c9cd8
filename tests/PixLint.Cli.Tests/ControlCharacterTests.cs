using System.Text;

namespace PixLint.Tests;

/// <summary>
/// Issue 19, terminal and log injection: a configuration whose hostname and map names hold escape
/// sequences (OSC, CSI, the C1 CSI), a bell and a bidi override, in a file whose name holds a newline
/// and a GitHub workflow command. No human-readable output nor any message on standard error lets a
/// control character through, and no line of them is a forged `::error` command; machine formats
/// keep the names exact, escaped.
/// </summary>
public class ControlCharacterTests
{
    private const string ForgedName = "x\n::error file=a.cfg::forged.cfg";

    private static TempDir Setup()
    {
        var dir = new TempDir();
        string config = File.ReadAllText(Path.Combine(TestPaths.Samples, "asa84-strict-mail.cfg"))
            .Replace("hostname mailgw", "hostname mail\u001b]0;pwned\u0007gw\u202e", StringComparison.Ordinal)
            .Replace("STRICT_MAIL", "STRICT\u001b[31mMAIL\u202e", StringComparison.Ordinal)
            .Replace("OUTSIDE_POLICY", "OUT\u009b31mSIDE", StringComparison.Ordinal);
        dir.Write("fw.cfg", config);
        dir.Write(ForgedName, config);
        return dir;
    }

    /// <summary>Fails naming the first control character (other than tab and line breaks) or bidi control, or a line that is a workflow command.</summary>
    private static void AssertClean(string what, string output)
    {
        for (int i = 0; i < output.Length; i++)
        {
            char c = output[i];
            bool control = (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
            Assert.False(control, $"{what} shows U+{(int)c:X4} at {i}: {output.Substring(Math.Max(0, i - 30), Math.Min(60, output.Length - Math.Max(0, i - 30)))}");
        }

        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("::error file=a.cfg", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("github")]
    [InlineData("html")]
    [InlineData("junit")]
    public void Lint_reports_show_no_control_character(string format)
    {
        using var dir = Setup();
        var result = CliRunner.Run(["lint", "fw.cfg", ForgedName, "-f", format], dir.Path);
        Assert.Equal(1, result.ExitCode);
        if (format == "junit")
        {
            // XML for test report viewers, not a log: the name is kept exactly (escaped), without raw controls.
            Assert.DoesNotContain(result.Stdout, c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
        }
        else
        {
            AssertClean($"lint -f {format}", result.Stdout);
        }

        AssertClean($"lint -f {format} (stderr)", result.Stderr);
    }

    [Theory]
    [InlineData("parse", "tree")]
    [InlineData("fix", "commands")]
    [InlineData("fix", "diff")]
    public void Parse_and_fix_show_no_control_character(string command, string format)
    {
        using var dir = Setup();
        foreach (string file in new[] { "fw.cfg", ForgedName })
        {
            var result = CliRunner.Run([command, file, "-f", format], dir.Path);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains(format == "diff" ? "OUT\uFFFD31mSIDE" : "STRICT\uFFFD[31mMAIL\uFFFD", result.Stdout, StringComparison.Ordinal);
            AssertClean($"{command} -f {format} {file}", result.Stdout);
            AssertClean($"{command} -f {format} {file} (stderr)", result.Stderr);
        }
    }

    [Fact]
    public void Messages_naming_a_file_show_no_control_character()
    {
        using var dir = Setup();
        foreach (string[] args in new[]
        {
            new[] { "lint", "missing\n::error file=a.cfg::x.cfg" },
            ["parse", "missing\n::error file=a.cfg::x.cfg"],
            ["diagnose", ForgedName],
            ["fix", ForgedName, "--write"],
            ["lint", "fw.cfg", "-o", "no-such-folder/\u001b[2Jr\n::error file=a.cfg::x"],
        })
        {
            var result = CliRunner.Run(args, dir.Path);
            AssertClean(string.Join(' ', args), result.Stderr);
            Assert.NotEmpty(result.Stderr);
        }
    }

    [Fact]
    public void Machine_formats_keep_the_names_exact_and_escaped()
    {
        using var dir = Setup();
        var json = CliRunner.Run(["lint", ForgedName, "-f", "json"], dir.Path);
        Assert.Contains("x\\n::error file=a.cfg::forged.cfg", json.Stdout, StringComparison.Ordinal);
        var source = CliRunner.Run(["parse", "fw.cfg", "-f", "source"], dir.Path);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Path, "fw.cfg")), source.StdoutBytes);
        Assert.Contains("\u001b]0;pwned", Encoding.UTF8.GetString(source.StdoutBytes), StringComparison.Ordinal);
    }
}
