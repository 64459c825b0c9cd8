using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PixLint.Tests;

/// <summary>
/// A TCP server on a loopback address (127.0.0.1 or ::1, never anything else) that runs a script
/// for each connection. Stopped, with its connections, when disposed.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = [];
    private readonly Task _accepting;

    public LoopbackServer(Func<LineConnection, CancellationToken, Task> script, IPAddress? address = null)
    {
        var bind = address ?? IPAddress.Loopback;
        _listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(bind, 0));
        _listener.Listen(16);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        Target = bind.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bind}]:{Port}" : $"{bind}:{Port}";
        _accepting = AcceptAsync(script);
    }

    public int Port { get; }

    /// <summary>`127.0.0.1:PORT` or `[::1]:PORT`.</summary>
    public string Target { get; }

    /// <summary>Every line the clients sent, in order (across connections).</summary>
    public List<string> Received { get; } = [];

    private async Task AcceptAsync(Func<LineConnection, CancellationToken, Task> script)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_sessions)
            {
                _sessions.Add(RunAsync(client, script));
            }
        }
    }

    private async Task RunAsync(Socket client, Func<LineConnection, CancellationToken, Task> script)
    {
        using (client)
        {
            var connection = new LineConnection(new NetworkStream(client, ownsSocket: false), Received);
            try
            {
                await script(connection, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client went away or the test is over.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        Task[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    /// <summary>A free loopback port: bound, then released (nothing listens there afterwards).</summary>
    public static int FreePort(IPAddress? address = null)
    {
        using var socket = new Socket((address ?? IPAddress.Loopback).AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address ?? IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

/// <summary>Line-oriented reading and writing on one connection (CRLF out, LF or CRLF in).</summary>
internal sealed class LineConnection(Stream stream, List<string>? received = null)
{
    private readonly List<byte> _pending = [];

    public Stream Stream => stream;

    /// <summary>The next line without its ending; null when the peer closed.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken token)
    {
        var buffer = new byte[1];
        while (true)
        {
            int lf = _pending.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                string line = Encoding.Latin1.GetString([.. _pending.Take(lf)]).TrimEnd('\r');
                _pending.RemoveRange(0, lf + 1);
                if (received is not null)
                {
                    lock (received)
                    {
                        received.Add(line);
                    }
                }

                return line;
            }

            int n = await stream.ReadAsync(buffer, token);
            if (n == 0)
            {
                return null;
            }

            _pending.Add(buffer[0]);
        }
    }

    /// <summary>Sends raw text as is (no line ending added).</summary>
    public async Task SendRawAsync(string text, CancellationToken token)
    {
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text), token);
        await stream.FlushAsync(token);
    }

    /// <summary>Sends lines, each with CRLF.</summary>
    public Task SendAsync(CancellationToken token, params string[] lines) =>
        SendRawAsync(string.Concat(lines.Select(l => l + "\r\n")), token);
}
