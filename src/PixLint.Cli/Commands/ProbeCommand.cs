using System.CommandLine;
using System.Globalization;
using PixLint.Diagnosis;

namespace PixLint.Cli.Commands;

/// <summary>`pixlint probe HOST[:PORT]`: a live SMTP session up to STARTTLS and the TLS handshake, then the same verdict as diagnose.</summary>
internal static class ProbeCommand
{
    public static Command Create(CliEnvironment env)
    {
        var target = new Argument<string>("host") { Description = "HOST[:PORT]: a name, an IPv4 address or an IPv6 address ([ADDRESS]:PORT with a port); the port defaults to 25. With --mx: a mail domain, every MX probed on PORT", HelpName = "HOST[:PORT]" };
        var timeout = new Option<string>("--timeout")
        {
            Description = "Seconds the whole probe may take, connecting included",
            DefaultValueFactory = _ => "30",
            HelpName = "SECONDS",
        };
        var tls = new Option<string>("--tls") { Description = "starttls (ports 25, 587) or implicit (port 465: TLS before the greeting)", DefaultValueFactory = _ => "starttls" };
        tls.AcceptOnlyFromAmong("starttls", "implicit");
        var ehlo = new Option<string?>("--ehlo") { Description = "The name to send with EHLO (default: the local address, e.g. [192.0.2.10])", HelpName = "NAME" };
        var format = DiagnoseCommand.FormatOption();
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output", HelpName = "FILE" };
        var mx = new Option<bool>("--mx") { Description = "HOST is a mail domain: look up its MX hosts and their addresses, probe every address in parallel, and report MTA-STS and TLSA records" };
        var dns = new Option<string?>("--dns") { Description = "The DNS server for --mx (default: the system's resolvers)", HelpName = "SERVER[:PORT]" };
        var command = new Command("probe", "Connect to a mail server (or every MX of a domain), try STARTTLS and a TLS handshake, and diagnose what comes back (never sends mail or credentials)")
        {
            target, timeout, tls, ehlo, format, output, mx, dns,
        };
        command.SetAction(result => Run(
            env, result.GetValue(target)!, result.GetValue(timeout)!, result.GetValue(tls)!, result.GetValue(ehlo), result.GetValue(format)!, result.GetValue(output),
            result.GetValue(mx), result.GetValue(dns)));
        return command;
    }

    private static int Run(CliEnvironment env, string targetText, string timeoutText, string tls, string? ehlo, string format, string? output, bool mx, string? dns)
    {
        var target = ProbeTarget.Parse(targetText, out string? error);
        if (target is null)
        {
            env.Error.WriteLine($"pixlint: error: {error}");
            return ExitCodes.Error;
        }

        if (!double.TryParse(timeoutText.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds is <= 0 or > 3600 || double.IsNaN(seconds))
        {
            env.Error.WriteLine($"pixlint: error: --timeout: '{timeoutText}' is not a number of seconds, expected e.g. 10 or 2.5 (at most 3600)");
            return ExitCodes.Error;
        }

        if (ehlo is not null && (ehlo.Length == 0 || ehlo.Any(c => c <= ' ' || c > '~')))
        {
            env.Error.WriteLine($"pixlint: error: --ehlo: '{ehlo}' is not a host name or address literal");
            return ExitCodes.Error;
        }

        if (dns is not null && !mx)
        {
            env.Error.WriteLine("pixlint: error: --dns: only used with --mx (a single host is resolved by the system)");
            return ExitCodes.Error;
        }

        var options = new ProbeOptions(target)
        {
            Timeout = TimeSpan.FromSeconds(seconds),
            Tls = tls == "implicit" ? TlsMode.Implicit : TlsMode.StartTls,
            EhloName = ehlo,
        };
        if (mx)
        {
            return MxProbeRun.RunDomain(env, options, dns, format, output);
        }

        if (target.Address is null && MxProbeRun.Resolve(target.Host, options.Timeout) is { Count: > 0 } addresses)
        {
            if (addresses.Count > 1)
            {
                return MxProbeRun.RunAddresses(env, options, addresses, format, output);
            }

            options = options with { Addresses = addresses };
        }

        var result = SmtpProbe.RunAsync(options).GetAwaiter().GetResult();
        MxProbeRun.HintPlainSmtp(env, result);
        var transcript = result.ReadTranscript();
        var diagnosis = result.Diagnose();

        // A probe that stopped early still reports a Cisco signature it saw (a masked banner that
        // never ends, a connection dropped on STARTTLS); anything else is an error.
        bool conclusive = result.Failure is null || diagnosis.Verdict == Verdict.CiscoFixup;
        var report = new DiagnosisReport(target.Display, transcript, conclusive ? diagnosis : null) { Probe = result };
        if (!DiagnoseCommand.Write(env, report, format, output))
        {
            return ExitCodes.Error;
        }

        if (!conclusive)
        {
            env.Error.WriteLine($"{target.Display}: error: {result.Failure!.Message}");
            return ExitCodes.Error;
        }

        return ExitCodes.ForVerdict(diagnosis.Verdict);
    }
}
