using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;

namespace PixLint.Diagnosis;

/// <summary>What `pixlint probe DOMAIN --mx` does: the domain, the port every MX is probed on, the resolver, and the probe settings.</summary>
public sealed record MxProbeOptions(string Domain)
{
    public int Port { get; init; } = ProbeTarget.DefaultPort;

    /// <summary>The DNS server to ask (`--dns SERVER[:PORT]`); null: the system's resolvers.</summary>
    public IPEndPoint? DnsServer { get; init; }

    /// <summary>Everything (DNS and every probe) stays within this.</summary>
    public TimeSpan Timeout { get; init; } = ProbeOptions.DefaultTimeout;

    public TlsMode Tls { get; init; } = TlsMode.StartTls;

    public string? EhloName { get; init; }
}

/// <summary>
/// Probes a mail domain the way senders reach it: MX records (or the domain itself when it has
/// none, RFC 5321 §5.1), then A and AAAA of each MX, then every address in parallel with
/// <see cref="SmtpProbe"/>, one verdict per address; beside them, whether the domain publishes
/// MTA-STS (`_mta-sts` TXT, RFC 8461), TLS reporting (`_smtp._tls` TXT, RFC 8460) and TLSA records
/// for its MX hosts (`_25._tcp.MX`, DANE, RFC 7672): senders that enforce those defer mail when
/// STARTTLS is stripped, instead of sending it in plain text.
/// </summary>
public static class MxProbe
{
    public static async Task<PeerReport> RunAsync(MxProbeOptions options, CancellationToken cancellationToken = default)
    {
        var started = DateTime.UtcNow;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        var dns = CreateClient(options);
        var notes = new List<string>();
        string domain = options.Domain.TrimEnd('.');

        var mxQuery = QueryAsync(dns, domain, QueryType.MX, deadline.Token);
        var stsQuery = QueryAsync(dns, "_mta-sts." + domain, QueryType.TXT, deadline.Token);
        var rptQuery = QueryAsync(dns, "_smtp._tls." + domain, QueryType.TXT, deadline.Token);
        var (mxAnswer, mxError) = await mxQuery.ConfigureAwait(false);
        if (mxError is not null)
        {
            return Failed(options, $"{domain}: the MX lookup failed ({mxError})");
        }

        var exchanges = mxAnswer!.Answers.MxRecords()
            .Select(r => (Host: r.Exchange.Value.TrimEnd('.'), r.Preference))
            .Where(r => r.Host.Length > 0)
            .OrderBy(r => r.Preference).ThenBy(r => r.Host, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (exchanges.Count == 0)
        {
            notes.Add($"{domain} has no MX records: senders deliver to the domain's own addresses (RFC 5321 §5.1), probed as its MX.");
            exchanges.Add((domain, 0));
        }

        // A, AAAA and TLSA of every MX at once.
        var lookups = exchanges.Select(async mx =>
        {
            var a = QueryAsync(dns, mx.Host, QueryType.A, deadline.Token);
            var aaaa = QueryAsync(dns, mx.Host, QueryType.AAAA, deadline.Token);
            var tlsa = QueryAsync(dns, $"_{options.Port}._tcp.{mx.Host}", QueryType.TLSA, deadline.Token);
            var (v4, _) = await a.ConfigureAwait(false);
            var (v6, _) = await aaaa.ConfigureAwait(false);
            var (dane, _) = await tlsa.ConfigureAwait(false);
            IPAddress[] addresses = [.. v4?.Answers.ARecords().Select(r => r.Address) ?? [], .. v6?.Answers.AaaaRecords().Select(r => r.Address) ?? []];
            int tlsaCount = dane?.Answers.OfType<TlsaRecord>().Count() ?? 0;
            return (mx.Host, mx.Preference, Addresses: addresses, Tlsa: tlsaCount);
        }).ToList();
        var resolved = await Task.WhenAll(lookups).ConfigureAwait(false);

        var sts = (await stsQuery.ConfigureAwait(false)).Response?.Answers.TxtRecords().SelectMany(t => t.Text).FirstOrDefault(t => t.StartsWith("v=STSv1", StringComparison.OrdinalIgnoreCase));
        var rpt = (await rptQuery.ConfigureAwait(false)).Response?.Answers.TxtRecords().SelectMany(t => t.Text).FirstOrDefault(t => t.StartsWith("v=TLSRPTv1", StringComparison.OrdinalIgnoreCase));
        int daneHosts = resolved.Count(r => r.Tlsa > 0);
        notes.Add(sts is null
            ? $"{domain} publishes no MTA-STS record (`_mta-sts.{domain}` TXT): senders that find no STARTTLS fall back to plain text without telling anyone."
            : $"{domain} publishes MTA-STS (`_mta-sts.{domain}` TXT \"{sts}\"): senders that enforce its policy defer mail to an MX without STARTTLS, so a firewall that strips STARTTLS delays and bounces mail, not just leaves it unencrypted (the policy file itself, served over HTTPS, was not fetched).");
        notes.Add(daneHosts == 0
            ? $"No MX of {domain} publishes TLSA records (`_{options.Port}._tcp.MX`): no DANE."
            : $"{daneHosts} of {resolved.Length} MX hosts publish TLSA records (DANE, RFC 7672): DANE senders never fall back to plain text, so stripped STARTTLS there means deferred mail.");
        if (rpt is not null)
        {
            notes.Add($"{domain} asks for TLS reports (`_smtp._tls.{domain}` TXT \"{rpt}\"): read them with `pixlint diagnose REPORTS/`.");
        }

        var probes = new List<(string Host, IPAddress? Address, Task<ProbeResult>? Probe)>();
        var remaining = options.Timeout - (DateTime.UtcNow - started);
        foreach (var (host, _, addresses, _) in resolved)
        {
            if (addresses.Length == 0)
            {
                probes.Add((host, null, null));
                continue;
            }

            foreach (var address in addresses)
            {
                var probe = new ProbeOptions(new ProbeTarget(host, options.Port))
                {
                    Timeout = remaining > TimeSpan.FromMilliseconds(100) ? remaining : TimeSpan.FromMilliseconds(100),
                    Tls = options.Tls,
                    EhloName = options.EhloName,
                    Addresses = [address],
                };
                probes.Add((host, address, SmtpProbe.RunAsync(probe, cancellationToken)));
            }
        }

        await Task.WhenAll(probes.Where(p => p.Probe is not null).Select(p => p.Probe!)).ConfigureAwait(false);
        bool enforced = sts is not null || daneHosts > 0;
        var peers = probes.Select(p => Judge(domain, p.Host, p.Address, p.Probe?.Result, enforced))
            .OrderBy(p => PeerVerdict.Rank(p.Verdict))
            .ThenBy(p => exchanges.FindIndex(e => e.Host == p.Host))
            .ToList();
        return new PeerReport("probe", [domain], peers) { Domain = domain, Notes = notes };
    }

    /// <summary>Every address of one name probed at once (`pixlint probe HOST` when HOST has several): one verdict per address, worst first.</summary>
    public static async Task<PeerReport> ProbeAddressesAsync(ProbeOptions template, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken = default)
    {
        var probes = addresses.Select(a => (Address: a, Probe: SmtpProbe.RunAsync(template with { Addresses = [a] }, cancellationToken))).ToList();
        await Task.WhenAll(probes.Select(p => p.Probe)).ConfigureAwait(false);
        string host = template.Target.Host;
        var peers = probes.Select(p => Judge(host, host, p.Address, p.Probe.Result, enforced: false)).OrderBy(p => PeerVerdict.Rank(p.Verdict)).ToList();
        return new PeerReport("probe", [template.Target.Display], peers)
        {
            Notes = [$"{host} has {addresses.Count} addresses; each was probed, at the same time, within the timeout."],
        };
    }

    private static PeerVerdict Judge(string domain, string host, IPAddress? address, ProbeResult? result, bool enforced)
    {
        if (result is null)
        {
            return new PeerVerdict(host, null, [domain], Verdict.Inconclusive, Confidence.Low, $"{host}: the MX name has no address (no A or AAAA record)",
                new Dictionary<string, long>(), [], [$"Publish an address for {host}, or remove the MX record that names it."]);
        }

        var diagnosis = result.Diagnose();
        bool conclusive = result.Failure is null || diagnosis.Verdict == Verdict.CiscoFixup;
        string shown = address?.ToString() ?? host;
        var notes = new List<string>(diagnosis.Notes);
        if (conclusive && enforced && diagnosis.Verdict is Verdict.CiscoFixup or Verdict.StartTlsMissing)
        {
            notes.Add("Senders that enforce the domain's MTA-STS or DANE policy defer mail to this MX instead of sending it in plain text.");
        }

        return new PeerVerdict(host, shown, [domain],
            conclusive ? diagnosis.Verdict : Verdict.Inconclusive,
            conclusive ? diagnosis.Confidence : Confidence.Low,
            $"{host} ({shown}): " + (conclusive ? diagnosis.Summary : result.Failure!.Message),
            new Dictionary<string, long>(), [], conclusive ? diagnosis.NextSteps : [$"Check that {host} ({shown}) accepts connections on port {result.Options.Target.Port} from outside: pixlint probe {host}"])
        {
            Notes = notes,
            Probe = result,
        };
    }

    private static PeerReport Failed(MxProbeOptions options, string message) =>
        new("probe", [options.Domain], []) { Domain = options.Domain, Notes = [message] };

    private static LookupClient CreateClient(MxProbeOptions options)
    {
        // One try per query within a share of the deadline: the probes need the rest.
        var timeout = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, options.Timeout.Ticks / 4));
        var settings = options.DnsServer is { } server ? new LookupClientOptions(new NameServer(server)) : new LookupClientOptions();
        settings.UseCache = false;
        settings.Timeout = timeout;
        settings.Retries = 1;
        settings.ThrowDnsErrors = false;
        settings.UseTcpFallback = true;
        settings.ContinueOnDnsError = false;
        return new LookupClient(settings);
    }

    private static async Task<(IDnsQueryResponse? Response, string? Error)> QueryAsync(LookupClient client, string name, QueryType type, CancellationToken token)
    {
        try
        {
            var response = await client.QueryAsync(name, type, QueryClass.IN, token).ConfigureAwait(false);
            if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
            {
                return (null, response.ErrorMessage);
            }

            return (response, null);
        }
        catch (DnsResponseException e)
        {
            return (null, e.Code == DnsResponseCode.ConnectionTimeout ? "no answer from the DNS server" : e.Message);
        }
        catch (OperationCanceledException)
        {
            return (null, "no answer within the timeout");
        }
        catch (SocketException e)
        {
            return (null, e.Message);
        }
    }
}
