using PixLint.Model;
using PixLint.Rules;
using PixLint.Syntax;
using PixLint.Text;

namespace PixLint.Tests;

/// <summary>Which mail hosts the model finds, fixture by fixture (tests/PixLint.Model.Tests/Exposure).</summary>
public class MailExposureTests
{
    private static ConfigModel Load(string name)
    {
        string path = Path.Combine(TestPaths.RepoRoot, "tests", "PixLint.Model.Tests", "Exposure", name);
        return ModelBuilder.Build(ConfigParser.Parse(SourceText.From(name, File.ReadAllBytes(path))), new ModelOptions(DefaultsLoader.Default));
    }

    private static string[] Hosts(ConfigModel model, PortSet? ports = null) =>
        [.. model.Mail.For(ports ?? MailExposureAnalyzer.MailPorts).Select(h => $"{h.DirectionName} {h.Interface}: {h.Describe()} via line {h.AccessLine + 1}{(h.NatLine is int n ? $", nat line {n + 1}" : string.Empty)}")];

    [Fact]
    public void Pix6_static_with_access_lists_and_names()
    {
        Assert.Equal(
            [
                "inbound outside: mail to 203.0.113.25:25 (mx-inside, 192.0.2.25, inside) via line 12, nat line 17",
                "inbound outside: mail to 203.0.113.26:25 (mx-dmz, 198.51.100.26, dmz) via line 13, nat line 18",
                "outbound inside: mail from mx-inside, 192.0.2.25, inside (seen as 203.0.113.25) to port 25 via line 15, nat line 17",
                "outbound inside: mail from 192.0.2.0/24 to port 25 via line 16",
                "outbound inside: mail from 192.0.2.0/24 to port 465 via line 16",
                "outbound inside: mail from 192.0.2.0/24 to port 587 via line 16",
            ],
            Hosts(Load("pix6-static-acl.cfg")));
        Assert.EndsWith("(in on inside), all ports", Load("pix6-static-acl.cfg").Mail.For(MailExposureAnalyzer.MailPorts)[3].Via, StringComparison.Ordinal);
    }

    [Fact]
    public void Pix_conduits_with_static()
    {
        Assert.Equal(["inbound outside: mail to 203.0.113.30:25 (192.0.2.30, inside) via line 7, nat line 6"], Hosts(Load("pix5-conduit.cfg")));
    }

    [Fact]
    public void Asa82_port_static_to_the_interface_address()
    {
        Assert.Equal(["inbound outside: mail to interface outside, port 25 (192.0.2.25, inside) via line 12, nat line 14"], Hosts(Load("asa82-interface-static.cfg")));
    }

    [Fact]
    public void Asa83_object_nat_twice_nat_and_port_ranges()
    {
        Assert.Equal(
            [
                "inbound outside: mail to 203.0.113.25:25 (object mx1, 192.0.2.25, inside) via line 26, nat line 15",
                "inbound outside: mail to 203.0.113.26:25 (object mx2, 198.51.100.25, dmz) via line 27, nat line 18",
                "inbound outside: mail to object relay-public, 203.0.113.40, port 25 (192.0.2.40, inside) via line 28, nat line 25",
                "outbound outside: mail from object mx2, 198.51.100.25, dmz (seen as 203.0.113.26) to port 25 via line 30, nat line 18",
                "inbound outside: mail to 192.0.2.40:587 via line 29", // no NAT: after the published servers
            ],
            Hosts(Load("asa84-object-nat.cfg")));
    }

    [Fact]
    public void Nested_groups_service_groups_any_destinations_and_a_global_access_group()
    {
        var model = Load("asa9-groups-global.cfg");
        Assert.Equal(
            [
                "inbound global: mail to object mx-a, 192.0.2.25 in object-group MAIL_CORE, port 25 via line 30",
                "inbound global: mail to 192.0.2.27 in object-group MAIL_CORE, port 25 via line 30",
                "inbound global: mail to object mx-b, 192.0.2.26 in object-group MAIL_DMZ, port 25 via line 30",
                "inbound global: mail to object mx-c, 192.0.2.128/28 in object-group MAIL_ALL, port 25 via line 30",
                "inbound global: mail to object mx-a, 192.0.2.25 in object-group MAIL_CORE, port 587 via line 30",
                "inbound global: mail to 192.0.2.27 in object-group MAIL_CORE, port 587 via line 30",
                "inbound global: mail to object mx-b, 192.0.2.26 in object-group MAIL_DMZ, port 587 via line 30",
                "inbound global: mail to object mx-c, 192.0.2.128/28 in object-group MAIL_ALL, port 587 via line 30",
                "inbound global: mail to any host on port 465 via line 31",
            ],
            Hosts(model));

        // A 465 class sees only the 465 rule; an unbound access list never counts.
        Assert.Equal(["inbound global: mail to any host on port 465 via line 31"], Hosts(model, PortSet.Of([PortRange.Single(465)])));
        Assert.DoesNotContain(Hosts(model), h => h.Contains("192.0.2.99", StringComparison.Ordinal));
    }

    [Fact]
    public void Findings_carry_the_hosts_their_class_matches()
    {
        var errors = new List<LoadError>();
        var rules = RuleSet.Load(true, [], TestPaths.RepoRoot, errors);
        var model = Load("asa84-object-nat.cfg");
        var findings = RuleEngine.Run(model, rules.Rules).Where(f => f.RuleId == "SMTP010").ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal(["25", "25", "25", "25"], findings[0].Affected!.Select(h => h.Ports.ToString()));
        Assert.Equal(["587"], findings[1].Affected!.Select(h => h.Ports.ToString()));
        Assert.Contains("affected: mail to 192.0.2.40:587", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains(findings[0].Related, r => r.Message.StartsWith("permits mail to 203.0.113.25:25", StringComparison.Ordinal));
        Assert.Contains(findings[0].Related, r => r.Message == "translates 203.0.113.25 to object mx1, 192.0.2.25");
    }

    [Fact]
    public void An_interface_policy_sees_only_hosts_on_its_interfaces()
    {
        var model = ModelHelper.Build("""
            ASA Version 9.8(4)
            interface G0
             nameif outside
             security-level 0
            interface G1
             nameif inside
             security-level 100
            interface G2
             nameif partner
             security-level 10
            access-list OUT extended permit tcp any host 192.0.2.25 eq smtp
            access-list PARTNER extended permit tcp any host 192.0.2.26 eq smtp
            access-group OUT in interface outside
            access-group PARTNER in interface partner
            policy-map P
             class inspection_default
              inspect esmtp
            service-policy P interface partner
            """);
        var errors = new List<LoadError>();
        var finding = RuleEngine.Run(model, RuleSet.Load(true, [], TestPaths.RepoRoot, errors).Rules).Single(f => f.RuleId == "SMTP010");
        Assert.Equal(["mail to 192.0.2.26:25"], finding.Affected!.Select(h => h.Describe()));
    }

    [Fact]
    public void No_mail_rule_says_so()
    {
        var errors = new List<LoadError>();
        var model = ModelHelper.Build("ASA Version 9.8(4)\npolicy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n");
        var finding = RuleEngine.Run(model, RuleSet.Load(true, [], TestPaths.RepoRoot, errors).Rules).Single(f => f.RuleId == "SMTP010");
        Assert.Empty(finding.Affected!);
        Assert.EndsWith("affected: no access rule in this file permits SMTP, so it applies to any mail through this firewall", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ASA Version 9.1(7)\ninterface G0\n nameif wan\n security-level 0\ninterface G1\n nameif lan\n security-level 100\n", "wan")]
    [InlineData("PIX Version 6.3(5)\nnameif ethernet0 internet security0\nnameif ethernet1 inside security100\n", "internet")]
    [InlineData("ASA Version 9.1(7)\ninterface G0\n nameif outside\n", "outside")]
    [InlineData("ASA Version 9.1(7)\n", "outside")]
    public void The_outside_interface_is_the_least_trusted(string config, string outside) =>
        Assert.Equal(outside, ModelHelper.Build(config).Network.OutsideInterface);

    [Theory]
    [InlineData("192.0.2.25", null, "192.0.2.25")]
    [InlineData("192.0.2.0", "255.255.255.0", "192.0.2.0/24")]
    [InlineData("192.0.2.77", "255.255.255.240", "192.0.2.64/28")]
    [InlineData("0.0.0.0", "0.0.0.0", "any")]
    public void Address_ranges(string address, string? mask, string text) =>
        Assert.Equal(text, AddressRange.FromMask(address, mask)!.Value.ToString());

    [Theory]
    [InlineData(1_000)] // weighed line by line
    [InlineData(40_000)] // weighed in parallel chunks (more than 65,536 access-list lines)
    public void Rules_past_the_listed_hosts_are_counted_exactly(int blocks)
    {
        var hosts = ModelHelper.Build(ManyRules(blocks)).Mail.For(MailExposureAnalyzer.MailPorts);

        // A block lists four exposures (port 25 once, from two rules, and 25, 465, 587 for `permit ip`):
        // twenty-five blocks fill the list, and the two mail rules of every later block are counted.
        Assert.Equal(MailExposureAnalyzer.MaxHosts, hosts.Count);
        Assert.Equal(75, hosts.Count(h => h.Via.EndsWith("all ports", StringComparison.Ordinal)));
        Assert.All(hosts.Where(h => !h.AllPorts), h => Assert.Equal(2, h.Count));
        Assert.Equal((2 * blocks) - 50, hosts.MoreRules);
    }

    [Fact]
    public void A_spent_time_budget_stops_the_weighing_on_every_thread()
    {
        var model = ModelHelper.Build(ManyRules(40_000));
        using var scope = TimeBudget.Enter(new TimeBudget(TimeSpan.Zero));
        Assert.Throws<TimeBudgetExceededException>(() => model.Mail.For(MailExposureAnalyzer.MailPorts));
    }

    private static string ManyRules(int blocks)
    {
        // Each block: one rule to port 25 on a host, one to a service group holding smtp, one to a
        // group without it, one above the mail ports, one `permit ip`, a deny and a rule of an
        // unbound list. Two of the seven name mail ports.
        var text = new System.Text.StringBuilder("""
            ASA Version 9.8(4)
            interface GigabitEthernet0/0
             nameif outside
             security-level 0
             ip address 203.0.113.1 255.255.255.0
            object-group service MAILISH tcp
             port-object eq smtp
             port-object eq 993
            object-group service WEBISH tcp
             port-object eq www
             port-object range 8000 8080

            """);
        for (int i = 0; i < blocks; i++)
        {
            string host = $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}";
            text.Append($"access-list in extended permit tcp any host {host} eq smtp\n")
                .Append($"access-list in extended permit tcp any host {host} object-group MAILISH\n")
                .Append($"access-list in extended permit tcp any host {host} object-group WEBISH\n")
                .Append($"access-list in extended permit tcp any host {host} gt 1023\n")
                .Append($"access-list in extended permit ip any host {host}\n")
                .Append($"access-list in extended deny tcp any host {host} eq smtp\n")
                .Append($"access-list unbound extended permit tcp any host {host} eq smtp\n");
        }

        text.Append("access-group in in interface outside\n");
        return text.ToString();
    }
}

/// <summary>Issue 15: flows leaving through an interface policy's interface, de-duplication, ranking.</summary>
public class MailExposureRankingTests
{
    private const string Interfaces = """
        ASA Version 9.8(4)
        interface G0
         nameif outside
         security-level 0
         ip address 203.0.113.1 255.255.255.0
        interface G1
         nameif inside
         security-level 100
         ip address 192.0.2.1 255.255.255.0

        """;

    private static Finding Smtp010(string config)
    {
        var errors = new List<LoadError>();
        return RuleEngine.Run(ModelHelper.Build(config), RuleSet.Load(true, [], TestPaths.RepoRoot, errors).Rules).Single(f => f.RuleId == "SMTP010");
    }

    private const string Policy = "policy-map global_policy\n class inspection_default\n  inspect esmtp\n";

    [Fact]
    public void An_outside_interface_policy_sees_mail_leaving_through_it()
    {
        const string Acl = "access-list inside_in extended permit ip any any\naccess-group inside_in in interface inside\n";
        var onOutside = Smtp010(Interfaces + Acl + Policy + "service-policy global_policy interface outside\n");
        var global = Smtp010(Interfaces + Acl + Policy + "service-policy global_policy global\n");
        Assert.NotEmpty(global.Affected!);
        Assert.Equal(global.Affected!.Select(h => h.Describe()), onOutside.Affected!.Select(h => h.Describe()));
        Assert.All(onOutside.Affected!, h => Assert.Equal(MailDirection.Outbound, h.Direction));
        Assert.DoesNotContain("no access rule", onOutside.Message, StringComparison.Ordinal);

        // A policy on the inner interface sees the same flow entering there.
        Assert.NotEmpty(Smtp010(Interfaces + Acl + Policy + "service-policy global_policy interface inside\n").Affected!);

        // Mail admitted on a third interface to a server on it does not cross the outside policy.
        var partner = Smtp010(Interfaces + "interface G2\n nameif partner\n security-level 10\n ip address 198.51.100.1 255.255.255.0\n"
            + "access-list PARTNER extended permit tcp any host 192.0.2.26 eq smtp\naccess-group PARTNER in interface partner\n"
            + Policy + "service-policy global_policy interface outside\n");
        Assert.Empty(partner.Affected!);
    }

    [Fact]
    public void Repeated_rules_for_the_same_host_are_listed_once_with_a_count()
    {
        var finding = Smtp010(Interfaces
            + "access-list OUT extended permit tcp any host 192.0.2.25 eq smtp\n"
            + "access-list OUT extended permit tcp any host 192.0.2.25 eq smtp\n"
            + "access-list OUT extended permit tcp any host 192.0.2.25 eq 25\n"
            + "access-list OUT extended permit tcp any host 192.0.2.26 eq smtp\n"
            + "access-group OUT in interface outside\n" + Policy + "service-policy global_policy global\n");
        Assert.Equal(["mail to 192.0.2.25:25 (3 access rules)", "mail to 192.0.2.26:25"], finding.Affected!.Select(h => h.Describe()));
        Assert.Equal(3, finding.Affected![0].Count);
        Assert.Equal(10, finding.Affected[0].AccessLine + 1); // the first rule's line
    }

    [Fact]
    public void Nat_published_servers_come_first_then_named_hosts_then_permit_any()
    {
        var finding = Smtp010(Interfaces
            + "object network mx\n host 192.0.2.25\n nat (inside,outside) static 203.0.113.25\n"
            + "access-list OUT extended permit tcp any any eq smtp\n"
            + "access-list OUT extended permit tcp any host 192.0.2.40 eq smtp\n"
            + "access-list OUT extended permit tcp any object mx eq smtp\n"
            + "access-group OUT in interface outside\n"
            + "access-list IN extended permit ip 192.0.2.0 255.255.255.0 any\n"
            + "access-group IN in interface inside\n"
            + Policy + "service-policy global_policy global\n");
        var ranked = finding.Affected!.Select(h => h.Describe()).ToList();
        Assert.StartsWith("mail to 203.0.113.25:25", ranked[0], StringComparison.Ordinal);
        Assert.Equal("mail to 192.0.2.40:25", ranked[1]);
        Assert.Equal("mail to any host on port 25", ranked[2]);
        Assert.All(ranked.Skip(3), h => Assert.StartsWith("mail from 192.0.2.0/24", h, StringComparison.Ordinal));
        Assert.Equal([0, 1, 2, 2], finding.Affected!.Select(h => h.Rank));

        // The one-line message names only the first two.
        Assert.Contains("affected: mail to 203.0.113.25:25", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith($"; and {ranked.Count - Value.HostsInMessage} more", finding.Message, StringComparison.Ordinal);
    }
}
