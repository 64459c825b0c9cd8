using PixLint.Remediation;

namespace PixLint.Output.FixWriters;

/// <summary>`--format config`: the corrected configuration, byte for byte as the original except for the fixed lines (secrets included: it is the configuration).</summary>
public sealed class ConfigFixWriter : IFixWriter
{
    public bool OneFileOnly => true;

    public void Write(FixResult result, FixWriterContext context) => context.Output.Write(result.Text.ToBytes());
}
