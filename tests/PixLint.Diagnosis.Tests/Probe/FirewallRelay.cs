using System.Net;
using System.Net.Sockets;

namespace PixLint.Tests;

/// <summary>
/// A test-only TCP relay between the probe and a real MTA that rewrites the SMTP stream the way
/// Cisco firewalls do (reference notes §1.4, §1.5, §4.1):
/// <list type="bullet">
/// <item><see cref="FirewallBehaviour.PixFixup"/>: PIX 6 MailGuard. The greeting is masked with
/// `*`, keeping `2`, `0` and spaces; commands outside RFC 821's minimum set (HELO, MAIL, RCPT,
/// DATA, RSET, NOOP, QUIT) are overwritten with X's in place, so the server answers "command not
/// recognized" to EHLO and STARTTLS.</item>
/// <item><see cref="FirewallBehaviour.PixFixupNoop"/>: the same, but blocked commands become NOOP
/// (the 5.1-6.x behaviour the cisco-nsp post describes): EHLO and STARTTLS get "250 Ok".</item>
/// <item><see cref="FirewallBehaviour.AsaInspection"/>: ESMTP inspection with the default map
/// (`mask-banner`, `no allow-tls`): greeting masked, the STARTTLS keyword of the EHLO reply masked
/// to `XXXXXXXA`, the STARTTLS command overwritten with X's.</item>
/// <item><see cref="FirewallBehaviour.AsaInspectionAllowTls"/>: ESMTP inspection with `mask-banner`
/// and `allow-tls`: the greeting is masked, STARTTLS passes, and the relay steps aside for TLS.</item>
/// <item><see cref="FirewallBehaviour.Transparent"/>: bytes pass untouched (TLS included).</item>
/// </list>
/// </summary>
internal sealed class FirewallRelay : IAsyncDisposable
{
    private static readonly HashSet<string> Rfc821Minimum = new(StringComparer.OrdinalIgnoreCase) { "HELO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT" };

    private readonly LoopbackServer _server;

    public FirewallRelay(int upstreamPort, FirewallBehaviour behaviour)
    {
        Behaviour = behaviour;
        _server = new LoopbackServer((client, token) => RelayAsync(client, upstreamPort, token));
    }

    public FirewallBehaviour Behaviour { get; }

    public string Target => _server.Target;

    /// <summary>The commands the client sent, before any rewriting (not recorded in transparent mode, where TLS hides them).</summary>
    public List<string> ClientCommands { get; } = [];

    private async Task RelayAsync(LineConnection client, int upstreamPort, CancellationToken token)
    {
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, token);
        var server = new LineConnection(upstream.GetStream());
        using var done = CancellationTokenSource.CreateLinkedTokenSource(token);
        Task[] pumps = Behaviour == FirewallBehaviour.Transparent
            ? [client.Stream.CopyToAsync(server.Stream, done.Token), server.Stream.CopyToAsync(client.Stream, done.Token)]
            : [ServerToClientAsync(server, client, done.Token), ClientToServerAsync(client, server, done.Token)];
        await Task.WhenAny(pumps);
        await done.CancelAsync();
        try
        {
            await Task.WhenAll(pumps);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // One side closed: the relay closes the other.
        }
    }

    private async Task ServerToClientAsync(LineConnection server, LineConnection client, CancellationToken token)
    {
        bool inGreeting = true;
        while (await server.ReadLineAsync(token) is { } line)
        {
            string rewritten = line;
            if (inGreeting)
            {
                rewritten = MaskBanner(line);
                inGreeting = line.Length > 3 && line[3] == '-';
            }
            else if (Behaviour == FirewallBehaviour.AsaInspection && line.Length > 4 && line[4..].Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase))
            {
                // Masked in place: same length, as the inspection engine keeps TCP lengths.
                rewritten = line[..4] + "XXXXXXXA";
            }

            await client.SendAsync(token, rewritten);
            if (Behaviour == FirewallBehaviour.AsaInspectionAllowTls && !inGreeting && line.StartsWith("220 ", StringComparison.Ordinal))
            {
                // STARTTLS accepted: the inspection lets TLS through untouched.
                await server.Stream.CopyToAsync(client.Stream, token);
                return;
            }
        }
    }

    private async Task ClientToServerAsync(LineConnection client, LineConnection server, CancellationToken token)
    {
        while (await client.ReadLineAsync(token) is { } line)
        {
            lock (ClientCommands)
            {
                ClientCommands.Add(line);
            }

            await server.SendAsync(token, RewriteCommand(line));
            if (Behaviour == FirewallBehaviour.AsaInspectionAllowTls && line.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase))
            {
                await client.Stream.CopyToAsync(server.Stream, token);
                return;
            }
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>`220 mx.pixlint.test ESMTP ... 2.0` → `220 ******************** ... 2*0`: the code stays, `2`, `0` and spaces survive.</summary>
    private static string MaskBanner(string line) =>
        line.Length <= 4 ? line : line[..4] + new string([.. line[4..].Select(c => c is '2' or '0' or ' ' ? c : '*')]);

    private string RewriteCommand(string line)
    {
        string verb = line.Split(' ', 2)[0];
        return Behaviour switch
        {
            FirewallBehaviour.PixFixup when !Rfc821Minimum.Contains(verb) => new string('X', line.Length),
            FirewallBehaviour.PixFixupNoop when !Rfc821Minimum.Contains(verb) => "NOOP",
            FirewallBehaviour.AsaInspection when verb.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase) => new string('X', line.Length),
            _ => line,
        };
    }
}

/// <summary>What the relay does to the stream.</summary>
internal enum FirewallBehaviour
{
    Transparent,
    PixFixup,
    PixFixupNoop,
    AsaInspection,
    AsaInspectionAllowTls,
}
