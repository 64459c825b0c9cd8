namespace PixLint.Diagnosis;

/// <summary>What one report entry or log line shows about STARTTLS with one peer.</summary>
public enum SignalKind : byte
{
    /// <summary>A Cisco fixup or inspection signature (an X-masked command or keyword quoted, a masked banner).</summary>
    Fixup = 0,

    /// <summary>The peer did not offer STARTTLS (TLS-RPT `starttls-not-supported`, Postfix "TLS is required, but was not offered").</summary>
    TlsMissing = 1,

    /// <summary>STARTTLS was tried and failed, or TLS did not validate (certificates, DANE, MTA-STS).</summary>
    TlsFailed = 2,

    /// <summary>A session with TLS.</summary>
    TlsWorking = 3,

    /// <summary>A message delivered or received without a TLS line for its connection (plain text, when the log records TLS).</summary>
    Plain = 4,
}

/// <summary>
/// One observation: which peer (host name, address, mail domain), what it shows (`Signal` is the
/// machine name: `starttls-not-supported`, `masked-command`, `tls-established`...), how many
/// sessions it counts, when, reported by whom, and where it was read.
/// </summary>
public sealed record PeerSignal(SignalKind Kind, string Signal, string? Host, string? Address, string? Domain, long Count)
{
    /// <summary>The timestamp as the source writes it (a log line's, a report's date range).</summary>
    public string? Time { get; init; }

    /// <summary>The organisation that sent the TLS report.</summary>
    public string? Reporter { get; init; }

    /// <summary>`file:line`.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The line or report entry, shortened, for the evidence list.</summary>
    public string Text { get; init; } = string.Empty;
}

/// <summary>Sessions a TLS report counts for a policy domain as a whole (RFC 8460 `summary`).</summary>
public sealed record DomainSessions(string Domain, long Successful, long Failed, IReadOnlyList<string> Reporters);

/// <summary>A lint finding that explains a peer: the configuration line, the rule, and the address it matched.</summary>
public sealed record FirewallLink(string File, int Line, int Column, string RuleId, string Command, string Address, string Exposure, string Message);

/// <summary>The verdict on one peer: the mail server or client seen in reports and logs, or one MX probed.</summary>
public sealed record PeerVerdict(
    string? Host,
    string? Address,
    IReadOnlyList<string> Domains,
    Verdict Verdict,
    Confidence Confidence,
    string Summary,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyList<PeerSignal> Samples,
    IReadOnlyList<string> NextSteps)
{
    public string? FirstSeen { get; init; }

    public string? LastSeen { get; init; }

    public IReadOnlyList<string> Reporters { get; init; } = [];

    /// <summary>What the verdict is based on besides the counts (the pattern it matches, what it is not).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Configuration findings tied to this peer by `--config`.</summary>
    public IReadOnlyList<FirewallLink> Firewall { get; init; } = [];

    /// <summary>The probe behind this verdict (`pixlint probe DOMAIN --mx`).</summary>
    public ProbeResult? Probe { get; init; }

    /// <summary>`mx1.example.com (203.0.113.25)`, or whichever of the two is known.</summary>
    public string Display => Host is not null && Address is not null && Host != Address ? $"{Host} ({Address})" : Host ?? Address ?? "(unknown peer)";

    /// <summary>One session's diagnosis as a peer verdict (the markdown summary of a single transcript or probe).</summary>
    public static PeerVerdict FromSession(string name, string? address, SessionDiagnosis diagnosis, ProbeResult? probe = null)
    {
        var kind = diagnosis.Verdict switch
        {
            Verdict.CiscoFixup => SignalKind.Fixup,
            Verdict.StartTlsMissing => SignalKind.TlsMissing,
            Verdict.TlsFailed => SignalKind.TlsFailed,
            _ => SignalKind.TlsWorking,
        };
        var samples = diagnosis.Evidence.Select(e => new PeerSignal(kind, e.Kind, name, address, null, 1) { Source = $"{name}:{e.Line}", Text = $"{e.Text} ({e.Shows})" }).ToList();
        return new PeerVerdict(name, address, [], diagnosis.Verdict, diagnosis.Confidence, diagnosis.Summary, new Dictionary<string, long>(), samples, diagnosis.NextSteps)
        {
            Notes = diagnosis.Notes,
            Probe = probe,
        };
    }

    /// <summary>The order of the report: the worst verdict first.</summary>
    public static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.CiscoFixup => 0,
        Verdict.StartTlsMissing => 1,
        Verdict.TlsFailed => 2,
        Verdict.Inconclusive => 3,
        _ => 4,
    };
}

/// <summary>What `pixlint diagnose REPORTS/LOGS...` and `pixlint probe DOMAIN --mx` print: one verdict per peer, worst first.</summary>
public sealed record PeerReport(string Command, IReadOnlyList<string> Sources, IReadOnlyList<PeerVerdict> Peers)
{
    /// <summary>What the inputs were read as (`tlsrpt`, `postfix`, `exim`, `sendmail`), with how many files or lines each.</summary>
    public IReadOnlyDictionary<string, long> Formats { get; init; } = new Dictionary<string, long>();

    public IReadOnlyList<DomainSessions> Domains { get; init; } = [];

    /// <summary>Facts about the whole input: the domain's MTA-STS and TLSA records, log settings that limit what can be said.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>`pixlint probe DOMAIN --mx`: the domain.</summary>
    public string? Domain { get; init; }

    /// <summary>The worst verdict (what the exit code follows); inconclusive when there is no peer.</summary>
    public Verdict Worst => Peers.Count == 0 ? Verdict.Inconclusive : Peers.MinBy(p => PeerVerdict.Rank(p.Verdict))!.Verdict;
}
