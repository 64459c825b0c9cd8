using System.Text;
using PixLint.Diagnosis;

namespace PixLint.Output;

/// <summary>
/// `--format markdown` for the per-peer report: a GitHub-flavoured summary (a table of peers,
/// worst first, then one section per peer with a problem), fit for `$GITHUB_STEP_SUMMARY` or a ticket.
/// </summary>
public sealed class PeerMarkdownFormatter : IPeerFormatter
{
    public void Write(PeerReport report, Stream output, FormatOptions options)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        string title = report.Domain is { } domain ? $"STARTTLS on the MX hosts of {Cell(domain)}" : "STARTTLS by peer";
        writer.WriteLine($"## {title}");
        writer.WriteLine();
        int fixups = report.Peers.Count(p => p.Verdict == Verdict.CiscoFixup);
        writer.WriteLine($"{report.Peers.Count} peer{(report.Peers.Count == 1 ? string.Empty : "s")}, worst first; **{fixups}** with a Cisco fixup in the path. Sources: {string.Join(", ", report.Sources.Select(s => $"`{Code(s)}`"))}.");
        writer.WriteLine();
        writer.WriteLine("| Peer | Verdict | Confidence | Counts | Seen | Firewall |");
        writer.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var peer in report.Peers)
        {
            string counts = string.Join(", ", peer.Counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
            string seen = peer.FirstSeen is null ? string.Empty : peer.FirstSeen == peer.LastSeen ? peer.FirstSeen : $"{peer.FirstSeen} .. {peer.LastSeen}";
            string firewall = string.Join("<br>", peer.Firewall.Select(l => $"`{Code(l.File)}:{l.Line}` {l.RuleId}"));
            writer.WriteLine($"| {Cell(peer.Display)} | {Icon(peer.Verdict)} `{peer.Verdict.ToName()}` | {peer.Confidence.ToName()} | {Cell(counts)} | {Cell(seen)} | {firewall} |");
        }

        writer.WriteLine();
        foreach (var peer in report.Peers.Where(p => p.Verdict != Verdict.StartTlsOffered))
        {
            writer.WriteLine($"### {Cell(peer.Display)}: `{peer.Verdict.ToName()}`");
            writer.WriteLine();
            writer.WriteLine(Cell(peer.Summary));
            writer.WriteLine();
            foreach (var link in peer.Firewall)
            {
                writer.WriteLine($"- Firewall: `{Code(link.File)}:{link.Line}:{link.Column}` {link.RuleId} `{Code(link.Command)}` ({Cell(link.Exposure)})");
            }

            foreach (var sample in peer.Samples)
            {
                writer.WriteLine($"- Evidence: `{Code(sample.Source)}`: `{Code(sample.Text)}`");
            }

            foreach (string note in peer.Notes)
            {
                writer.WriteLine($"- Note: {Cell(note)}");
            }

            if (peer.NextSteps.Count > 0)
            {
                writer.WriteLine();
                writer.WriteLine("Next steps:");
                writer.WriteLine();
                foreach (string step in peer.NextSteps)
                {
                    writer.WriteLine($"1. {Cell(step)}");
                }
            }

            writer.WriteLine();
        }

        if (report.Domains.Count > 0)
        {
            writer.WriteLine("| Policy domain | Successful sessions | Failed sessions | Reported by |");
            writer.WriteLine("| --- | ---: | ---: | --- |");
            foreach (var d in report.Domains)
            {
                writer.WriteLine($"| {Cell(d.Domain)} | {d.Successful} | {d.Failed} | {Cell(string.Join(", ", d.Reporters))} |");
            }

            writer.WriteLine();
        }

        foreach (string note in report.Notes)
        {
            writer.WriteLine($"> {Cell(note)}");
            writer.WriteLine();
        }
    }

    private static string Icon(Verdict verdict) => verdict switch
    {
        Verdict.StartTlsOffered => ":white_check_mark:",
        Verdict.Inconclusive => ":grey_question:",
        _ => ":x:",
    };

    /// <summary>Table-safe text: pipes escaped, line breaks flattened.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>Text inside backticks: a backtick would end the code span.</summary>
    private static string Code(string text) => Cell(text).Replace('`', '\'');
}
