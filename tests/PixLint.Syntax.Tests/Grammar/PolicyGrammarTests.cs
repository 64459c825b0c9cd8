using PixLint.Model;
using PixLint.Syntax.Commands;
using static PixLint.Tests.ParseHelper;

namespace PixLint.Tests.Grammar;

public class PolicyGrammarTests
{
    private const string ClassMap = "class-map C";
    private const string PolicyMap = "policy-map global_policy";
    private const string Class = " class inspection_default";
    private const string InspectMap = "policy-map type inspect esmtp M";
    private const string Parameters = " parameters";

    [Theory]
    [InlineData("class-map inspection_default", null, null, "inspection_default")]
    [InlineData("class-map type inspect esmtp match-all SMTP_VERBS", "inspect esmtp", "match-all", "SMTP_VERBS")]
    [InlineData("class-map type regex match-any BAD_SENDERS", "regex", "match-any", "BAD_SENDERS")]
    public void Class_maps(string line, string? type, string? mode, string name)
    {
        var c = Parsed<ClassMapCommand>(line);
        Assert.Equal((type, mode, name), (c.Type, c.MatchMode, c.Name));
    }

    [Theory]
    [InlineData(" match port tcp eq 587", "tcp", 587, 587)]
    [InlineData(" match port tcp eq smtp", "tcp", 25, 25)]
    [InlineData(" match port tcp range 2025 2030", "tcp", 2025, 2030)]
    [InlineData(" match port udp eq 53", "udp", 53, 53)]
    public void Match_port(string line, string transport, int low, int high)
    {
        var m = Parsed<MatchPortCommand>(line, ClassMap);
        Assert.Equal((transport, new PortRange(low, high)), (m.Transport, m.Ports));
    }

    [Fact]
    public void Other_class_map_criteria()
    {
        Parsed<MatchDefaultInspectionTrafficCommand>(" match default-inspection-traffic", ClassMap);
        Assert.Equal("MAIL_ACL", Parsed<MatchAccessListCommand>(" match access-list MAIL_ACL", ClassMap).AccessList);
        Parsed<MatchAnyCommand>(" match any", ClassMap);
        Assert.Equal(["flow", "ip", "destination-address"], Parsed<MatchOtherCommand>(" match flow ip destination-address", ClassMap).Words);
    }

    [Theory]
    [InlineData(" match port tcp eq mail", "unexpected 'mail', expected port number or name", 20)]
    [InlineData(" match port icmp eq 25", "unexpected 'icmp', expected 'tcp' or 'udp'", 13)]
    [InlineData(" match port tcp 25", "unexpected '25', expected 'eq' or 'range'", 17)]
    [InlineData(" match port tcp range 25", "unexpected end of line, expected port number or name", 25)]
    [InlineData(" match access-list A B", "unexpected 'B', expected end of line", 22)]
    public void Malformed_class_map_criteria(string line, string message, int column) => Rejected(line, message, column, ClassMap);

    [Theory]
    [InlineData("policy-map global_policy", null, null, "global_policy")]
    [InlineData("policy-map type inspect esmtp ESMTP_TLS", "inspect", "esmtp", "ESMTP_TLS")]
    [InlineData("policy-map type inspect dns preset_dns_map", "inspect", "dns", "preset_dns_map")]
    public void Policy_maps(string line, string? type, string? protocol, string name)
    {
        var p = Parsed<PolicyMapCommand>(line);
        Assert.Equal((type, protocol, name), (p.Type, p.Protocol, p.Name));
    }

    [Theory]
    [InlineData("  inspect esmtp ", "esmtp", null)]
    [InlineData("  inspect esmtp ESMTP_TLS", "esmtp", "ESMTP_TLS")]
    [InlineData("  inspect smtp", "smtp", null)]
    [InlineData("  inspect dns preset_dns_map ", "dns", "preset_dns_map")]
    [InlineData("  inspect h323 h225 ", "h323", null)]
    [InlineData("  inspect h323 ras H323_MAP", "h323", "H323_MAP")]
    [InlineData("  inspect ftp strict FTP_MAP", "ftp", "FTP_MAP")]
    [InlineData("  inspect icmp error", "icmp", null)]
    public void Inspect_lines(string line, string protocol, string? map)
    {
        var inspect = Parsed<InspectCommand>(line, PolicyMap, Class);
        Assert.Equal((protocol, map), (inspect.Protocol, inspect.MapName));
    }

    [Fact]
    public void No_inspect_is_negated() =>
        Assert.True(Parsed<InspectCommand>("  no inspect esmtp", PolicyMap, Class).Negated);

    [Fact]
    public void Inspect_esmtp_takes_one_map_name() =>
        Rejected("  inspect esmtp A B", "unexpected 'B', expected end of line", 19, PolicyMap, Class);

    [Fact]
    public void Inspect_without_protocol_is_rejected() =>
        Rejected("  inspect", "unexpected end of line, expected 'esmtp' or 'smtp' or inspected protocol", 10, PolicyMap, Class);

    [Theory]
    [InlineData("  mask-banner", "mask-banner", new string[0], false)]
    [InlineData("  no mask-banner", "mask-banner", new string[0], true)]
    [InlineData("  allow-tls", "allow-tls", new string[0], false)]
    [InlineData("  allow-tls action log", "allow-tls", new[] { "action", "log" }, false)]
    [InlineData("  no allow-tls", "allow-tls", new string[0], true)]
    [InlineData("  mail-relay example.com action drop-connection", "mail-relay", new[] { "example.com", "action", "drop-connection" }, false)]
    [InlineData("  no mail-relay", "mail-relay", new string[0], true)]
    [InlineData("  special-character action log", "special-character", new[] { "action", "log" }, false)]
    [InlineData("  message-length maximum 512", "message-length", new[] { "maximum", "512" }, false)]
    public void Inspect_map_parameters(string line, string name, string[] args, bool negated)
    {
        var p = Parsed<InspectParameterCommand>(line, InspectMap, Parameters);
        Assert.Equal((name, negated), (p.Name, p.Negated));
        Assert.Equal(args, p.Arguments);
    }

    [Theory]
    [InlineData("  allow-tls action drop", "unexpected 'drop', expected 'log'", 20)]
    [InlineData("  allow-tls log", "unexpected 'log', expected 'action' or end of line", 13)]
    [InlineData("  mask-banner now", "unexpected 'now', expected end of line", 15)]
    [InlineData("  mail-relay example.com", "unexpected end of line, expected 'action'", 25)]
    public void Malformed_parameters(string line, string message, int column) => Rejected(line, message, column, InspectMap, Parameters);

    [Theory]
    [InlineData(" match cmd verb STARTTLS", false, new[] { "cmd", "verb", "STARTTLS" })]
    [InlineData(" match not cmd verb HELO EHLO MAIL RCPT DATA QUIT", true, new[] { "cmd", "verb", "HELO", "EHLO", "MAIL", "RCPT", "DATA", "QUIT" })]
    [InlineData(" match ehlo-reply-parameter others", false, new[] { "ehlo-reply-parameter", "others" })]
    [InlineData(" match MIME filename length gt 255", false, new[] { "MIME", "filename", "length", "gt", "255" })]
    public void Inspect_map_matches(string line, bool not, string[] words)
    {
        var m = Parsed<InspectMatchCommand>(line, InspectMap);
        Assert.Equal(not, m.Not);
        Assert.Equal(words, m.Words);
    }

    [Fact]
    public void Verb_matches_know_their_verbs()
    {
        var m = Parsed<InspectMatchCommand>(" match not cmd verb HELO EHLO", InspectMap);
        Assert.True(m.IsCommandVerb);
        Assert.Equal(["HELO", "EHLO"], m.Verbs);
        Assert.Equal("cmd verb", m.Criterion);
        Assert.Equal("cmd line length", Parsed<InspectMatchCommand>(" match cmd line length gt 512", InspectMap).Criterion);
    }

    [Theory]
    [InlineData("  mask", "mask", new string[0])]
    [InlineData("  mask log", "mask", new[] { "log" })]
    [InlineData("  drop-connection log", "drop-connection", new[] { "log" })]
    [InlineData("  reset", "reset", new string[0])]
    [InlineData("  log", "log", new string[0])]
    [InlineData("  drop send-protocol-error log", "drop", new[] { "send-protocol-error", "log" })]
    [InlineData("  rate-limit 100", "rate-limit", new[] { "100" })]
    public void Match_actions(string line, string action, string[] args)
    {
        var a = Parsed<InspectActionCommand>(line, InspectMap, " match cmd verb STARTTLS");
        Assert.Equal(action, a.Action);
        Assert.Equal(args, a.Arguments);
    }

    [Theory]
    [InlineData("  drop-connection now", "unexpected 'now', expected 'log' or end of line", 19)]
    [InlineData("  rate-limit fast", "unexpected 'fast', expected number", 14)]
    [InlineData("  block", "unexpected 'block', expected 'mask' or 'drop-connection' or 'reset' or 'log' or 'drop' or 'rate-limit'", 3)]
    public void Malformed_actions(string line, string message, int column) => Rejected(line, message, column, InspectMap, " match cmd verb STARTTLS");

    [Theory]
    [InlineData("service-policy global_policy global", "global_policy", true, null)]
    [InlineData("service-policy OUTSIDE_POLICY interface outside", "OUTSIDE_POLICY", false, "outside")]
    public void Service_policies(string line, string policy, bool global, string? iface)
    {
        var s = Parsed<ServicePolicyCommand>(line);
        Assert.Equal((policy, global, iface), (s.PolicyMap, s.Global, s.Interface));
    }

    [Theory]
    [InlineData("service-policy global_policy", "unexpected end of line, expected 'global' or 'interface'", 29)]
    [InlineData("service-policy P interface", "unexpected end of line, expected interface name", 27)]
    [InlineData("service-policy P global now", "unexpected 'now', expected end of line", 25)]
    public void Malformed_service_policies(string line, string message, int column) => Rejected(line, message, column);
}
