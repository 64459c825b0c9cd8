using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PixLint.Tests;

/// <summary>
/// A private Postfix instance (Debian's postfix package) for the probe tests: its own main.cf,
/// master.cf, queue and data folders under a temporary folder, a self-signed certificate made at
/// start, STARTTLS on one loopback port and implicit TLS (wrapper mode) on another. The master
/// process runs in the foreground as the tests' child and is killed with its children at the end.
/// </summary>
public sealed class PostfixInstance : IAsyncLifetime
{
    public const string HostName = "mx.pixlint.test";
    private readonly string _masterPath;
    private readonly string _postfixPath;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pixlint-postfix-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly StringBuilder _masterOutput = new();
    private Process? _master;

    public PostfixInstance()
        : this("/usr/lib/postfix/sbin/master", "/usr/sbin/postfix")
    {
    }

    /// <summary>For the test that checks the message when Postfix is missing.</summary>
    internal PostfixInstance(string masterPath, string postfixPath)
    {
        _masterPath = masterPath;
        _postfixPath = postfixPath;
    }

    /// <summary>STARTTLS (smtpd on a plain port).</summary>
    public int Port { get; private set; }

    /// <summary>Implicit TLS (smtpd_tls_wrappermode, as on port 465).</summary>
    public int ImplicitTlsPort { get; private set; }

    public DateTimeOffset CertificateNotAfter { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(_masterPath) || !File.Exists(_postfixPath))
        {
            throw new InvalidOperationException(
                $"postfix is not installed ({_masterPath} not found): the probe tests run a real Postfix. Install Debian's postfix (`apt-get install -y postfix`, as .ci/run does) and run the tests again.");
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException("the probe tests run Debian's postfix and need Linux.");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("the probe tests start a private Postfix instance, whose master process must run as root (it hands its work to the postfix user); run the tests as root, as CI does.");
        }

        string conf = Dir("conf");
        Dir("queue");
        string data = Dir("data");
#pragma warning disable CA1416 // Linux only: checked at the top of this method.
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
#pragma warning restore CA1416
        await RunAsync("chown", ["postfix", data]);
        WriteCertificate(conf);
        Port = LoopbackServer.FreePort();
        ImplicitTlsPort = LoopbackServer.FreePort();
        File.WriteAllText(Path.Combine(conf, "main.cf"), MainCf(conf));
        File.WriteAllText(Path.Combine(conf, "master.cf"), MasterCf());

        // `postfix check` creates the queue's folders with their owners and modes.
        await RunAsync(_postfixPath, ["-c", conf, "check"]);

        var start = new ProcessStartInfo(_masterPath, ["-c", conf, "-d"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        _master = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + _masterPath);
        _master.OutputDataReceived += (_, e) => Append(e.Data);
        _master.ErrorDataReceived += (_, e) => Append(e.Data);
        _master.BeginOutputReadLine();
        _master.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_master is { HasExited: false })
        {
            _master.Kill(entireProcessTree: true);
            await _master.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        _master?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string Dir(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_masterOutput)
            {
                _masterOutput.AppendLine(line);
            }
        }
    }

    private string Log()
    {
        string log = Path.Combine(_root, "maillog");
        string text = File.Exists(log) ? File.ReadAllText(log) : "(no maillog)";
        lock (_masterOutput)
        {
            return text + _masterOutput;
        }
    }

    private void WriteCertificate(string conf)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={HostName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
        CertificateNotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        File.WriteAllText(Path.Combine(conf, "cert.pem"), certificate.ExportCertificatePem() + "\n");
        string keyPath = Path.Combine(conf, "key.pem");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
#pragma warning disable CA1416 // Linux only: InitializeAsync checks before calling this.
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
#pragma warning restore CA1416
    }

    private string MainCf(string conf) => $"""
        # Written by PixLint's probe tests: a private instance on loopback ports, no delivery.
        compatibility_level = 3.6
        queue_directory = {_root}/queue
        data_directory = {_root}/data
        mail_owner = postfix
        setgid_group = postdrop
        inet_interfaces = 127.0.0.1
        inet_protocols = ipv4
        myhostname = {HostName}
        mydestination =
        local_recipient_maps =
        alias_maps =
        alias_database =
        biff = no
        maillog_file = {_root}/maillog
        maillog_file_prefixes = {_root}
        smtpd_banner = $myhostname ESMTP PixLint test MTA 2.0
        smtpd_tls_cert_file = {conf}/cert.pem
        smtpd_tls_key_file = {conf}/key.pem
        smtpd_tls_security_level = may
        smtpd_tls_loglevel = 1

        """;

    private string MasterCf() => $"""
        # service type private unpriv chroot wakeup maxproc command
        127.0.0.1:{Port} inet n - n - - smtpd
        127.0.0.1:{ImplicitTlsPort} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt
        postlog unix-dgram n - n - 1 postlogd
        tlsmgr unix - - n 1000? 1 tlsmgr
        anvil unix - - n - 1 anvil
        proxymap unix - - n - - proxymap

        """;

    private async Task RunAsync(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + program);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{program} {string.Join(' ', arguments)}` failed ({process.ExitCode}): {await stdout}{await stderr}\n{Log()}");
        }
    }

    /// <summary>Until the STARTTLS port greets (the master is up and its smtpd answers); at most 30 s.</summary>
    private async Task WaitUntilReadyAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (_master!.HasExited)
            {
                throw new InvalidOperationException($"the Postfix master exited with code {_master.ExitCode} at start:\n{Log()}");
            }

            try
            {
                using var client = new TcpClient();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.ConnectAsync(IPAddress.Loopback, Port, cts.Token);
                var connection = new LineConnection(client.GetStream());
                if ((await connection.ReadLineAsync(cts.Token))?.StartsWith("220 ", StringComparison.Ordinal) == true)
                {
                    await connection.SendAsync(cts.Token, "QUIT");
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Postfix did not greet on 127.0.0.1:{Port} within 30 s:\n{Log()}");
    }
}

[CollectionDefinition(Name)]
public sealed class PostfixGroup : ICollectionFixture<PostfixInstance>
{
    public const string Name = "postfix";
}
