namespace PixLint.Diagnosis;

/// <summary>
/// What the TLS handshake gave: protocol, cipher suite, the server's certificate and whether it
/// validates. Validation is reported, never fatal: most SMTP senders encrypt opportunistically
/// without checking the certificate, so a self-signed certificate still protects against passive eavesdroppers.
/// </summary>
public sealed record TlsDetails(
    string Protocol,
    string CipherSuite,
    string? Subject,
    string? Issuer,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    IReadOnlyList<string> DnsNames,
    TlsValidation Validation);

/// <summary>The certificate check a verifying sender (DANE-less, MTA-STS) would make against the probed name.</summary>
public sealed record TlsValidation(bool Valid, IReadOnlyList<string> Problems)
{
    public static TlsValidation Ok { get; } = new(true, []);
}
