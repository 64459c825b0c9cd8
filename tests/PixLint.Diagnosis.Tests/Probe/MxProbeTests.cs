using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PixLint.Diagnosis;

namespace PixLint.Tests;

/// <summary>
/// `pixlint probe DOMAIN --mx` over loopback DNS (Debian's dnsmasq on a free loopback port) with
/// three MX hosts on three loopback addresses and one port: clean (the private Postfix), behind
/// the ASA-inspection relay, and refusing (nothing listens).
/// </summary>
[Collection(PostfixGroup.Name)]
public sealed class MxProbeTests(PostfixInstance postfix) : IAsyncLifetime
{
    private const string Domain = "example.test";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly List<IAsyncDisposable> _servers = [];
    private Dnsmasq? _dns;
    private int _port;
    private IPAddress[] _addresses = [];

    public async Task InitializeAsync()
    {
        // Three addresses of 127/8 of this test's own, and one port free on the two that listen.
        int b = Environment.ProcessId % 200 + 20, c = Random.Shared.Next(1, 250);
        _addresses = [IPAddress.Parse($"127.{b}.{c}.11"), IPAddress.Parse($"127.{b}.{c}.12"), IPAddress.Parse($"127.{b}.{c}.13")];
        var relay = new FirewallRelay(postfix.Port, FirewallBehaviour.AsaInspection);
        _servers.Add(relay);
        int relayPort = int.Parse(relay.Target.Split(':')[1], CultureInfo.InvariantCulture);
        (_port, var clean, var fixup) = Forwarder.Pair(_addresses[0], postfix.Port, _addresses[1], relayPort);
        _servers.Add(clean);
        _servers.Add(fixup);
        _dns = Dnsmasq.Start(
            $"--mx-host={Domain},mx1.{Domain},10",
            $"--mx-host={Domain},mx2.{Domain},20",
            $"--mx-host={Domain},mx3.{Domain},30",
            $"--host-record=mx1.{Domain},{_addresses[0]}",
            $"--host-record=mx2.{Domain},{_addresses[1]}",
            $"--host-record=mx3.{Domain},{_addresses[2]}",
            $"--txt-record=_mta-sts.{Domain},v=STSv1; id=20261204",
            $"--txt-record=_smtp._tls.{Domain},v=TLSRPTv1; rua=mailto:tlsrpt@{Domain}",
            $"--dns-rr=_{_port}._tcp.mx1.{Domain},52,030101A1B2C3D4E5F6");
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _dns?.Dispose();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Three_mx_hosts_give_three_right_verdicts_within_the_timeout()
    {
        var watch = Stopwatch.StartNew();
        var report = await MxProbe.RunAsync(new MxProbeOptions(Domain) { Port = _port, DnsServer = _dns!.EndPoint, Timeout = Timeout });
        watch.Stop();
        Assert.True(watch.Elapsed < Timeout, $"took {watch.Elapsed}");

        Assert.Equal(3, report.Peers.Count);
        var byHost = report.Peers.ToDictionary(p => p.Host!);
        Assert.Equal(Verdict.CiscoFixup, byHost[$"mx2.{Domain}"].Verdict);
        Assert.Equal(_addresses[1].ToString(), byHost[$"mx2.{Domain}"].Address);
        Assert.Equal(Verdict.Inconclusive, byHost[$"mx3.{Domain}"].Verdict);
        Assert.Contains("refused", byHost[$"mx3.{Domain}"].Summary, StringComparison.Ordinal);
        Assert.Equal(Verdict.StartTlsOffered, byHost[$"mx1.{Domain}"].Verdict);
        Assert.Equal($"mx1.{Domain}:{_port}", byHost[$"mx1.{Domain}"].Probe!.Options.Target.Display);

        // Worst first; the domain's policies are reported, and what a stripped STARTTLS does under them.
        Assert.Equal([Verdict.CiscoFixup, Verdict.Inconclusive, Verdict.StartTlsOffered], report.Peers.Select(p => p.Verdict));
        Assert.Contains(report.Notes, n => n.Contains("publishes MTA-STS", StringComparison.Ordinal) && n.Contains("v=STSv1; id=20261204", StringComparison.Ordinal) && n.Contains("defer", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.StartsWith("1 of 3 MX hosts publish TLSA records", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("v=TLSRPTv1", StringComparison.Ordinal));
        Assert.Contains(byHost[$"mx2.{Domain}"].Notes, n => n.Contains("defer mail to this MX", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_probes_the_domain_and_exits_with_the_worst_verdict()
    {
        var result = CliRunner.Run(["probe", $"{Domain}:{_port}", "--mx", "--dns", _dns!.EndPoint.ToString(), "--timeout", "20", "-f", "json"]);
        Assert.Equal("", result.Stderr);
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        Assert.Equal("probe", doc.RootElement.GetProperty("command").GetString());
        Assert.Equal(Domain, doc.RootElement.GetProperty("domain").GetString());
        Assert.Equal("cisco-fixup", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(
            [$"mx2.{Domain} cisco-fixup", $"mx3.{Domain} inconclusive", $"mx1.{Domain} starttls-offered"],
            doc.RootElement.GetProperty("peers").EnumerateArray().Select(p => $"{p.GetProperty("host").GetString()} {p.GetProperty("verdict").GetString()}"));

        var text = CliRunner.Run(["probe", $"{Domain}:{_port}", "--mx", "--dns", _dns.EndPoint.ToString(), "--timeout", "20"]);
        Assert.StartsWith($"mx2.{Domain} ({_addresses[1]}): cisco-fixup (high confidence)\n", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Dns_option_errors_are_usage_errors()
    {
        var result = CliRunner.Run(["probe", Domain, "--mx", "--dns", "not-an-address"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dns: 'not-an-address' is not SERVER[:PORT] with an address", result.Stderr, StringComparison.Ordinal);

        result = CliRunner.Run(["probe", "127.0.0.1:25", "--dns", "127.0.0.1"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dns: only used with --mx", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_addresses_of_one_name_are_probed_in_parallel()
    {
        // Two servers that each take 2 s to greet: in parallel the probe takes about 2 s, not 4.
        var greeting = (LineConnection c, CancellationToken t) => SlowGreetingAsync(c, t);
        var (port, first, second) = Forwarder.PairOfScripts(_addresses[0], _addresses[1], greeting);
        await using var a = first;
        await using var b = second;
        var options = new ProbeOptions(new ProbeTarget("slow.example.test", port)) { Timeout = Timeout };
        var watch = Stopwatch.StartNew();
        var report = await MxProbe.ProbeAddressesAsync(options, [_addresses[0], _addresses[1]]);
        watch.Stop();
        Assert.Equal(2, report.Peers.Count);
        Assert.All(report.Peers, p => Assert.Equal(Verdict.StartTlsMissing, p.Verdict));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3.8), $"took {watch.Elapsed}: the addresses were not probed at the same time");
    }

    [Fact]
    public async Task Implicit_tls_against_plain_smtp_says_to_use_starttls()
    {
        await using var server = new LoopbackServer(async (c, t) =>
        {
            await c.SendAsync(t, "220 plain.example.test ESMTP");
            await c.ReadLineAsync(t);
        });
        var result = CliRunner.Run(["probe", server.Target, "--tls", "implicit", "--timeout", "10"]);
        Assert.Contains($"{server.Target}: this port speaks plain SMTP (it greets with '220 plain.example.test ESMTP'): use --tls starttls", result.Stderr, StringComparison.Ordinal);
    }

    private static async Task SlowGreetingAsync(LineConnection connection, CancellationToken token)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), token);
        await connection.SendAsync(token, "220 slow.example.test ESMTP");
        while (await connection.ReadLineAsync(token) is { } line)
        {
            if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
            {
                await connection.SendAsync(token, "221 bye");
                return;
            }

            await connection.SendAsync(token, line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase) ? "250 slow.example.test" : "502 5.5.2 command not recognized");
        }
    }

    /// <summary>dnsmasq answering from the command line only (no upstream, no /etc/hosts), on a free loopback port.</summary>
    private sealed class Dnsmasq : IDisposable
    {
        private readonly Process _process;

        private Dnsmasq(Process process, IPEndPoint endPoint)
        {
            _process = process;
            EndPoint = endPoint;
        }

        public IPEndPoint EndPoint { get; }

        public static Dnsmasq Start(params string[] records)
        {
            for (int attempt = 0; ; attempt++)
            {
                int port = FreeUdpAndTcpPort();
                var psi = new ProcessStartInfo("dnsmasq",
                [
                    "--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll", "--conf-file=/dev/null", "--pid-file=",
                    $"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--user=root", "--log-facility=-",
                    .. records,
                ])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                };
                var process = Process.Start(psi)!;
                process.BeginErrorReadLine();
                process.BeginOutputReadLine();
                var endPoint = new IPEndPoint(IPAddress.Loopback, port);
                if (WaitUntilListening(process, port))
                {
                    return new Dnsmasq(process, endPoint);
                }

                process.Kill();
                process.Dispose();
                if (attempt == 5)
                {
                    throw new InvalidOperationException("dnsmasq did not start (is it installed? `.ci/run` installs it)");
                }
            }
        }

        private static bool WaitUntilListening(Process process, int port)
        {
            for (int i = 0; i < 50 && !process.HasExited; i++)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    return true;
                }
                catch (SocketException)
                {
                    Thread.Sleep(100);
                }
            }

            return false;
        }

        private static int FreeUdpAndTcpPort()
        {
            while (true)
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
                try
                {
                    using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                    return port;
                }
                catch (SocketException)
                {
                    // Taken for TCP: try another.
                }
            }
        }

        public void Dispose()
        {
            try
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
        }
    }
}

/// <summary>Listeners on two loopback addresses with one port (an MX record has no port): each forwards to a loopback port, or runs a script.</summary>
internal sealed class Forwarder : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private Forwarder(Socket listener, Func<Socket, CancellationToken, Task> session)
    {
        _listener = listener;
        _accepting = AcceptAsync(session);
    }

    public static (int Port, Forwarder First, Forwarder Second) Pair(IPAddress first, int firstUpstream, IPAddress second, int secondUpstream)
    {
        var (port, a, b) = BindPair(first, second);
        return (port, new Forwarder(a, (s, t) => ForwardAsync(s, firstUpstream, t)), new Forwarder(b, (s, t) => ForwardAsync(s, secondUpstream, t)));
    }

    public static (int Port, Forwarder First, Forwarder Second) PairOfScripts(IPAddress first, IPAddress second, Func<LineConnection, CancellationToken, Task> script)
    {
        var (port, a, b) = BindPair(first, second);
        Task Run(Socket s, CancellationToken t) => script(new LineConnection(new NetworkStream(s, ownsSocket: false)), t);
        return (port, new Forwarder(a, Run), new Forwarder(b, Run));
    }

    private static (int Port, Socket First, Socket Second) BindPair(IPAddress first, IPAddress second)
    {
        for (int attempt = 0; ; attempt++)
        {
            var a = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            a.Bind(new IPEndPoint(first, 0));
            int port = ((IPEndPoint)a.LocalEndPoint!).Port;
            var b = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                b.Bind(new IPEndPoint(second, port));
                a.Listen(16);
                b.Listen(16);
                return (port, a, b);
            }
            catch (SocketException) when (attempt < 20)
            {
                a.Dispose();
                b.Dispose();
            }
        }
    }

    private async Task AcceptAsync(Func<Socket, CancellationToken, Task> session)
    {
        var sessions = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptAsync(_stop.Token);
                sessions.Add(RunAsync(client, session));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }
        }

        await Task.WhenAll(sessions);
    }

    private async Task RunAsync(Socket client, Func<Socket, CancellationToken, Task> session)
    {
        using (client)
        {
            try
            {
                await session(client, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // Either side went away.
            }
        }
    }

    private static async Task ForwardAsync(Socket client, int upstreamPort, CancellationToken token)
    {
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, token);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(token);
        var down = new NetworkStream(client, ownsSocket: false);
        var up = upstream.GetStream();
        Task[] pumps = [down.CopyToAsync(up, done.Token), up.CopyToAsync(down, done.Token)];
        await Task.WhenAny(pumps);
        await done.CancelAsync();
        try
        {
            await Task.WhenAll(pumps);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // One side closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
