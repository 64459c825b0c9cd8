using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PixLint.Diagnosis;

namespace PixLint.Cli;

/// <summary>`pixlint probe DOMAIN --mx` and `pixlint probe HOST` for a name with several addresses: the per-peer report.</summary>
internal static class MxProbeRun
{
    public static int RunDomain(CliEnvironment env, ProbeOptions options, string? dns, string format, string? output)
    {
        IPEndPoint? server = null;
        if (dns is not null)
        {
            var parsed = ProbeTarget.Parse(dns, out string? error);
            if (parsed?.Address is not { } address)
            {
                env.Error.WriteLine($"pixlint: error: --dns: '{dns}' is not SERVER[:PORT] with an address, expected e.g. 192.0.2.53, 127.0.0.1:5353 or [::1]:53" + (error is null ? string.Empty : $" ({error})"));
                return ExitCodes.Error;
            }

            // ProbeTarget defaults the port to SMTP's; a resolver's is 53.
            int port = dns.TrimEnd().EndsWith(":" + parsed.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) ? parsed.Port : 53;
            server = new IPEndPoint(address, port);
        }

        var report = MxProbe.RunAsync(new MxProbeOptions(options.Target.Host)
        {
            Port = options.Target.Port,
            DnsServer = server,
            Timeout = options.Timeout,
            Tls = options.Tls,
            EhloName = options.EhloName,
        }).GetAwaiter().GetResult();
        if (report.Peers.Count == 0)
        {
            env.Error.WriteLine($"pixlint: error: {string.Join("; ", report.Notes)}");
            return ExitCodes.Error;
        }

        return MailEvidenceRun.Write(env, report, format, output) ? ExitCodes.ForVerdict(report.Worst) : ExitCodes.Error;
    }

    public static int RunAddresses(CliEnvironment env, ProbeOptions options, IReadOnlyList<IPAddress> addresses, string format, string? output)
    {
        var report = MxProbe.ProbeAddressesAsync(options, addresses).GetAwaiter().GetResult();
        return MailEvidenceRun.Write(env, report, format, output) ? ExitCodes.ForVerdict(report.Worst) : ExitCodes.Error;
    }

    /// <summary>The addresses of a name (the system resolver), or null when it does not resolve in time (SmtpProbe then says why).</summary>
    public static IReadOnlyList<IPAddress>? Resolve(string host, TimeSpan timeout)
    {
        try
        {
            using var deadline = new CancellationTokenSource(timeout);
            return [.. Dns.GetHostAddressesAsync(host, deadline.Token).GetAwaiter().GetResult().Distinct()];
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>`--tls implicit` whose handshake failed against a port that greets in plain text: say to use STARTTLS.</summary>
    public static void HintPlainSmtp(CliEnvironment env, ProbeResult result)
    {
        if (result.Options.Tls != TlsMode.Implicit || result.Tls is not null || result.RemoteAddress is null || !IPAddress.TryParse(result.RemoteAddress, out var address))
        {
            return;
        }

        string? greeting = PlainGreetingCheck.PlainGreetingAsync(address, result.Options.Target.Port, TimeSpan.FromSeconds(Math.Min(5, result.Options.Timeout.TotalSeconds))).GetAwaiter().GetResult();
        if (greeting is not null)
        {
            env.Error.WriteLine($"{result.Options.Target.Display}: this port speaks plain SMTP (it greets with '{greeting}'): use --tls starttls");
        }
    }
}
