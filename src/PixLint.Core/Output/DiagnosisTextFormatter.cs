using System.Text;
using PixLint.Diagnosis;

namespace PixLint.Output;

/// <summary>
/// `--format text` for diagnose and probe. A probe's output starts with its transcript, one line
/// per line so that evidence `line N` is the Nth line printed (and `pixlint diagnose` can read the
/// output back); then the TLS details, the verdict, the evidence, the likely cause and next steps.
/// </summary>
public sealed class DiagnosisTextFormatter : IDiagnosisFormatter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";
    private const string Cyan = "\u001b[36m";

    public void Write(DiagnosisReport report, Stream output, FormatOptions options)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        string C(string code, string text) => options.Color ? code + text + Reset : text;

        if (report.Probe is { } probe)
        {
            foreach (string line in probe.TranscriptLines)
            {
                writer.WriteLine(D(line));
            }

            writer.WriteLine();
            if (probe.Tls is { } tls)
            {
                WriteTls(writer, tls, C);
            }
        }

        if (report.Diagnosis is not { } diagnosis)
        {
            writer.Flush();
            return;
        }

        string verdictColour = diagnosis.Verdict switch
        {
            Verdict.StartTlsOffered => Green,
            Verdict.Inconclusive => Yellow,
            _ => Red,
        };
        writer.WriteLine($"{C(Bold, D(report.Source))}: {C(verdictColour + Bold, diagnosis.Verdict.ToName())} ({diagnosis.Confidence.ToName()} confidence)");
        writer.WriteLine(D(diagnosis.Summary));
        if (report.Probe?.Failure is { } failure)
        {
            writer.WriteLine($"The probe stopped early: {D(failure.Message)}.");
        }

        if (diagnosis.Evidence.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine(C(Bold, "Evidence:"));
            foreach (var e in diagnosis.Evidence)
            {
                string where = report.IsProbe ? $"line {e.Line}" : $"{report.Source}:{e.Line}";
                writer.WriteLine($"  {C(Bold, where)}: {D(e.Text.Trim().Replace('\t', ' '))}");
                writer.WriteLine($"    {C(Cyan, "=")} {D(e.Shows)}");
            }
        }

        if (diagnosis.Cause is { } cause)
        {
            writer.WriteLine();
            writer.WriteLine($"{C(Bold, "Likely cause:")} {D(cause.Description)}");
            writer.WriteLine($"  rules: {string.Join(", ", cause.RuleIds)} (see `pixlint rules show {cause.RuleIds[0]}`)");
        }

        if (diagnosis.Notes.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine(C(Bold, "Notes:"));
            foreach (string note in diagnosis.Notes)
            {
                writer.WriteLine($"  - {D(note)}");
            }
        }

        writer.WriteLine();
        writer.WriteLine(C(Bold, "Next steps:"));
        for (int i = 0; i < diagnosis.NextSteps.Count; i++)
        {
            writer.WriteLine($"  {i + 1}. {D(diagnosis.NextSteps[i])}");
        }

        writer.Flush();
    }

    private static void WriteTls(StreamWriter writer, TlsDetails tls, Func<string, string, string> c)
    {
        writer.WriteLine($"{c(Bold, "TLS:")} {tls.Protocol}, {tls.CipherSuite}");
        if (tls.Subject is not null)
        {
            writer.WriteLine($"  subject:    {D(tls.Subject)}");
            writer.WriteLine($"  issuer:     {D(tls.Issuer ?? string.Empty)}");
            writer.WriteLine($"  valid:      {tls.NotBefore:yyyy-MM-dd HH:mm} to {tls.NotAfter:yyyy-MM-dd HH:mm} UTC");
            if (tls.DnsNames.Count > 0)
            {
                writer.WriteLine($"  names:      {D(string.Join(", ", tls.DnsNames))}");
            }
        }

        writer.WriteLine(tls.Validation.Valid
            ? $"  validation: {c(Green, "verifies")}"
            : $"  validation: {c(Yellow, "does not verify")}: {string.Join("; ", tls.Validation.Problems)} (reported only: most senders encrypt without checking)");
        writer.WriteLine();
    }

    /// <summary>Text from the session, the server or its certificate, with no control character left to act on the terminal.</summary>
    private static string D(string text) => Text.LosslessUtf8.ToDisplay(text);
}
