using PixLint.Diagnosis;

namespace PixLint.Output;

/// <summary>`--format markdown` for one session (`diagnose TRANSCRIPT`, `probe HOST`): the per-peer summary with one peer.</summary>
public sealed class SessionMarkdownFormatter : IDiagnosisFormatter
{
    public void Write(DiagnosisReport report, Stream output, FormatOptions options)
    {
        string command = report.IsProbe ? "probe" : "diagnose";
        var peers = report.Diagnosis is { } diagnosis
            ? [PeerVerdict.FromSession(report.Source, report.Probe?.RemoteAddress, diagnosis, report.Probe)]
            : new List<PeerVerdict>
            {
                new(report.Source, report.Probe?.RemoteAddress, [], Verdict.Inconclusive, Confidence.Low, report.Probe?.Failure?.Message ?? "no verdict", new Dictionary<string, long>(), [], []) { Probe = report.Probe },
            };
        new PeerMarkdownFormatter().Write(new PeerReport(command, [report.Source], peers), output, options);
    }
}
