using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PixLint.Text;

namespace PixLint.Diagnosis;

/// <summary>
/// `pixlint probe`: connects, reads the greeting, says EHLO (HELO if EHLO is refused), sends
/// STARTTLS, does a real TLS handshake, says EHLO again inside TLS, and quits. It never sends
/// MAIL, RCPT, DATA or AUTH. STARTTLS is sent even when not advertised (as `openssl s_client`
/// does): the server's answer tells a firewall that rewrites the command from a server without TLS.
/// The whole probe stays within <see cref="ProbeOptions.Timeout"/>, from the connection to the last
/// byte, however fast a server sends. A reply is read up to <see cref="MaxReplyLines"/> lines and
/// <see cref="MaxReplyBytes"/> bytes, so memory stays bounded whatever the server streams. It records
/// what it sees as swaks-style lines, so its transcript is what `pixlint diagnose` reads.
/// </summary>
public static class SmtpProbe
{
    /// <summary>Lines one reply may have (a real EHLO reply has a few dozen; RFC 5321 sets no limit).</summary>
    public const int MaxReplyLines = 1000;

    /// <summary>Bytes one reply may have, line endings included.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    public static async Task<ProbeResult> RunAsync(ProbeOptions options, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        var session = new ProbeSession(options, deadline.Token);
        ProbeFailure? failure = null;
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        catch (ProbeStopException e)
        {
            failure = e.Failure;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = session.TimedOut();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            failure = session.ConnectionLost(e);
        }
        finally
        {
            session.Dispose();
        }

        if (failure is not null)
        {
            session.Record("*** " + failure.Message);
        }

        return new ProbeResult(options, session.Lines, session.RemoteAddress, session.Tls, failure);
    }

    /// <summary>One probe's connection and state; not reusable.</summary>
    private sealed class ProbeSession(ProbeOptions options, CancellationToken token) : IDisposable
    {
        private readonly List<string> _lines = [];
        private readonly DateTime _deadline = DateTime.UtcNow + options.Timeout;
        private Socket? _socket;
        private Stream? _stream;
        private SslStream? _ssl;
        private SmtpLineReader? _reader;
        private string _waitingFor = "connection";
        private string? _lastCommand;
        private int _replyLines;
        private long _lastLineAt;

        public IReadOnlyList<string> Lines => _lines;

        public string? RemoteAddress { get; private set; }

        public TlsDetails? Tls { get; private set; }

        private ProbeTarget Target => options.Target;

        private string Seconds => options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

        public void Record(string line) => _lines.Add(LosslessUtf8.ToDisplay(line));

        public async Task RunAsync()
        {
            await ConnectAsync().ConfigureAwait(false);
            if (options.Tls == TlsMode.Implicit && !await HandshakeAsync().ConfigureAwait(false))
            {
                return;
            }

            _waitingFor = "greeting";
            var greeting = await ReadReplyAsync(isGreeting: true).ConfigureAwait(false);
            if (greeting.Code is not (>= 200 and < 300))
            {
                await QuitAsync().ConfigureAwait(false);
                return;
            }

            string name = options.EhloName ?? LocalAddressLiteral();
            var ehlo = await CommandAsync($"EHLO {name}").ConfigureAwait(false);
            if (ehlo.Code is >= 500 and < 600)
            {
                ehlo = await CommandAsync($"HELO {name}").ConfigureAwait(false);
            }

            if (ehlo.Code is not (>= 200 and < 300) || options.Tls == TlsMode.Implicit)
            {
                await QuitAsync().ConfigureAwait(false);
                return;
            }

            var startTls = await CommandAsync("STARTTLS").ConfigureAwait(false);
            if (startTls.Code != 220)
            {
                await QuitAsync().ConfigureAwait(false);
                return;
            }

            if (!await HandshakeAsync().ConfigureAwait(false))
            {
                return;
            }

            await CommandAsync($"EHLO {name}").ConfigureAwait(false);
            await QuitAsync().ConfigureAwait(false);
        }

        private async Task ConnectAsync()
        {
            IPAddress[] addresses;
            if (options.Addresses is { Count: > 0 } resolved)
            {
                addresses = [.. resolved];
            }
            else if (Target.Address is { } literal)
            {
                addresses = [literal];
            }
            else
            {
                _waitingFor = $"address for {Target.Host}";
                try
                {
                    addresses = await Dns.GetHostAddressesAsync(Target.Host, token).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    throw new ProbeStopException(new ProbeFailure(ProbeFailureKind.Resolve, $"{Target.Host}: no such host (the DNS lookup failed)"));
                }

                if (addresses.Length == 0)
                {
                    throw new ProbeStopException(new ProbeFailure(ProbeFailureKind.Resolve, $"{Target.Host}: the name has no address"));
                }
            }

            ProbeFailure? last = null;
            for (int i = 0; i < addresses.Length; i++)
            {
                var address = addresses[i];
                string shown = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
                Record($"=== Trying {shown}:{Target.Port}...");
                _waitingFor = $"connection to {shown}:{Target.Port}";
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

                // With several addresses, each gets its share of the time left, so one that drops
                // packets does not use up the deadline of the others.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                if (i < addresses.Length - 1)
                {
                    attempt.CancelAfter((_deadline - DateTime.UtcNow) / (addresses.Length - i));
                }

                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, Target.Port), attempt.Token).ConfigureAwait(false);
                    _socket = socket;
                    _stream = new NetworkStream(socket, ownsSocket: false);
                    _reader = new SmtpLineReader(_stream);
                    RemoteAddress = address.ToString();
                    Record($"=== Connected to {shown}.");
                    return;
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = ConnectFailure(e, shown);
                    Record("*** " + last.Message);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    socket.Dispose();
                    last = new ProbeFailure(ProbeFailureKind.ConnectTimeout, $"no answer from {shown}:{Target.Port} in its share of the time: the host is down, or a firewall drops the packets");
                    Record("*** " + last.Message);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            // Every address failed; the transcript already lists each.
            _lines.RemoveAt(_lines.Count - 1);
            throw new ProbeStopException(last!);
        }

        private ProbeFailure ConnectFailure(SocketException e, string shown) => e.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => new ProbeFailure(ProbeFailureKind.Refused, $"connection to {shown}:{Target.Port} refused: nothing listens on that port"),
            SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown or SocketError.HostDown =>
                new ProbeFailure(ProbeFailureKind.Unreachable, $"{shown} is unreachable from here ({e.Message})"),
            SocketError.TimedOut => new ProbeFailure(ProbeFailureKind.ConnectTimeout, $"no answer from {shown}:{Target.Port}: the host is down, or a firewall drops the packets"),
            _ => new ProbeFailure(ProbeFailureKind.Unreachable, $"cannot connect to {shown}:{Target.Port} ({e.Message})"),
        };

        /// <summary>Sends one command and reads its reply.</summary>
        private async Task<Reply> CommandAsync(string command)
        {
            _lastCommand = command.Split(' ')[0];
            Record((_ssl is null ? " -> " : " ~> ") + command);
            _waitingFor = $"reply to {_lastCommand}";
            byte[] bytes = Encoding.ASCII.GetBytes(command + "\r\n");
            await CurrentStream.WriteAsync(bytes, token).ConfigureAwait(false);
            await CurrentStream.FlushAsync(token).ConfigureAwait(false);
            return await ReadReplyAsync(isGreeting: false).ConfigureAwait(false);
        }

        private Stream CurrentStream => (Stream?)_ssl ?? _stream!;

        /// <summary>Reads a (multi-line) reply; a code-less line of asterisks counts as a continuation, as a masked PIX banner sends it.</summary>
        private async Task<Reply> ReadReplyAsync(bool isGreeting)
        {
            int? code = null;
            string prefix = _ssl is null ? "<-  " : "<~  ";
            int bytes = 0;
            _replyLines = 0;
            while (true)
            {
                // A server that sends as fast as it can completes every read at once: the deadline is
                // checked on every line, not only when a read has to wait.
                token.ThrowIfCancellationRequested();
                string? line = await _reader!.ReadLineAsync(token).ConfigureAwait(false);
                if (line is null)
                {
                    throw new ProbeStopException(ClosedFailure(isGreeting, code is not null));
                }

                _lastLineAt = Environment.TickCount64;
                bytes += _reader.LastLineBytes;
                if (++_replyLines > MaxReplyLines || bytes > MaxReplyBytes)
                {
                    string what = isGreeting ? "greeting" : $"reply to {_lastCommand}";
                    throw new ProbeStopException(new ProbeFailure(ProbeFailureKind.ReplyTooLong,
                        $"the server's {what} went on past {(bytes > MaxReplyBytes ? $"{MaxReplyBytes / 1024} KiB" : $"{MaxReplyLines} lines")} without ending (PixLint reads at most {MaxReplyLines} lines and {MaxReplyBytes / 1024} KiB of a reply): not a working SMTP server, or one that streams continuation lines on purpose"));
                }

                if (SmtpSyntax.TryParseReply(line, out int lineCode, out bool continues, out _) && (code is null || lineCode == code))
                {
                    Record(prefix + line);
                    code = lineCode;
                    if (!continues)
                    {
                        _replyLines = 0;
                        return new Reply(lineCode);
                    }

                    continue;
                }

                if (code is not null && SmtpSyntax.IsMaskShaped(line, 1))
                {
                    Record(prefix + line);
                    continue;
                }

                Record("*** the server sent: " + Shorten(line));
                throw new ProbeStopException(new ProbeFailure(ProbeFailureKind.NotSmtp, NotSmtpMessage(line, isGreeting && code is null)));
            }
        }

        private string NotSmtpMessage(string line, bool first)
        {
            string what = first ? "greeting" : $"reply to {_lastCommand}";
            string hint = Target.Port == 465 && options.Tls != TlsMode.Implicit ? " (port 465 speaks TLS first: try --tls implicit)" : string.Empty;
            return $"{Target.Display} is not an SMTP server: its {what} is '{Shorten(line)}', expected a reply such as '220 mail.example.com ESMTP'{hint}";
        }

        private ProbeFailure ClosedFailure(bool isGreeting, bool midReply)
        {
            string partial = _reader!.HasPending ? $" in the middle of a line ('{Shorten(_reader.Pending)}')" : string.Empty;
            string when = isGreeting && !midReply ? "before sending a greeting" : midReply ? "in the middle of a reply" : $"without replying to {_lastCommand}";
            return new ProbeFailure(ProbeFailureKind.Closed, $"the server closed the connection {when}{partial}");
        }

        private async Task<bool> HandshakeAsync()
        {
            _waitingFor = "TLS handshake";
            TlsDetails? captured = null;
            var ssl = new SslStream(_stream!, leaveInnerStreamOpen: true);
            var authentication = new SslClientAuthenticationOptions
            {
                TargetHost = Target.Host,
                EnabledSslProtocols = SslProtocols.None,
                CertificateChainPolicy = new X509ChainPolicy
                {
                    RevocationMode = X509RevocationMode.NoCheck,
                    DisableCertificateDownloads = true,
                },
#pragma warning disable CA5359 // The probe reports validation instead of enforcing it, as opportunistic SMTP senders do; it sends no credential and no mail.
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    captured = Describe(certificate, chain, errors);
                    return true;
                },
#pragma warning restore CA5359
            };
            try
            {
                await ssl.AuthenticateAsClientAsync(authentication, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                Record("*** TLS handshake failed: " + Innermost(e));
                return false;
            }

            _ssl = ssl;
            _reader = new SmtpLineReader(ssl);
            var details = (captured ?? new TlsDetails(string.Empty, string.Empty, null, null, null, null, [], new TlsValidation(false, ["the server sent no certificate"]))) with
            {
                Protocol = ProtocolName(ssl.SslProtocol),
                CipherSuite = ssl.NegotiatedCipherSuite.ToString(),
            };
            Tls = details;
            Record($"=== TLS started with {details.Protocol} {details.CipherSuite}");
            if (details.Subject is not null)
            {
                Record($"=== TLS peer certificate: subject {details.Subject}, issuer {details.Issuer}, expires {details.NotAfter:yyyy-MM-dd}");
            }

            Record(details.Validation.Valid ? "=== TLS certificate verifies" : "=== TLS certificate does not verify: " + string.Join("; ", details.Validation.Problems));
            return true;
        }

        private TlsDetails Describe(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            var problems = new List<string>();
            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                problems.Add("the server sent no certificate");
            }

            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                problems.Add($"the certificate is not for {Target.Host}");
            }

            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            {
                var statuses = chain?.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError)
                    .Select(s => $"{s.Status} ({s.StatusInformation.Trim().TrimEnd('.')})").Distinct().ToList() ?? [];
                problems.Add(statuses.Count > 0 ? "chain: " + string.Join(", ", statuses) : "the certificate chain does not validate");
            }

            if (certificate is null)
            {
                return new TlsDetails(string.Empty, string.Empty, null, null, null, null, [], new TlsValidation(problems.Count == 0, problems));
            }

            var cert = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            var names = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToList();
            return new TlsDetails(string.Empty, string.Empty, cert.Subject, cert.Issuer,
                new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero), new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                names, new TlsValidation(problems.Count == 0, problems));
        }

        private static string ProtocolName(SslProtocols protocol) => protocol switch
        {
            SslProtocols.Tls13 => "TLSv1.3",
            SslProtocols.Tls12 => "TLSv1.2",
#pragma warning disable SYSLIB0039, CA5397 // Old protocols are named, never enabled: a server that negotiates them is worth reporting.
            SslProtocols.Tls11 => "TLSv1.1",
            SslProtocols.Tls => "TLSv1.0",
#pragma warning restore SYSLIB0039, CA5397
            _ => protocol.ToString(),
        };

        private static string Innermost(Exception e)
        {
            var parts = new List<string>();
            for (var x = e; x is not null; x = x.InnerException)
            {
                string message = x.Message.Trim();
                if (message.Length > 0 && !message.StartsWith("Authentication failed, see inner exception", StringComparison.Ordinal) && !parts.Contains(message))
                {
                    parts.Add(message);
                }
            }

            return parts.Count == 0 ? e.GetType().Name : string.Join(": ", parts);
        }

        /// <summary>QUIT, best effort: the evidence is complete, so a server that does not answer QUIT is no failure.</summary>
        private async Task QuitAsync()
        {
            try
            {
                await CommandAsync("QUIT").ConfigureAwait(false);
            }
            catch (Exception e) when (e is ProbeStopException or IOException or SocketException or OperationCanceledException)
            {
                // Nothing to add: the session is over either way.
            }
        }

        /// <summary>The deadline passed: say what the probe was waiting for, and what arrived of an unfinished line.</summary>
        public ProbeFailure TimedOut()
        {
            if (_socket is null)
            {
                return new ProbeFailure(ProbeFailureKind.ConnectTimeout, $"no answer from {Target.Display} within {Seconds}: the host is down, or a firewall drops the packets");
            }

            // Still sending when the time ran out (a reply that never ends, sent slower than the line limit).
            if (_replyLines > 0 && Environment.TickCount64 - _lastLineAt < Math.Min(1000, options.Timeout.TotalMilliseconds / 4))
            {
                string what = _waitingFor == "greeting" ? "greeting" : _waitingFor;
                return new ProbeFailure(ProbeFailureKind.Timeout, $"the server was still sending its {what} ({_replyLines} lines, no last line) when the time ran out ({Seconds})");
            }

            if (_reader is { HasPending: true })
            {
                return new ProbeFailure(ProbeFailureKind.Timeout, $"the server stopped in the middle of a line ('{Shorten(_reader.Pending)}') and sent nothing more within {Seconds}");
            }

            string hint = _waitingFor == "greeting" && Target.Port == 465 && options.Tls != TlsMode.Implicit
                ? " (port 465 speaks TLS first: try --tls implicit)"
                : _waitingFor == "greeting" ? " (not an SMTP server, or one that waits for the client to speak first)" : string.Empty;
            return new ProbeFailure(ProbeFailureKind.Timeout, $"no {_waitingFor} within {Seconds}{hint}");
        }

        public ProbeFailure ConnectionLost(Exception e) =>
            new(ProbeFailureKind.Closed, $"the connection broke while waiting for the {_waitingFor} ({e.Message})");

        private string LocalAddressLiteral()
        {
            if (_socket?.LocalEndPoint is IPEndPoint local)
            {
                var address = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
                return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[IPv6:{address}]" : $"[{address}]";
            }

            return "[127.0.0.1]";
        }

        private static string Shorten(string text)
        {
            string shown = LosslessUtf8.ToDisplay(text);
            return shown.Length <= 80 ? shown : shown[..77] + "...";
        }

        public void Dispose()
        {
            _ssl?.Dispose();
            _stream?.Dispose();
            _socket?.Dispose();
        }

        private readonly record struct Reply(int Code);
    }
}
