using PixLint.Diagnosis;

namespace PixLint.Output;

/// <summary>One output format of `pixlint diagnose` and `pixlint probe` (one class per format).</summary>
public interface IDiagnosisFormatter
{
    void Write(DiagnosisReport report, Stream output, FormatOptions options);
}
