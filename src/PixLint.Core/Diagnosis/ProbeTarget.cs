using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PixLint.Diagnosis;

/// <summary>
/// `HOST[:PORT]` as `pixlint probe` takes it: a name, an IPv4 address, an IPv6 address (bare, or in
/// brackets when a port follows: `[2001:db8::25]:587`).
/// </summary>
public sealed record ProbeTarget(string Host, int Port)
{
    public const int DefaultPort = 25;

    /// <summary>The host is an address literal (no DNS lookup, no SNI).</summary>
    public IPAddress? Address => IPAddress.TryParse(Host, out var address) ? address : null;

    /// <summary>`host:25`, `[::1]:25`.</summary>
    public string Display => Address?.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => Display;

    /// <summary>Parses `HOST[:PORT]`; on failure <paramref name="error"/> says what was expected.</summary>
    public static ProbeTarget? Parse(string text, out string? error)
    {
        error = null;
        string value = text.Trim();
        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            int close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}': missing ']' after the IPv6 address, expected [ADDRESS] or [ADDRESS]:PORT";
                return null;
            }

            host = value[1..close];
            string rest = value[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    error = $"'{text}': unexpected '{rest}' after ']', expected :PORT";
                    return null;
                }

                port = rest[1..];
            }

            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"'{host}' is not an IPv6 address";
                return null;
            }
        }
        else if (value.Count(c => c == ':') > 1)
        {
            host = value;
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"'{text}' is not an IPv6 address; write an IPv6 address with a port as [ADDRESS]:PORT";
                return null;
            }
        }
        else
        {
            int colon = value.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? value : value[..colon];
            port = colon < 0 ? null : value[(colon + 1)..];
            if (!IsHostName(host))
            {
                error = $"'{text}' is not HOST[:PORT], expected a host name or address such as mx.example.com, 192.0.2.25:587 or [2001:db8::25]:25";
                return null;
            }
        }

        int number = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            error = $"'{port}' is not a port number, expected 1-65535";
            return null;
        }

        return new ProbeTarget(host, number);
    }

    private static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') && !host.StartsWith('-') && !host.StartsWith('.');
}

/// <summary>How TLS starts: STARTTLS after EHLO (ports 25, 587), or right after connecting (port 465).</summary>
public enum TlsMode : byte
{
    StartTls = 0,
    Implicit = 1,
}

/// <summary>What `pixlint probe` does: where, how long at most, and how TLS starts.</summary>
public sealed record ProbeOptions(ProbeTarget Target)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The whole probe never takes longer than this: connecting, every reply, the handshake.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public TlsMode Tls { get; init; } = TlsMode.StartTls;

    /// <summary>The EHLO argument; default: the address literal of the local end (RFC 5321 §4.1.3).</summary>
    public string? EhloName { get; init; }

    /// <summary>Addresses already resolved for <see cref="ProbeTarget.Host"/> (an MX's A/AAAA records): connect to these, keep the name for SNI.</summary>
    public IReadOnlyList<IPAddress>? Addresses { get; init; }
}
