using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PixLint.Diagnosis;

/// <summary>
/// After `--tls implicit` failed its handshake: does the port send a plain `220` greeting instead?
/// Then it speaks SMTP with STARTTLS (25, 587), not TLS first (465), and the user needs `--tls starttls`.
/// </summary>
public static class PlainGreetingCheck
{
    /// <summary>The first line the server sends within <paramref name="timeout"/> when it is a 2xx reply; null otherwise.</summary>
    public static async Task<string?> PlainGreetingAsync(IPAddress address, int port, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), deadline.Token).ConfigureAwait(false);
            using var stream = new NetworkStream(socket, ownsSocket: false);
            string? line = await FirstLineAsync(stream, deadline.Token).ConfigureAwait(false);
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("QUIT\r\n"), deadline.Token).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The answer is in; QUIT is a courtesy.
            }

            return line is not null && SmtpSyntax.TryParseReply(line, out int code, out _, out _) && code is >= 200 and < 300 ? line : null;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The first line (at most 512 bytes: a greeting line is short), without its line end.</summary>
    private static async Task<string?> FirstLineAsync(Stream stream, CancellationToken token)
    {
        byte[] buffer = new byte[512];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(length, buffer.Length - length), token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            int end = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (end >= 0)
            {
                return Encoding.Latin1.GetString(buffer, 0, end).TrimEnd('\r');
            }
        }

        return length == 0 ? null : Encoding.Latin1.GetString(buffer, 0, length);
    }
}
