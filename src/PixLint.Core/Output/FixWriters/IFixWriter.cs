using PixLint.Remediation;
using PixLint.Rules;

namespace PixLint.Output.FixWriters;

/// <summary>What every fix writer is given: where to write, the rules (for why a finding has no automatic fix), secrets on or off.</summary>
public sealed record FixWriterContext(Stream Output, RuleSet Rules, bool ShowSecrets);

/// <summary>One output format of `pixlint fix` (one class per format): each fixed file in turn.</summary>
public interface IFixWriter
{
    /// <summary>True when the format is the corrected file itself, so only one file fits on standard output.</summary>
    bool OneFileOnly { get; }

    void Write(FixResult result, FixWriterContext context);
}
