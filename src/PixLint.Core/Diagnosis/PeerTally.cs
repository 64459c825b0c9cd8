namespace PixLint.Diagnosis;

/// <summary>
/// Sums observations per peer as they stream in (memory grows with the number of peers, not with
/// the size of the input), then gives one verdict per peer, worst first.
/// </summary>
public sealed class PeerTally
{
    /// <summary>Domains, reporters and samples kept per peer (the counts stay exact).</summary>
    public const int MaxListed = 10;

    private readonly Dictionary<(string Host, string Address), Peer> _peers = [];
    private readonly Dictionary<string, DomainAccumulator> _domains = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Set when a Postfix log records TLS sessions (`smtp_tls_loglevel` ≥ 1): a delivery without a TLS line was then in plain text.</summary>
    public bool LogRecordsTls { get; set; }

    public int PeerCount => _peers.Count;

    public void Add(PeerSignal signal)
    {
        if (signal.Host is null && signal.Address is null)
        {
            return;
        }

        var key = (signal.Host?.ToLowerInvariant() ?? string.Empty, signal.Address ?? string.Empty);
        if (!_peers.TryGetValue(key, out var peer))
        {
            peer = new Peer(signal.Host, signal.Address);
            _peers[key] = peer;
        }

        peer.Add(signal);
    }

    /// <summary>A TLS report's summary for one policy domain.</summary>
    public void AddDomainSessions(string domain, long successful, long failed, string? reporter)
    {
        if (!_domains.TryGetValue(domain, out var sessions))
        {
            sessions = new DomainAccumulator();
            _domains[domain] = sessions;
        }

        sessions.Successful += successful;
        sessions.Failed += failed;
        if (reporter is not null && sessions.Reporters.Count < MaxListed)
        {
            sessions.Reporters.Add(reporter);
        }
    }

    public IReadOnlyList<DomainSessions> Domains =>
        [.. _domains.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new DomainSessions(d.Key, d.Value.Successful, d.Value.Failed, [.. d.Value.Reporters]))];

    /// <summary>One verdict per peer, worst first (then most failed sessions, then by name).</summary>
    public IReadOnlyList<PeerVerdict> Verdicts() =>
    [
        .. _peers.Values.Select(Judge)
            .OrderBy(v => PeerVerdict.Rank(v.Verdict))
            .ThenByDescending(v => v.Counts.Where(c => c.Key != "tls-established" && c.Key != "tls-sessions").Sum(c => c.Value))
            .ThenBy(v => v.Host ?? v.Address, StringComparer.Ordinal)
            .ThenBy(v => v.Address, StringComparer.Ordinal),
    ];

    private PeerVerdict Judge(Peer peer)
    {
        var notes = new List<string>();
        long fixup = peer.Kinds[(int)SignalKind.Fixup];
        long missing = peer.Kinds[(int)SignalKind.TlsMissing];
        long plain = LogRecordsTls ? peer.Kinds[(int)SignalKind.Plain] : 0;
        long failed = peer.Kinds[(int)SignalKind.TlsFailed];
        long working = peer.Kinds[(int)SignalKind.TlsWorking];
        string who = peer.Display;
        Verdict verdict;
        Confidence confidence;
        string summary;
        IReadOnlyList<string> steps;
        var context = new DiagnosisContext { ProbedTarget = peer.Host ?? peer.Address };
        if (fixup > 0)
        {
            verdict = Verdict.CiscoFixup;
            confidence = peer.Counts.ContainsKey("masked-command") || peer.Counts.ContainsKey("masked-banner") ? Confidence.High : Confidence.Medium;
            summary = $"{who}: {Sessions(fixup)} show a Cisco SMTP fixup or ESMTP inspection in the path ({string.Join(", ", peer.Counts.Keys.Where(IsFixupSignal))})";
            steps = NextSteps.ForCisco(context);
        }
        else if (missing + plain > 0)
        {
            verdict = Verdict.StartTlsMissing;
            confidence = Confidence.Medium;
            summary = missing > 0
                ? $"{who}: {Sessions(missing)} found no STARTTLS ({string.Join(", ", peer.Counts.Keys.Where(k => k is "starttls-not-supported" or "tls-required-not-offered"))})"
                : $"{who}: {Sessions(plain)} without TLS (no TLS line for the connection, while the log records TLS for others)";
            notes.Add("This is what a Cisco SMTP fixup or ESMTP inspection without `allow-tls` in front of the server looks like from outside: STARTTLS is removed from the EHLO reply (masked to `XXXXXXXA`), so senders find no STARTTLS. A mail server without TLS looks the same; a probe from outside and from inside tells them apart.");
            if (working > 0)
            {
                notes.Add($"{Sessions(working)} with the same peer did use TLS: something on some paths (one firewall of several, one address) removes STARTTLS.");
            }
            else if (peer.Domains.Select(d => _domains.GetValueOrDefault(d)).Where(d => d is not null).Sum(d => d!.Successful) is > 0 and long others)
            {
                notes.Add($"The same reports count {Sessions(others)} to {string.Join(", ", peer.Domains)} that did use TLS: other MX hosts or paths of the domain offer STARTTLS, this one does not.");
            }

            if (peer.Reporters.Count > 1)
            {
                notes.Add($"Reported by {peer.Reporters.Count} sending organisations ({string.Join(", ", peer.Reporters)}): not one sender's problem.");
            }

            steps = NextSteps.ForMissing(context);
        }
        else if (failed > 0)
        {
            verdict = Verdict.TlsFailed;
            confidence = Confidence.Medium;
            summary = $"{who}: {Sessions(failed)} started TLS but failed or did not validate ({string.Join(", ", peer.Counts.Keys.Where(k => !IsFixupSignal(k) && k is not ("tls-established" or "tls-sessions" or "delivered-without-tls" or "starttls-not-supported" or "tls-required-not-offered")))})";
            notes.Add("Not a firewall fixup: STARTTLS reached the server; the certificate, the TLS setup or the DANE/MTA-STS policy is what failed.");
            steps = NextSteps.ForTlsFailure(context);
        }
        else if (working > 0)
        {
            verdict = Verdict.StartTlsOffered;
            confidence = Confidence.High;
            summary = $"{who}: {Sessions(working)} with TLS";
            steps = NextSteps.ForOffered(new DiagnosisContext());
        }
        else
        {
            verdict = Verdict.Inconclusive;
            confidence = Confidence.Low;
            summary = $"{who}: {Sessions(peer.Kinds[(int)SignalKind.Plain])} seen, but the log does not record TLS";
            notes.Add("Postfix logs TLS sessions only with `smtp_tls_loglevel = 1` (deliveries) and `smtpd_tls_loglevel = 1` (receptions): set them to tell plain from encrypted mail.");
            steps = NextSteps.ForInconclusive(context);
        }

        return new PeerVerdict(peer.Host, peer.Address, [.. peer.Domains], verdict, confidence, summary,
            new Dictionary<string, long>(peer.Counts), [.. peer.Samples], steps)
        {
            FirstSeen = peer.FirstSeen,
            LastSeen = peer.LastSeen,
            Reporters = [.. peer.Reporters],
            Notes = notes,
        };
    }

    private static bool IsFixupSignal(string signal) => signal is "masked-command" or "masked-banner" or "masked-keyword" or "starttls-refused-masked";

    private static string Sessions(long count) => count == 1 ? "1 session" : $"{count} sessions";

    private sealed class DomainAccumulator
    {
        public long Successful { get; set; }

        public long Failed { get; set; }

        public SortedSet<string> Reporters { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Peer(string? host, string? address)
    {
        public string? Host { get; } = host;

        public string? Address { get; } = address;

        public string Display => Host is not null && Address is not null && Host != Address ? $"{Host} ({Address})" : Host ?? Address!;

        public long[] Kinds { get; } = new long[5];

        public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Domains { get; } = new(StringComparer.OrdinalIgnoreCase);

        public SortedSet<string> Reporters { get; } = new(StringComparer.Ordinal);

        public List<PeerSignal> Samples { get; } = [];

        public string? FirstSeen { get; private set; }

        public string? LastSeen { get; private set; }

        public void Add(PeerSignal signal)
        {
            Kinds[(int)signal.Kind] += signal.Count;
            Counts[signal.Signal] = Counts.GetValueOrDefault(signal.Signal) + signal.Count;
            if (signal.Domain is { Length: > 0 } domain && Domains.Count < MaxListed)
            {
                Domains.Add(domain);
            }

            if (signal.Reporter is { } reporter && Reporters.Count < MaxListed)
            {
                Reporters.Add(reporter);
            }

            if (signal.Time is { } time)
            {
                FirstSeen ??= time;
                LastSeen = time;
            }

            // One sample per signal, worst signals first: the evidence list shows each kind once.
            if (Samples.Count < MaxListed && !Samples.Exists(s => s.Signal == signal.Signal))
            {
                Samples.Add(signal);
                Samples.Sort((a, b) => a.Kind.CompareTo(b.Kind));
            }
        }
    }
}
