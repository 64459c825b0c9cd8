namespace PixLint.Tests;

/// <summary>
/// The device scripts per platform and version, as golden files: PIX 6.3 (fixups, `exit`), PIX
/// 7.0 and ASA 8.0(2) (no `allow-tls`: the inspection goes), ASA 8.0(3) and 9.x (`allow-tls`),
/// FWSM 2.x (fixups) and 3.x (MPF without `allow-tls`, a security context), FTD (FlexConfig).
/// </summary>
public class GoldenCommandTests
{
    private static string GoldenDir => Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Remediation.Tests", "Golden");

    public static TheoryData<string> Devices() => ["pix63", "pix70", "asa802", "asa803", "asa9x", "fwsm23", "fwsm31", "ftd72"];

    [Theory]
    [MemberData(nameof(Devices))]
    public void Commands_per_platform_and_version(string device)
    {
        var result = CliRunner.Run(["fix", $"tests/PixLint.Remediation.Tests/Golden/{device}.cfg"]);
        Assert.Equal(0, result.ExitCode);
        Golden.Check(Path.Combine(GoldenDir, device + ".commands.txt"), result.Stdout);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Diff_per_platform_and_version(string device)
    {
        var result = CliRunner.Run(["fix", $"tests/PixLint.Remediation.Tests/Golden/{device}.cfg", "--format", "diff"]);
        Assert.Equal(0, result.ExitCode);
        Golden.Check(Path.Combine(GoldenDir, device + ".diff"), result.Stdout);
    }

    [Fact]
    public void Old_pix_leaves_configuration_mode_with_exit_and_asa_with_end()
    {
        string pix = CliRunner.Run(["fix", "tests/PixLint.Remediation.Tests/Golden/pix63.cfg"]).Stdout;
        string asa = CliRunner.Run(["fix", "tests/PixLint.Remediation.Tests/Golden/asa803.cfg"]).Stdout;
        Assert.Contains("no fixup protocol smtp 2525\nexit\n!\n! 2. Save\nwrite memory\n", pix, StringComparison.Ordinal);
        Assert.DoesNotContain("\nend\n", pix, StringComparison.Ordinal);
        Assert.Contains(" exit\nend\n!\n! 2. Save\nwrite memory\n", asa, StringComparison.Ordinal);
    }

    [Fact]
    public void Ftd_commands_are_a_flexconfig_object_without_write_memory()
    {
        string ftd = CliRunner.Run(["fix", "tests/PixLint.Remediation.Tests/Golden/ftd72.cfg"]).Stdout;
        Assert.Contains("FlexConfig", ftd, StringComparison.Ordinal);
        Assert.DoesNotContain("\nconfigure terminal\n", ftd, StringComparison.Ordinal);
        Assert.DoesNotContain("\nwrite memory\n", ftd, StringComparison.Ordinal);
        Assert.DoesNotContain("\n! write memory\n", ftd, StringComparison.Ordinal);
    }

    [Fact]
    public void Pasting_the_whole_output_never_runs_the_rollback()
    {
        foreach (string device in Devices())
        {
            string output = CliRunner.Run(["fix", $"tests/PixLint.Remediation.Tests/Golden/{device}.cfg"]).Stdout;
            int rollback = output.IndexOf("! 4. Rollback", StringComparison.Ordinal);
            Assert.True(rollback > 0, device);
            Assert.All(output[rollback..].Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("!", line, StringComparison.Ordinal));
        }
    }
}
