using System.Text;
using PixLint.Diagnosis;

namespace PixLint.Output;

/// <summary>
/// `--format text` for the per-peer report: one block per peer, worst first (verdict, counts,
/// first and last seen, the firewall line it is tied to, one evidence line per signal, notes,
/// next steps), then the domains' session totals and the notes on the whole input.
/// </summary>
public sealed class PeerTextFormatter : IPeerFormatter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";

    public void Write(PeerReport report, Stream output, FormatOptions options)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        string C(string code, string text) => options.Color ? code + text + Reset : text;
        foreach (var peer in report.Peers)
        {
            string colour = peer.Verdict switch
            {
                Verdict.StartTlsOffered => Green,
                Verdict.Inconclusive => Yellow,
                _ => Red,
            };
            writer.WriteLine($"{C(Bold, peer.Display)}: {C(colour, peer.Verdict.ToName())} ({peer.Confidence.ToName()} confidence)");
            writer.WriteLine($"  {peer.Summary}");
            if (peer.Domains.Count > 0 && report.Domain is null)
            {
                writer.WriteLine($"  domains: {string.Join(", ", peer.Domains)}");
            }

            if (peer.Counts.Count > 0)
            {
                writer.WriteLine($"  counts: {string.Join(", ", peer.Counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}");
            }

            if (peer.FirstSeen is not null)
            {
                writer.WriteLine(peer.FirstSeen == peer.LastSeen ? $"  seen: {peer.FirstSeen}" : $"  seen: {peer.FirstSeen} .. {peer.LastSeen}");
            }

            if (peer.Reporters.Count > 0)
            {
                writer.WriteLine($"  reported by: {string.Join(", ", peer.Reporters)}");
            }

            foreach (var link in peer.Firewall)
            {
                writer.WriteLine($"  firewall: {link.File}:{link.Line}:{link.Column}: {link.RuleId} `{link.Command}`: {link.Exposure}");
            }

            if (peer.Probe is { } probe)
            {
                writer.WriteLine($"  probe: {probe.Options.Target.Display} via {probe.RemoteAddress ?? peer.Address}" + (probe.Tls is { } tls ? $", TLS {tls.Protocol} {tls.CipherSuite}" : string.Empty));
            }

            if (peer.Samples.Count > 0)
            {
                writer.WriteLine("  evidence:");
                foreach (var sample in peer.Samples)
                {
                    writer.WriteLine($"    {sample.Source}: {sample.Text}");
                }
            }

            foreach (string note in peer.Notes)
            {
                writer.WriteLine($"  note: {note}");
            }

            if (peer.NextSteps.Count > 0)
            {
                writer.WriteLine("  next steps:");
                foreach (string step in peer.NextSteps)
                {
                    writer.WriteLine($"    - {step}");
                }
            }

            writer.WriteLine();
        }

        foreach (var domain in report.Domains)
        {
            writer.WriteLine($"{domain.Domain}: {domain.Successful} successful and {domain.Failed} failed TLS sessions reported" + (domain.Reporters.Count > 0 ? $" by {string.Join(", ", domain.Reporters)}" : string.Empty));
        }

        foreach (string note in report.Notes)
        {
            writer.WriteLine($"note: {note}");
        }

        int bad = report.Peers.Count(p => p.Verdict is not (Verdict.StartTlsOffered or Verdict.Inconclusive));
        writer.WriteLine($"{report.Peers.Count} peer{(report.Peers.Count == 1 ? string.Empty : "s")}: {bad} with a problem on the path, {report.Peers.Count(p => p.Verdict == Verdict.CiscoFixup)} of them a Cisco fixup");
    }
}
