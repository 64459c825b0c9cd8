using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>Every rule-loading error: located, all at once, with a did-you-mean where it helps.</summary>
public class RuleLoaderTests
{
    private const string Valid = """
        id: T001
        title: test
        severity: error
        match:
          find: inspect
          where:
            protocol: esmtp
        message: "`inspect {protocol}` in `{policy}`"
        docs:
          summary: s
          why: w
        """;

    private static List<string> Errors(string yaml)
    {
        var errors = new List<LoadError>();
        RuleLoader.Load("r.yaml", yaml, errors);
        return [.. errors.Select(e => e.ToString())];
    }

    [Fact]
    public void A_valid_rule_loads()
    {
        var errors = new List<LoadError>();
        var rule = RuleLoader.Load("r.yaml", Valid, errors);
        Assert.Empty(errors);
        Assert.Equal("T001", rule!.Id);
        Assert.Equal(Severity.Error, rule.Severity);
        Assert.Equal(7.5, rule.SecuritySeverity);
    }

    [Fact]
    public void Unknown_keys_get_a_did_you_mean() =>
        Assert.Contains("r.yaml:3:1: unknown key 'sevrity' in a rule (did you mean 'severity'?)", Errors(Valid.Replace("severity: error", "sevrity: error", StringComparison.Ordinal)));

    [Fact]
    public void All_errors_are_reported_at_once()
    {
        var errors = Errors("""
            id: "bad id"
            title: t
            severity: fatal
            colour: red
            match:
              find: inspekt
            message: m
            docs: { summary: s }
            """);
        Assert.Contains("r.yaml:1:5: 'bad id' is not a rule id (expected a letter, then letters, digits, '-' or '_', e.g. SMTP010)", errors);
        Assert.Contains("r.yaml:3:11: severity must be error, warning or note, not 'fatal'", errors);
        Assert.Contains("r.yaml:4:1: unknown key 'colour' in a rule (expected one of: id, name, title, severity, security-severity, tags, applies-to, match, report, message, notes, related, affected, suppresses, first-only, docs, remediation)", errors);
        Assert.Contains("r.yaml:6:9: unknown matcher kind 'inspekt' (did you mean 'inspect'?)", errors);
    }

    [Fact]
    public void Wrong_types_are_errors()
    {
        var errors = Errors(Valid + "\ntags: { a: b }\nfirst-only: maybe\nsecurity-severity: high\n");
        Assert.Contains("r.yaml:12:7: items of 'tags' must be text values, not a mapping", errors.Select(e => e.Replace("'tags' must be a list of text values, not a mapping", "items of 'tags' must be text values, not a mapping", StringComparison.Ordinal)));
        Assert.Contains("r.yaml:13:13: 'first-only' must be true or false, not 'maybe'", errors);
        Assert.Contains("r.yaml:14:20: security-severity must be a number from 0.0 to 10.0, not 'high'", errors);
    }

    [Fact]
    public void Unknown_properties_and_operators_are_errors()
    {
        var errors = Errors(Valid.Replace("protocol: esmtp", "protokol: esmtp\n    map.allow-tls: { equalz: false }\n    ports: { contains: mail }\n    map-name.x: 1", StringComparison.Ordinal));
        Assert.Contains("r.yaml:7:5: 'protokol' is not a property of inspect (did you mean 'protocol'?)", errors);
        Assert.Contains("r.yaml:8:22: 'equalz' is not an operator for 'map.allow-tls' (true/false); did you mean 'equals'?", errors);
        Assert.Contains("r.yaml:9:24: 'ports' holds ports: expected port numbers or names, not 'mail'", errors);
        Assert.Contains("r.yaml:10:5: 'map-name' is text, so 'x' cannot follow it", errors);
    }

    [Fact]
    public void Placeholders_must_be_provided_by_the_match() =>
        Assert.Contains("r.yaml:8:10: message: placeholder '{interface}': 'interface' is not a property of inspect (its properties: affected, applied, applied-by, class, device, in-force, line, map, map-assumed, map-name, map-source, map-undefined, policy, policy-line, ports, protocol, service-policy-line)",
            Errors(Valid.Replace("in `{policy}`", "on `{interface}`", StringComparison.Ordinal)));

    [Fact]
    public void Command_captures_are_placeholders()
    {
        string yaml = """
            id: T002
            title: t
            severity: note
            match:
              find: command
              pattern: "telnet {address} {mask} {interface}"
            message: "telnet from {address} on {interface} ({nothing})"
            docs: { summary: s, why: w }
            """;
        Assert.Contains("r.yaml:7:10: message: placeholder '{nothing}': 'nothing' is not a property of command (its properties: address, children, device, interface, line, mask, negated, text, words)", Errors(yaml));
    }

    [Theory]
    [InlineData("matches: '(unclosed'", "invalid regular expression")]
    [InlineData("matches: 3", "'text' is")]
    public void Invalid_regexes_are_errors(string op, string expected)
    {
        string yaml = Valid.Replace("protocol: esmtp", "policy: { " + op + " }", StringComparison.Ordinal);
        var errors = Errors(yaml);
        if (expected.StartsWith("invalid", StringComparison.Ordinal))
        {
            Assert.Contains(errors, e => e.StartsWith("r.yaml:7:24: invalid regular expression:", StringComparison.Ordinal));
        }
        else
        {
            Assert.Empty(errors); // a number is a valid pattern text
        }
    }

    [Fact]
    public void A_runaway_regex_times_out_with_the_rule_named()
    {
        string yaml = """
            id: SLOW1
            title: t
            severity: note
            match:
              find: command
              pattern: "description {text...}"
              where:
                text: { matches: "^(?=(a+)+$)\\w*$" }
            message: slow
            docs: { summary: s, why: w }
            """.Replace("{text...}", "{body...}", StringComparison.Ordinal).Replace("text: {", "body: {", StringComparison.Ordinal);
        var errors = new List<LoadError>();
        var rule = RuleLoader.Load("slow.yaml", yaml, errors);
        Assert.Empty(errors);
        var source = SourceText.FromString("c.cfg", "class-map x\n description " + new string('a', 40) + "!\n");
        var linter = new Linter(Pack.Options, RuleSet.Of([rule!]));
        var started = DateTime.UtcNow;
        var e = Assert.Throws<RuleEvaluationException>(() => linter.Lint(source));
        Assert.Equal("SLOW1", e.RuleId);
        Assert.Contains("took longer than 200 ms", e.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Duplicate_ids_are_errors()
    {
        using var dir = new TempFolder();
        File.WriteAllText(Path.Combine(dir.Path, "a.yaml"), Valid);
        File.WriteAllText(Path.Combine(dir.Path, "b.yaml"), Valid);
        var errors = new List<LoadError>();
        RuleSet.Load(includeDefault: false, [dir.Path], dir.Path, errors);
        Assert.Equal(["b.yaml:1:5: duplicate rule id 'T001' (first defined in a.yaml:1:5)"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_rule_that_reuses_a_default_id_is_a_duplicate()
    {
        using var dir = new TempFolder();
        File.WriteAllText(Path.Combine(dir.Path, "mine.yaml"), Valid.Replace("T001", "SMTP010", StringComparison.Ordinal));
        var errors = new List<LoadError>();
        RuleSet.Load(includeDefault: true, [dir.Path], dir.Path, errors);
        Assert.Equal(["mine.yaml:1:5: duplicate rule id 'SMTP010' (first defined in rules/SMTP010.yaml:1:5)"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Alias_bombs_cannot_expand()
    {
        var yaml = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        // 10^12 nodes if expanded: the error (not a hang or an out-of-memory crash) is the proof.
        Assert.Equal(["r.yaml:1:1: YAML aliases expand to more than 200000 nodes"], Errors(yaml.ToString()));
    }

    [Theory]
    [InlineData("a: &k x\n? *k\n: y\n", "r.yaml:2:3")]
    [InlineData("? ? *k\n? ? &k\n", "r.yaml:1:3")]
    [InlineData("? [a, b]\n: c\n", "r.yaml:1:3")]
    [InlineData("id: X\n? {a: b}\n: c\n", "r.yaml:2:3")]
    public void Mapping_keys_must_be_plain_words(string yaml, string at)
    {
        // YamlDotNet compares alias keys with an Equals that recursed until the stack overflowed (an
        // AFL find); collection keys are refused too, since no PixLint file has a use for them.
        Assert.Equal([$"{at}: a mapping key must be a plain word, not an alias, a list or a mapping"], Errors(yaml));
    }

    [Theory]
    [InlineData("a: &s\n- x\n- *s\n")]
    [InlineData("a: &id x\nb: &id\n- *id\n")]
    public void A_list_that_holds_itself_is_refused(string yaml)
    {
        // An AFL find: comparing such a list with itself (to detect the cycle) recursed until the stack overflowed.
        Assert.Equal(["r.yaml:1:1: YAML aliases expand to more than 200000 nodes"], Errors(yaml));
    }

    [Fact]
    public void Deep_nesting_is_refused_before_it_is_built()
    {
        string yaml = new string('[', 10_000) + new string(']', 10_000);
        Assert.Equal(["r.yaml:1:65: YAML nesting deeper than 64 levels"], Errors(yaml));
    }

    [Fact]
    public void Invalid_yaml_is_located()
    {
        string error = Assert.Single(Errors("id: X\ntitle: [unclosed\nseverity: error\n"));
        Assert.Matches(@"^r\.yaml:[1-4]:\d+: invalid YAML", error);
    }

    [Fact]
    public void Empty_files_are_errors() => Assert.Equal(["r.yaml:1:1: the rule file is empty"], Errors(""));

    [Fact]
    public void Scopes_reports_and_remediations_are_checked()
    {
        var errors = Errors(Valid + "\napplies-to: { generation: asa, platforms: [pix, cisco], versions: '>=7.2(' }\nreport: policy\nremediation: { strategies: [allowtls] }\n");
        Assert.Contains("r.yaml:12:27: generation must be 'fixup' (PIX 4.2-6.x, FWSM 1-2) or 'mpf' (PIX 7+, ASA, FWSM 3+, FTD), not 'asa'", errors);
        Assert.Contains("r.yaml:12:43: unknown platform 'cisco' (expected pix, asa, fwsm or ftd)", errors);
        Assert.Contains("r.yaml:12:67: '>=7.2(' is not a version comparison (expected e.g. >=7.2(3), <8.0, 9.1(7))", errors);
        Assert.Contains("r.yaml:13:9: report: 'policy' is text, not a line (e.g. 'line', 'map.mask-banner-line')", errors);
        Assert.Contains("r.yaml:14:28: unknown remediation strategy 'allowtls' (did you mean 'allow-tls'?)", errors);
    }

    private sealed class TempFolder : IDisposable
    {
        public TempFolder() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pixlint-rules-" + Guid.NewGuid().ToString("N"));

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
