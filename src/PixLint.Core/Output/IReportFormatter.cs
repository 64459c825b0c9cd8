namespace PixLint.Output;

/// <summary>One output format of `pixlint lint` (one class per format).</summary>
public interface IReportFormatter
{
    void Write(LintReport report, Stream output, FormatOptions options);
}
