using PixLint.Fuzz;

namespace PixLint.Tests;

/// <summary>
/// Every input AFL found to crash or hang a fuzz target (minimised with afl-tmin into
/// tests/fuzz/regressions/TARGET/, see README "Fuzzing") passes the target now, and so does every
/// seed the campaigns start from: the targets' checks (round trip, spans inside the input, every
/// output format, fixes that converge, located load errors) hold on the real files too.
/// </summary>
public class FuzzRegressionTests
{
    [Fact]
    public void Config_regressions_pass()
    {
        foreach (string file in FuzzInputs.RegressionFiles("config"))
        {
            Run(file, FuzzTargets.Config);
        }
    }

    [Fact]
    public void Rule_file_regressions_pass()
    {
        foreach (string file in FuzzInputs.RegressionFiles("rules"))
        {
            Run(file, FuzzTargets.Rules);
        }
    }

    [Fact]
    public void Transcript_and_probe_regressions_pass()
    {
        foreach (string file in FuzzInputs.RegressionFiles("transcript"))
        {
            Run(file, SmtpFuzzTargets.Transcript);
        }

        foreach (string file in FuzzInputs.RegressionFiles("probe"))
        {
            Run(file, SmtpFuzzTargets.ProbeReply);
        }
    }

    [Fact]
    public void Every_transcript_seed_passes_the_target()
    {
        var seeds = FuzzInputs.TranscriptSeeds().ToList();
        Assert.True(seeds.Count > 20, $"only {seeds.Count} transcript seeds");
        foreach (string seed in seeds)
        {
            Run(seed, SmtpFuzzTargets.Transcript);
        }
    }

    [Fact]
    public void Every_probe_seed_passes_the_target()
    {
        var seeds = FuzzInputs.ProbeSeeds().ToList();
        Assert.True(seeds.Count >= 5, $"only {seeds.Count} probe seeds");
        foreach (string seed in seeds)
        {
            Run(seed, SmtpFuzzTargets.ProbeReply);
        }
    }

    [Fact]
    public void Every_config_seed_passes_the_target()
    {
        var seeds = FuzzInputs.ConfigSeeds().ToList();
        Assert.True(seeds.Count > 90, $"only {seeds.Count} configuration seeds");
        foreach (string seed in seeds)
        {
            Run(seed, FuzzTargets.Config);
        }
    }

    [Fact]
    public void Every_rule_seed_passes_the_target()
    {
        var seeds = FuzzInputs.RuleSeeds().ToList();
        Assert.True(seeds.Count > 10, $"only {seeds.Count} rule seeds");
        foreach (string seed in seeds)
        {
            Run(seed, FuzzTargets.Rules);
        }
    }

    private static void Run(string file, Action<byte[]> target)
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{Path.GetRelativePath(TestPaths.RepoRoot, file)}: {e.GetType().Name}: {e.Message}", e);
        }
    }
}
