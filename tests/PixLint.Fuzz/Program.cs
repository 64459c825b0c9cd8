using PixLint.Fuzz;
using SharpFuzz;

// pixlint-fuzz TARGET            under afl-fuzz (config, rules, transcript, probe) (tests/fuzz/run.sh): one input per run from AFL
// pixlint-fuzz TARGET FILE...    replay inputs (triage, afl-tmin): the exception and its stack, exit 1
var targets = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
{
    ["config"] = FuzzTargets.Config,
    ["rules"] = FuzzTargets.Rules,
    ["transcript"] = SmtpFuzzTargets.Transcript,
    ["probe"] = SmtpFuzzTargets.ProbeReply,
};

if (args.Length == 0 || !targets.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine("usage: pixlint-fuzz config|rules|transcript|probe [FILE...]");
    return 2;
}

if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.ToArray());
    });
    return 0;
}

int failed = 0;
foreach (string file in args.Skip(1))
{
    try
    {
        target(File.ReadAllBytes(file));
        Console.WriteLine($"{file}: ok");
    }
#pragma warning disable CA1031 // Replay reports every exception: any of them is the finding.
    catch (Exception e)
#pragma warning restore CA1031
    {
        Console.WriteLine($"{file}: {e.GetType().FullName}: {e.Message}");
        Console.Error.WriteLine(e);
        failed++;
    }
}

return failed == 0 ? 0 : 1;
