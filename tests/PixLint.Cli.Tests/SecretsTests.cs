using System.Text;

namespace PixLint.Tests;

/// <summary>
/// No output shows a secret: the fixtures in Fixtures/secrets hold every kind a PIX/ASA/FWSM/FTD
/// configuration carries (one file per platform; SECRETS.txt lists the values), and every lint
/// format, `parse`, `fix --format commands|diff`, `diagnose`, the baseline, parse diagnostics and
/// standard error are searched for them. A rule that quotes a secret in its message is scrubbed too.
/// `--show-secrets` brings them back (so the search can fail), and the outputs that are the
/// configuration itself (`fix --format config`, `parse --format source`) keep them.
/// </summary>
public class SecretsTests
{
    public static string Fixtures => Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Cli.Tests", "Fixtures", "secrets");

    /// <summary>A user rule that reports secret-bearing lines and quotes the secret in its message.</summary>
    public const string SecretRuleYaml = """
        id: SEC900
        name: snmp-community-quoted
        title: An SNMP community (quoted on purpose)
        severity: warning
        match:
          find: command
          pattern: "snmp-server community {community}"
        message: "`{text}` sets the read community {community}"
        docs:
          summary: Quotes an SNMP community in its message, to prove that messages are scrubbed.
          why: A rule author may capture any word of a command; outputs must still hide secrets.
        remediation:
          manual: Nothing to fix; a test rule.
        """;

    /// <summary>A user rule that reports every command line, quoting it whole: every secret-bearing line reaches every format's findings.</summary>
    public const string EveryLineRuleYaml = """
        id: SEC903
        name: every-line-quoted
        title: Every command, quoted
        severity: note
        match:
          find: command
          pattern: "{word} {rest...}"
        message: "`{text}` is a command"
        docs:
          summary: Reports every command line and quotes it, so that every kind of secret is in a finding.
          why: A rule may report any line; outputs must still hide its secrets.
        remediation:
          manual: Nothing to fix; a test rule.
        """;

    public static IReadOnlyList<string> SecretValues { get; } =
        [.. File.ReadAllLines(Path.Combine(Fixtures, "SECRETS.txt")).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>Fails naming the first secret found in <paramref name="output"/>.</summary>
    internal static void AssertNoSecrets(string what, string output)
    {
        foreach (string secret in SecretValues.Concat(["Sekr1t", "5ec4e7"]))
        {
            int at = output.IndexOf(secret, StringComparison.Ordinal);
            if (at >= 0)
            {
                int start = Math.Max(0, output.LastIndexOf('\n', at) + 1);
                int end = output.IndexOf('\n', at);
                Assert.Fail($"{what} shows the secret '{secret}': {output[start..(end < 0 ? output.Length : end)]}");
            }
        }
    }

    private static (string Output, CliRunner.Result Result) Run(TempDir dir, params string[] args)
    {
        var result = CliRunner.Run(args, workingDirectory: dir.Path);
        return (result.Stdout + "\n" + result.Stderr, result);
    }

    private static TempDir Setup()
    {
        var dir = new TempDir();
        dir.Write("rules/SEC900.yaml", SecretRuleYaml);
        dir.Write("rules/SEC903.yaml", EveryLineRuleYaml);
        foreach (string file in Directory.EnumerateFiles(Fixtures, "*.cfg"))
        {
            dir.Write("configs/" + Path.GetFileName(file), File.ReadAllBytes(file));
        }

        return dir;
    }

    [Fact]
    public void The_fixtures_hold_the_secrets()
    {
        string all = string.Concat(Directory.EnumerateFiles(Fixtures, "*.cfg").Select(File.ReadAllText));
        Assert.True(SecretValues.Count >= 75, "SECRETS.txt lists the fixtures' secret values");
        Assert.Equal(["asa-secrets.cfg", "ftd-secrets.cfg", "fwsm-secrets.cfg", "pix6-secrets.cfg"], Directory.EnumerateFiles(Fixtures, "*.cfg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(SecretValues, secret => Assert.Contains(secret, all, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("github")]
    [InlineData("junit")]
    [InlineData("html")]
    [InlineData("gitlab")]
    [InlineData("checkstyle")]
    [InlineData("markdown")]
    public void Lint_formats_show_no_secret(string format)
    {
        using var dir = Setup();
        var (output, result) = Run(dir, "lint", "configs", "--rules", "rules", "--format", format, "--max-unknown", "0");
        Assert.Equal(1, result.ExitCode);

        // The findings that quote a secret and sit among secret lines are in the report.
        Assert.Contains("SEC900", output, StringComparison.Ordinal);
        Assert.Contains("<redacted>", output.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("\\u003C", "<", StringComparison.Ordinal), StringComparison.Ordinal);
        AssertNoSecrets($"lint --format {format}", output);
    }

    [Theory]
    [InlineData("tree")]
    [InlineData("json")]
    public void Parse_shows_no_secret(string format)
    {
        using var dir = Setup();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(dir.Path, "configs")))
        {
            var (output, result) = Run(dir, "parse", file, "--format", format);
            Assert.Equal(0, result.ExitCode);
            AssertNoSecrets($"parse --format {format} {Path.GetFileName(file)}", output);
        }
    }

    [Theory]
    [InlineData("commands")]
    [InlineData("diff")]
    public void Fix_outputs_show_no_secret(string format)
    {
        using var dir = Setup();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(dir.Path, "configs")).Order(StringComparer.Ordinal))
        {
            var (output, result) = Run(dir, "fix", file, "--format", format);
            Assert.Equal(0, result.ExitCode);
            Assert.NotEmpty(result.StdoutBytes);
            AssertNoSecrets($"fix --format {format} {Path.GetFileName(file)}", output);
        }
    }

    [Fact]
    public void Outputs_that_are_the_configuration_keep_the_secrets()
    {
        using var dir = Setup();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(dir.Path, "configs")))
        {
            byte[] original = File.ReadAllBytes(file);
            Assert.Equal(original, CliRunner.Run(["parse", file, "--format", "source"], dir.Path).StdoutBytes);
            string corrected = CliRunner.Run(["fix", file, "--format", "config"], dir.Path).Stdout;
            Assert.All(SecretValues.Where(v => Encoding.UTF8.GetString(original).Contains(v, StringComparison.Ordinal)), v => Assert.Contains(v, corrected, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Parse_diagnostics_quoting_a_secret_are_scrubbed()
    {
        // A malformed modelled line whose bad word is also the file's SNMP community: the syntax error quotes it.
        using var dir = new TempDir();
        dir.Write("fw.cfg", "PIX Version 6.3(5)\nhostname fw\nsnmp-server community Sekr1tQuoted92\nfixup protocol smtp Sekr1tQuoted92\n");
        var shown = CliRunner.Run(["lint", "fw.cfg", "-f", "json", "--show-secrets"], dir.Path);
        Assert.Contains("'Sekr1tQuoted92'", shown.Stdout, StringComparison.Ordinal);
        foreach (string format in PixLint.Cli.Commands.LintCommand.Formatters.Keys)
        {
            var result = CliRunner.Run(["lint", "fw.cfg", "-f", format, "--fail-on", "none"], dir.Path);
            Assert.DoesNotContain("Sekr1tQuoted92", result.Stdout + result.Stderr, StringComparison.Ordinal);
        }

        foreach (string format in new[] { "tree", "json" })
        {
            var parse = CliRunner.Run(["parse", "fw.cfg", "--format", format], dir.Path);
            Assert.DoesNotContain("Sekr1tQuoted92", parse.Stdout + parse.Stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void Diagnose_shows_no_smtp_credentials(string format)
    {
        // AUTH PLAIN (user and password in one base64 word) and AUTH LOGIN (one per line) as swaks prints them.
        string transcript = """
            === Trying mx.example.com:587...
            === Connected to mx.example.com.
            <-  220 mx.example.com ESMTP
             -> EHLO client.example.net
            <-  250-mx.example.com
            <-  250-AUTH LOGIN PLAIN
            <-  250 STARTTLS
             -> AUTH PLAIN AG1haWx1c2VyAFNla3IxdFNtdHBBdXRoOTA=
            <-  535 5.7.8 Authentication failed
             -> AUTH LOGIN
            <-  334 VXNlcm5hbWU6
             -> bWFpbHVzZXI=
            <-  334 UGFzc3dvcmQ6
             -> U2VrcjF0U210cExvZ2luOTE=
            <-  235 2.7.0 Authentication successful
             -> QUIT
            <-  221 2.0.0 Bye
            """;
        var result = CliRunner.Run(["diagnose", "-", "--format", format], stdin: Encoding.UTF8.GetBytes(transcript));
        string output = result.Stdout + result.Stderr;
        Assert.Contains("starttls-offered", output, StringComparison.Ordinal);
        if (format == "json")
        {
            Assert.Contains("AUTH PLAIN <redacted>", output, StringComparison.Ordinal);
        }

        foreach (string secret in new[] { "AG1haWx1c2VyAFNla3IxdFNtdHBBdXRoOTA=", "U2VrcjF0U210cExvZ2luOTE=", "Sekr1t" })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_baseline_shows_no_secret()
    {
        using var dir = Setup();
        var (output, result) = Run(dir, "lint", "configs", "--rules", "rules", "--write-baseline", "baseline.json");
        Assert.Equal(0, result.ExitCode);
        string baseline = File.ReadAllText(Path.Combine(dir.Path, "baseline.json"));
        Assert.Contains("SEC903", baseline, StringComparison.Ordinal);
        AssertNoSecrets("the baseline", baseline);
        AssertNoSecrets("lint --write-baseline", output);
    }

    [Fact]
    public void Messages_quoting_a_secret_are_scrubbed()
    {
        using var dir = Setup();
        var (output, _) = Run(dir, "lint", "configs/asa-secrets.cfg", "--rules", "rules", "--select", "SEC900");
        Assert.Contains("`snmp-server community <redacted>` sets the read community <redacted>", output, StringComparison.Ordinal);
        AssertNoSecrets("lint", output);
    }

    [Fact]
    public void Show_secrets_opts_out()
    {
        using var dir = Setup();
        var (lint, _) = Run(dir, "lint", "configs", "--rules", "rules", "--format", "html", "--show-secrets");
        Assert.Contains("sets the read community Sekr1tCommunity17", lint, StringComparison.Ordinal);
        string trees = string.Concat(Directory.EnumerateFiles(Path.Combine(dir.Path, "configs")).Select(f => Run(dir, "parse", f, "--show-secrets").Output));
        Assert.All(SecretValues, secret => Assert.Contains(secret, trees, StringComparison.Ordinal));
    }

    [Fact]
    public void Standard_error_shows_no_secret()
    {
        using var dir = Setup();

        // Errors name files and rules; a rule that fails while running must not quote the line either.
        dir.Write("bad-rules/SEC901.yaml", SecretRuleYaml.Replace("SEC900", "SEC901", StringComparison.Ordinal).Replace("severity: warning", "severity: fatal", StringComparison.Ordinal));
        var (badRule, result) = Run(dir, "lint", "configs", "--rules", "bad-rules");
        Assert.Equal(2, result.ExitCode);
        AssertNoSecrets("an invalid rule's error", badRule);

        // A regular expression that times out names the words it ran on.
        dir.Write("slow/SEC902.yaml", SecretRuleYaml.Replace("SEC900", "SEC902", StringComparison.Ordinal)
            .Replace("  pattern: \"snmp-server community {community}\"", "  pattern: \"snmp-server community {community}\"\n  where:\n    community: { matches: \"^(?=(a+)+$)\" }", StringComparison.Ordinal));
        dir.Write("slow.cfg", "ASA Version 9.8(4)\nsnmp-server community aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaSekr1t!\n");
        var (shown, _) = Run(dir, "lint", "slow.cfg", "--rules", "slow", "--no-default-rules", "--show-secrets");
        Assert.Contains("Sekr1t", shown, StringComparison.Ordinal);
        var (timeout, slow) = Run(dir, "lint", "slow.cfg", "--rules", "slow", "--no-default-rules");
        Assert.Equal(2, slow.ExitCode);
        Assert.Contains("rule SEC902: the regular expression", timeout, StringComparison.Ordinal);
        AssertNoSecrets("a rule's regular expression timeout", timeout);

        var (missing, _) = Run(dir, "lint", "configs", "no-such-file.cfg");
        AssertNoSecrets("lint with a missing file", missing);
        var (stdin, _) = Run(dir, "lint", "-", "-f", "github");
        AssertNoSecrets("lint of empty standard input", stdin);
    }

    [Fact]
    public void Redactor_covers_each_kind_of_secret()
    {
        // One line per kind: the secret word must be replaced, and the words around it kept.
        (string Line, string Secret)[] cases =
        [
            ("enable password 8Ry2YjIyt7RRXU24 encrypted", "8Ry2YjIyt7RRXU24"),
            ("username admin password $sha512$5000$abc==$def== pbkdf2 privilege 15", "$sha512$5000$abc==$def=="),
            ("aaa-server TACACS+ (inside) host 192.0.2.5 tacKey1 timeout 10", "tacKey1"),
            (" rip authentication key ripKey1 key_id 2", "ripKey1"),
            (" authentication key eigrp 100 eigrpKey1 key-id 1", "eigrpKey1"),
            (" ipv6 ospf 1 authentication ipsec spi 500 md5 0 abcdef0123", "abcdef0123"),
            ("crypto map M 20 set session-key inbound esp 300 cipher c1c1c1c1 authenticator a2a2a2a2", "c1c1c1c1"),
            ("crypto map M 20 set session-key inbound esp 300 cipher c1c1c1c1 authenticator a2a2a2a2", "a2a2a2a2"),
            ("snmp-server user u g v3 encrypted auth sha 6d:5e:aa priv aes 128 7f:01:bb", "7f:01:bb"),
            (" ssh authentication publickey AAAAB3NzaC1yc2EAAAADAQAB hashed", "AAAAB3NzaC1yc2EAAAADAQAB"),
            (" license 0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"),
            ("vpngroup remote password groupKey1", "groupKey1"),

            // Issue 19: ids of any length, optional encryption types, the grammar's own secret argument.
            ("ntp authentication-key 10 md5 ntpKey10", "ntpKey10"),
            ("ntp authentication-key 65535 sha256 ntpKey65535", "ntpKey65535"),
            (" ospf message-digest-key 10 md5 ospfKey10", "ospfKey10"),
            (" ospf message-digest-key 255 md5 8 ospfKey255", "ospfKey255"),
            (" ospf authentication-key 8 ospfPlain8", "ospfPlain8"),
            (" area 0 virtual-link 192.0.2.3 message-digest-key 12 md5 vlinkKey12", "vlinkKey12"),
            (" authentication key eigrp 100 0 eigrpKey0 key-id 2", "eigrpKey0"),
            (" authentication key eigrp 100 8 eigrpKey8 key-id 2", "eigrpKey8"),
            (" isis authentication key 0 isisKey level-2", "isisKey"),
            (" authentication key isisRouterKey level-1", "isisRouterKey"),
            (" area-password 8 areaPass authenticate snp validate", "areaPass"),
            (" domain-password domainPass", "domainPass"),
            (" authentication sha-1 bfdKey key-id 1", "bfdKey"),
            (" authentication meticulous-md5 0 bfdKey0 key-id 1", "bfdKey0"),
            (" web update-url https://user:ddnsPass@members.example.com/nic/update?h=<h>", "ddnsPass"),
            ("copy /noconfirm ftp://backup:ftpPass@192.0.2.10/fw.cfg disk0:/fw.cfg", "ftpPass"),
            ("key config-key password-encryption masterNew masterOld", "masterNew"),
            ("key config-key password-encryption masterNew masterOld", "masterOld"),
            ("! Running Permanent Activation Key: 0x0123abcd 0x4567ef01 0x89ab2345 0xcdef6789 0x0a1b2c3d", "0x4567ef01"),
            ("activation-key 0x0123abcd 0x4567ef01 0x89ab2345 0xcdef6789 0x0a1b2c3d", "0x0a1b2c3d"),
        ];
        foreach (var (line, secret) in cases)
        {
            string redacted = Output.SecretRedactor.RedactLine(line);
            Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
            Assert.Contains(Output.SecretRedactor.Marker, redacted, StringComparison.Ordinal);
        }

        // Not secrets: key generation, key exchange, a hostname, an access list.
        Assert.Equal(" web update-url https://user:<redacted>@members.example.com/nic/update", Output.SecretRedactor.RedactLine(" web update-url https://user:secret@members.example.com/nic/update"));
        Assert.Equal("ntp authentication-key 10 md5 <redacted>", Output.SecretRedactor.RedactLine("ntp authentication-key 10 md5 ntpKey10"));
        Assert.Equal(" authentication key eigrp 100 0 <redacted> key-id 2", Output.SecretRedactor.RedactLine(" authentication key eigrp 100 0 k key-id 2"));
        foreach (string line in new[] { "crypto key generate rsa modulus 2048", "http://www.example.com/", " area 0 authentication message-digest", "bfd-template single-hop B", "ssh key-exchange group dh-group14-sha256", "hostname fw-edge", "access-list OUT extended permit tcp any any eq smtp", "license smart", " feature tier standard" })
        {
            Assert.Equal(line, Output.SecretRedactor.RedactLine(line));
        }
    }

    [Fact]
    public void Secret_values_scrub_whole_words_only()
    {
        var tree = Syntax.ConfigParser.Parse(PixLint.Text.SourceText.From("x.cfg", Encoding.UTF8.GetBytes("ASA Version 9.8(4)\nsnmp-server community mail\nntp server 192.0.2.9 key 1\n")));
        var values = Output.SecretValues.Collect(tree);
        Assert.Equal("community <redacted>, mailbox, `<redacted>`, key 1", values.Scrub("community mail, mailbox, `mail`, key 1"));

        // A long secret quoted cut short, as error messages do.
        var longSecret = Syntax.ConfigParser.Parse(PixLint.Text.SourceText.From("x.cfg", Encoding.UTF8.GetBytes("snmp-server community abcdefghijklmnopqrstuvwxyz0123456789\n")));
        Assert.Equal("took too long on '<redacted>...'", Output.SecretValues.Collect(longSecret).Scrub("took too long on 'abcdefghijklmnopqrst...'"));
    }
}
