using System.Net;
using PixLint.Model;
using PixLint.Syntax;

namespace PixLint.Diagnosis;

/// <summary>
/// Ties peers to firewall findings: a peer whose address is a mail host in a finding's exposure
/// (its public address, or its real address behind NAT) gets that finding, and a peer that senders
/// saw without STARTTLS becomes a Cisco fixup when the configuration says why.
/// </summary>
public static class FirewallCorrelation
{
    public static IReadOnlyList<PeerVerdict> Join(IReadOnlyList<PeerVerdict> peers, IEnumerable<FileReport> configs)
    {
        var findings = configs.SelectMany(r => r.Findings.Where(f => f.Affected is { Count: > 0 } && f.Severity >= Severity.Warning).Select(f => (Report: r, Finding: f))).ToList();
        if (findings.Count == 0)
        {
            return peers;
        }

        var joined = new List<PeerVerdict>(peers.Count);
        foreach (var peer in peers)
        {
            if (peer.Address is null || !AddressRange.TryParseAddress(Normalise(peer.Address), out uint address))
            {
                joined.Add(peer);
                continue;
            }

            var links = new List<FirewallLink>();
            foreach (var (report, finding) in findings)
            {
                if (finding.Affected!.FirstOrDefault(e => Matches(e, address)) is not { } exposure)
                {
                    continue;
                }

                var position = report.Source.GetPosition(finding.Span.Start);
                string command = report.Source.Text.Substring(finding.Span.Start, finding.Span.Length).Trim();
                links.Add(new FirewallLink(report.Path, position.Line, position.Column, finding.RuleId, command, Normalise(peer.Address), exposure.Describe(), finding.Message));
            }

            joined.Add(links.Count == 0 ? peer : Explain(peer, links));
        }

        return [.. joined.OrderBy(p => PeerVerdict.Rank(p.Verdict))];
    }

    private static PeerVerdict Explain(PeerVerdict peer, List<FirewallLink> links)
    {
        var first = links[0];
        string tie = $"{first.File}:{first.Line} `{first.Command}` strips STARTTLS for {first.Address} ({first.RuleId})";
        bool senderSawNoTls = peer.Verdict is Verdict.StartTlsMissing or Verdict.CiscoFixup;
        return peer with
        {
            // The configuration explains what senders saw: the fixup is no longer a guess.
            Verdict = senderSawNoTls ? Verdict.CiscoFixup : peer.Verdict,
            Confidence = senderSawNoTls ? Confidence.High : peer.Confidence,
            Summary = senderSawNoTls ? $"{peer.Summary}; {tie}" : $"{peer.Summary}; note: {tie}, but these sessions do not show it (another path, or the configuration is not the running one)",
            Firewall = links,
            NextSteps = senderSawNoTls
                ?
                [
                    $"Write the fix for the firewall (an ESMTP inspect map with `allow-tls`, or `no fixup protocol smtp 25` on PIX 6): pixlint fix {first.File}",
                    $"After the change, check from outside the firewall: pixlint probe {peer.Host ?? first.Address}, and watch the next TLS reports for {string.Join(", ", peer.Domains.DefaultIfEmpty(first.Address))}",
                ]
                : peer.NextSteps,
        };
    }

    private static bool Matches(MailExposure exposure, uint address)
    {
        if (AddressRange.TryParseAddress(exposure.Public, out uint pub) && pub == address)
        {
            return true;
        }

        if (AddressRange.TryParseAddress(exposure.Real, out uint real) && real == address)
        {
            return true;
        }

        return exposure.RealRange is { IsAny: false, IsHost: true } range && range.First == address;
    }

    private static string Normalise(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : address;
}
