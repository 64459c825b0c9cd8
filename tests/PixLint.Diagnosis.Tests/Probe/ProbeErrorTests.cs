using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PixLint.Diagnosis;

namespace PixLint.Tests;

/// <summary>
/// Peers that are not a working SMTP server, all on loopback: a refused port, a port whose
/// connections are never accepted, a silent peer, an HTTP server, a server stalling mid-line.
/// A clear message, exit 2, and never a wait beyond --timeout.
/// </summary>
public class ProbeErrorTests
{
    /// <summary>Generous bound on how long past --timeout a probe may take to give up (process scheduling on a busy machine).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    private static (CliRunner.Result Result, TimeSpan Elapsed) Probe(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var result = CliRunner.Run(["probe", .. args]);
        return (result, clock.Elapsed);
    }

    [Fact]
    public void Refused_port()
    {
        int port = LoopbackServer.FreePort();
        var (result, _) = Probe($"127.0.0.1:{port}", "--timeout", "5");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"127.0.0.1:{port}: error: connection to 127.0.0.1:{port} refused: nothing listens on that port\n", result.Stderr);
        Assert.StartsWith($"=== Trying 127.0.0.1:{port}...\n*** connection to 127.0.0.1:{port} refused", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// An address that never answers: a listener whose accept queue is full drops new SYNs, as a
    /// filtering firewall or a host that is down would. The probe gives up at --timeout.
    /// </summary>
    [Fact]
    public void Unreachable_address_times_out_at_the_timeout()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try
                {
                    filler.Connect(IPAddress.Loopback, port);
                }
                catch (SocketException)
                {
                    // In progress or dropped: either way the queue fills.
                }

                fillers.Add(filler);
            }

            Thread.Sleep(200);
            var (result, elapsed) = Probe($"127.0.0.1:{port}", "--timeout", "1.5");
            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"127.0.0.1:{port}: error: no answer from 127.0.0.1:{port} within 1.5 s: the host is down, or a firewall drops the packets\n", result.Stderr);
            Assert.True(elapsed < TimeSpan.FromSeconds(1.5) + Slack, $"took {elapsed}");
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Peer_that_never_answers()
    {
        await using var server = new LoopbackServer((_, token) => Task.Delay(Timeout.Infinite, token));
        var (result, elapsed) = Probe(server.Target, "--timeout", "1.5");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{server.Target}: error: no greeting within 1.5 s (not an SMTP server, or one that waits for the client to speak first)\n", result.Stderr);
        Assert.True(elapsed < TimeSpan.FromSeconds(1.5) + Slack, $"took {elapsed}");
    }

    [Fact]
    public async Task Http_server_is_not_smtp()
    {
        await using var server = new LoopbackServer(async (c, token) =>
        {
            await c.SendAsync(token, "HTTP/1.1 400 Bad Request", "Content-Length: 0", "Connection: close", string.Empty);
            await Task.Delay(Timeout.Infinite, token);
        });
        var (result, _) = Probe(server.Target, "--timeout", "10");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{server.Target}: error: {server.Target} is not an SMTP server: its greeting is 'HTTP/1.1 400 Bad Request', expected a reply such as '220 mail.example.com ESMTP'\n", result.Stderr);
        Assert.Contains("*** the server sent: HTTP/1.1 400 Bad Request", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_that_stalls_mid_line()
    {
        await using var server = new LoopbackServer(async (c, token) =>
        {
            await c.SendRawAsync("220 mx.example.com ES", token);
            await Task.Delay(Timeout.Infinite, token);
        });
        var (result, elapsed) = Probe(server.Target, "--timeout", "1.5");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{server.Target}: error: the server stopped in the middle of a line ('220 mx.example.com ES') and sent nothing more within 1.5 s\n", result.Stderr);
        Assert.True(elapsed < TimeSpan.FromSeconds(1.5) + Slack, $"took {elapsed}");
    }

    [Fact]
    public async Task Server_that_stalls_after_ehlo()
    {
        await using var server = new LoopbackServer(async (c, token) =>
        {
            await c.SendAsync(token, "220 mx.example.com ESMTP");
            await c.ReadLineAsync(token);
            await Task.Delay(Timeout.Infinite, token);
        });
        var (result, elapsed) = Probe(server.Target, "--timeout", "1.5");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{server.Target}: error: no reply to EHLO within 1.5 s\n", result.Stderr);
        Assert.True(elapsed < TimeSpan.FromSeconds(1.5) + Slack, $"took {elapsed}");
    }

    [Fact]
    public async Task Server_that_closes_without_a_greeting()
    {
        await using var server = new LoopbackServer((_, _) => Task.CompletedTask);
        var (result, _) = Probe(server.Target, "--timeout", "10");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{server.Target}: error: the server closed the connection before sending a greeting\n", result.Stderr);
    }

    [Fact]
    public async Task Json_output_on_error_has_no_verdict_and_the_error()
    {
        await using var server = new LoopbackServer((_, token) => Task.Delay(Timeout.Infinite, token));
        var (result, _) = Probe(server.Target, "--timeout", "1", "--format", "json");
        Assert.Equal(2, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("verdict").ValueKind);
        var error = doc.RootElement.GetProperty("probe").GetProperty("error");
        Assert.Equal("timeout", error.GetProperty("kind").GetString());
        Assert.StartsWith("no greeting within 1 s", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The PIX's broken multi-line masked banner never ends: the probe times out, but what it saw is a Cisco signature.</summary>
    [Fact]
    public async Task A_masked_banner_that_never_ends_is_still_cisco_fixup()
    {
        await using var server = new LoopbackServer(async (c, token) =>
        {
            await c.SendAsync(token, "220-******************2*0*0*****************", "**************************************");
            await Task.Delay(Timeout.Infinite, token);
        });
        var (result, elapsed) = Probe(server.Target, "--timeout", "1.5");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains($"{server.Target}: cisco-fixup (high confidence)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("The probe stopped early: no greeting within 1.5 s", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("broken-banner", CliRunner.Run(["probe", server.Target, "--timeout", "1", "-f", "json"]).Stdout, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(1.5) + Slack, $"took {elapsed}");
    }

    /// <summary>An inspect map with `match cmd verb STARTTLS` + `drop-connection`: STARTTLS advertised, the connection dies on STARTTLS.</summary>
    [Fact]
    public async Task Connection_dropped_on_starttls_is_cisco_fixup()
    {
        await using var server = new LoopbackServer(async (c, token) =>
        {
            await c.SendAsync(token, "220 mx.example.com ESMTP");
            await c.ReadLineAsync(token);
            await c.SendAsync(token, "250-mx.example.com", "250-STARTTLS", "250 8BITMIME");
            await c.ReadLineAsync(token);
        });
        var result = await SmtpProbe.RunAsync(new ProbeOptions(ProbeTarget.Parse(server.Target, out _)!) { Timeout = TimeSpan.FromSeconds(10) });
        var diagnosis = result.Diagnose();
        Assert.Equal(ProbeFailureKind.Closed, result.Failure!.Kind);
        Assert.Equal(Verdict.CiscoFixup, diagnosis.Verdict);
        Assert.Equal(["SMTP011"], diagnosis.Cause!.RuleIds);
        Assert.Equal("starttls-dropped", diagnosis.Evidence[^1].Kind);
        Assert.Equal(["EHLO", "STARTTLS"], server.Received.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task Ipv6_loopback_and_helo_fallback_without_starttls()
    {
        await using var server = new LoopbackServer(async (c, token) =>
        {
            await c.SendAsync(token, "220 mx.example.com ESMTP");
            while (await c.ReadLineAsync(token) is { } line)
            {
                string verb = line.Split(' ')[0];
                await (verb switch
                {
                    "EHLO" => c.SendAsync(token, "250-mx.example.com", "250 SIZE 1000000"),
                    "QUIT" => c.SendAsync(token, "221 bye"),
                    _ => c.SendAsync(token, "502 5.5.2 Error: command not recognized"),
                });
            }
        }, IPAddress.IPv6Loopback);
        var result = CliRunner.Run(["probe", server.Target, "--timeout", "10", "-f", "json"]);
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdoutBytes);
        Assert.Equal("starttls-missing", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("::1", doc.RootElement.GetProperty("probe").GetProperty("address").GetString());
        Assert.Equal(["EHLO [IPv6:::1]", "STARTTLS", "QUIT"], server.Received);
    }

    [Theory]
    [InlineData(new[] { "mx.example.com:0" }, "pixlint: error: '0' is not a port number, expected 1-65535")]
    [InlineData(new[] { "mx.example.com:smtp" }, "pixlint: error: 'smtp' is not a port number, expected 1-65535")]
    [InlineData(new[] { "[2001:db8::25" }, "pixlint: error: '[2001:db8::25': missing ']' after the IPv6 address, expected [ADDRESS] or [ADDRESS]:PORT")]
    [InlineData(new[] { "2001:db8::zz" }, "pixlint: error: '2001:db8::zz' is not an IPv6 address; write an IPv6 address with a port as [ADDRESS]:PORT")]
    [InlineData(new[] { "mail server" }, "pixlint: error: 'mail server' is not HOST[:PORT], expected a host name or address such as mx.example.com, 192.0.2.25:587 or [2001:db8::25]:25")]
    [InlineData(new[] { "127.0.0.1", "--timeout", "soon" }, "pixlint: error: --timeout: 'soon' is not a number of seconds, expected e.g. 10 or 2.5 (at most 3600)")]
    [InlineData(new[] { "127.0.0.1", "--timeout", "0" }, "pixlint: error: --timeout: '0' is not a number of seconds, expected e.g. 10 or 2.5 (at most 3600)")]
    [InlineData(new[] { "127.0.0.1", "--ehlo", "a b" }, "pixlint: error: --ehlo: 'a b' is not a host name or address literal")]
    public void Bad_arguments_exit_2(string[] args, string message)
    {
        var (result, _) = Probe(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message + "\n", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    /// <summary>Without Postfix the probe tests fail (never skip) and say how to install it.</summary>
    [Fact]
    public async Task Missing_postfix_fails_with_the_install_command()
    {
        var missing = new PostfixInstance("/nonexistent/postfix/master", "/nonexistent/postfix");
        var e = await Assert.ThrowsAsync<InvalidOperationException>(missing.InitializeAsync);
        Assert.StartsWith("postfix is not installed (/nonexistent/postfix/master not found)", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y postfix", e.Message, StringComparison.Ordinal);
        await missing.DisposeAsync();
    }

    [Theory]
    [InlineData("mx.example.com", "mx.example.com", 25, "mx.example.com:25")]
    [InlineData("192.0.2.25:587", "192.0.2.25", 587, "192.0.2.25:587")]
    [InlineData("[2001:db8::25]:465", "2001:db8::25", 465, "[2001:db8::25]:465")]
    [InlineData("2001:db8::25", "2001:db8::25", 25, "[2001:db8::25]:25")]
    [InlineData("[::1]", "::1", 25, "[::1]:25")]
    public void Targets_parse(string text, string host, int port, string display)
    {
        var target = ProbeTarget.Parse(text, out string? error);
        Assert.Null(error);
        Assert.Equal(host, target!.Host);
        Assert.Equal(port, target.Port);
        Assert.Equal(display, target.Display);
    }
}
