namespace PixLint.Diagnosis;

/// <summary>What to do after each verdict: concrete commands, the probed host filled in when known.</summary>
internal static class NextSteps
{
    private static string Target(DiagnosisContext context) => context.ProbedTarget ?? "MX-HOST";

    public static IReadOnlyList<string> ForCisco(DiagnosisContext context) =>
    [
        "Lint the saved configuration of the firewall in front of the mail server (`show running-config`; `write terminal` on PIX 6): pixlint lint FIREWALL.cfg",
        "Write the fix it proposes (`no fixup protocol smtp 25` on PIX 6; an ESMTP inspect map with `allow-tls`, or `no inspect esmtp`, on ASA/FWSM/FTD): pixlint fix FIREWALL.cfg",
        $"After the change, check again from outside the firewall: pixlint probe {Target(context)}",
    ];

    public static IReadOnlyList<string> ForMissing(DiagnosisContext context) =>
    [
        "Enable STARTTLS on the mail server: a certificate and key, and TLS for inbound SMTP (Postfix: smtpd_tls_security_level = may with smtpd_tls_chain_files; Exchange: a certificate enabled for SMTP on the receive connector).",
        $"Compare with a probe from inside the network: if STARTTLS shows there but not from outside, something in the path removes it: pixlint probe {Target(context)}",
        "If a Cisco PIX/ASA/FWSM/FTD is in the path, lint its configuration as well: pixlint lint FIREWALL.cfg",
    ];

    public static IReadOnlyList<string> ForTlsFailure(DiagnosisContext context) =>
    [
        "Check the server's TLS setup: certificate and key files, and the protocol versions and ciphers it allows; its log says why the handshake failed.",
        $"See the handshake error and the certificate: pixlint probe {Target(context)}",
    ];

    public static IReadOnlyList<string> ForOffered(DiagnosisContext context) =>
    [
        context.ProbedTarget is null
            ? "Nothing to fix on this path. Probe each MX from outside the network to check every path: pixlint probe MX-HOST"
            : $"Nothing to fix on this path. The result holds from where the probe ran: run it from outside the firewall too: pixlint probe {context.ProbedTarget}",
    ];

    public static IReadOnlyList<string> ForInconclusive(DiagnosisContext context) =>
    [
        $"Capture the EHLO exchange: pixlint probe {Target(context)}, or `telnet {Target(context)} 25`, then type `EHLO example.com` and `STARTTLS`.",
    ];
}
