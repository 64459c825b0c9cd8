using CsCheck;
using PixLint.Fuzz;

namespace PixLint.Tests;

/// <summary>
/// A bounded fuzzer in the normal test run: real configurations mutated at random (fragments of the
/// commands that rules and fixes act on inserted, slices deleted, duplicated or overwritten) go
/// through the configuration fuzz target, which checks that nothing throws, the round trip is exact,
/// every span, finding, related location and edit lies inside the input, every output format is
/// written, the fixes converge (no SMTP001/010/011/014 left, fixing again changes nothing).
/// Sized by iterations (CsCheck_Iter overrides the default); a failure prints the seed, and
/// CsCheck_Seed=SEED replays it. AFL campaigns explore further (tests/fuzz/run.sh).
/// </summary>
public class MutatedConfigPropertyTests
{
    private static readonly byte[][] Seeds = [.. FuzzInputs.ConfigSeeds().Select(File.ReadAllBytes).Where(b => b.Length <= 64 * 1024)];

    private static readonly byte[][] Fragments =
    [
        "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\r"u8.ToArray(), " "u8.ToArray(), "  "u8.ToArray(), "\t"u8.ToArray(), "no "u8.ToArray(), "!\n"u8.ToArray(),
        "fixup protocol smtp 25\n"u8.ToArray(), "no fixup protocol smtp 25\n"u8.ToArray(), "fixup protocol smtp 465-587\n"u8.ToArray(),
        "PIX Version 6.3(5)\n"u8.ToArray(), "ASA Version 7.2(2)\n"u8.ToArray(), "ASA Version 9.8(4)\n"u8.ToArray(), "FWSM Version 2.3(1)\n"u8.ToArray(),
        "policy-map global_policy\n class inspection_default\n  inspect esmtp\n"u8.ToArray(),
        "policy-map type inspect esmtp M\n parameters\n  mask-banner\n  no allow-tls\n match cmd verb STARTTLS\n  mask\n"u8.ToArray(),
        " match not cmd verb HELO EHLO\n  drop-connection\n"u8.ToArray(), "  allow-tls\n"u8.ToArray(), "  inspect esmtp M\n"u8.ToArray(),
        "class-map C\n match port tcp eq 465\n"u8.ToArray(), "class-map type inspect esmtp match-all V\n match cmd verb STARTTLS\n"u8.ToArray(),
        "service-policy global_policy global\n"u8.ToArray(), "service-policy P interface outside\n"u8.ToArray(),
        "policy-map P\n class C\n  inspect esmtp\n  no inspect esmtp\n"u8.ToArray(), "exit\n"u8.ToArray(), "<--- More --->\b\b"u8.ToArray(),
        "snmp-server community Sekr1t\n"u8.ToArray(), [0x92], [0xC3], [0xEF, 0xBB, 0xBF], [0x00],
    ];

    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out int n) ? n : 5000;

    [Fact]
    public void Mutated_configurations_lint_and_fix_cleanly()
    {
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, Fragments.Length - 1], Gen.Int[1, 400]);
        Gen.Select(Gen.Int[0, Seeds.Length - 1], mutation.Array[1, 8])
            .Select(t => Mutate(Seeds[t.Item1], t.Item2))
            .Sample(FuzzTargets.Config, iter: Iterations);
    }

    [Fact]
    public void The_seeds_hold_what_the_fixes_act_on()
    {
        // The mutations start from files with something to fix, or the convergence check would be idle.
        string all = string.Concat(Seeds.Select(System.Text.Encoding.Latin1.GetString));
        Assert.Contains("fixup protocol smtp", all, StringComparison.Ordinal);
        Assert.Contains("inspect esmtp", all, StringComparison.Ordinal);
        Assert.Contains("match cmd verb", all, StringComparison.Ordinal);
        Assert.True(Seeds.Length > 80, $"only {Seeds.Length} seeds");
    }

    private static byte[] Mutate(byte[] original, (int Kind, int Position, int Fragment, int Length)[] mutations) =>
        Mutations.Apply(original, mutations, Fragments, lineStartsToo: true);
}
