using System.Text;
using PixLint.Model;

namespace PixLint.Tests;

/// <summary>
/// Object-groups that share subgroups (a DAG), include themselves (a cycle) or nest deeply, and the
/// shapes that used to be quadratic in the model builder (issue 19). The DAGs have 2^64 paths: the
/// tests finish only because every group is resolved once.
/// </summary>
public class GroupGraphTests
{
    private const string Header = "ASA Version 9.8(4)\ninterface GigabitEthernet0/0\n nameif outside\n security-level 0\n ip address 198.51.100.1 255.255.255.0\n";
    private const string Policy = "class-map MAIL\n match access-list MAIL\npolicy-map P\n class MAIL\n  inspect esmtp\nservice-policy P global\n";

    /// <summary>LAYERS layers of groups, each group including both groups of the layer before.</summary>
    private static string Dag(string kind, string typed, string first, string second, int layers)
    {
        var text = new StringBuilder();
        text.Append($"object-group {kind} L0A{typed}\n {first}\nobject-group {kind} L0B{typed}\n {second}\n");
        for (int i = 1; i <= layers; i++)
        {
            foreach (char s in "AB")
            {
                text.Append($"object-group {kind} L{i}{s}{typed}\n group-object L{i - 1}A\n group-object L{i - 1}B\n");
            }
        }

        return text.ToString();
    }

    [Fact]
    public void A_service_group_dag_is_resolved_once_per_group()
    {
        var model = ModelHelper.Build(Header + Dag("service", " tcp", "port-object eq smtp", "port-object eq 587", 64)
            + "access-list MAIL extended permit tcp any any object-group L64A\n" + Policy);
        Assert.Equal("25, 587", model.Esmtp().Ports.ToString());
    }

    [Fact]
    public void A_protocol_group_dag_is_resolved_once_per_group()
    {
        var model = ModelHelper.Build(Header + Dag("protocol", "", "protocol-object udp", "protocol-object icmp", 64)
            + "access-list MAIL extended permit object-group L64A any any eq smtp\n" + Policy);
        Assert.True(model.Esmtp().Ports.IsEmpty); // no member carries TCP: every path was looked at once
    }

    [Fact]
    public void A_network_group_dag_is_resolved_once_per_group_for_the_mail_exposure()
    {
        var model = ModelHelper.Build(Header + Dag("network", "", "network-object host 198.51.100.25", "network-object host 198.51.100.26", 64)
            + "access-list IN extended permit tcp any object-group L64A eq smtp\naccess-group IN in interface outside\n");
        var hosts = model.Mail.For(MailExposureAnalyzer.MailPorts).Select(h => h.Describe()).ToList();
        Assert.Contains(hosts, h => h.Contains("198.51.100.25", StringComparison.Ordinal));
        Assert.Contains(hosts, h => h.Contains("198.51.100.26", StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_group_cycle_ends_and_keeps_the_members_it_has()
    {
        var model = ModelHelper.Build(Header
            + "object-group service A tcp\n port-object eq smtp\n group-object B\n"
            + "object-group service B tcp\n port-object eq 587\n group-object A\n"
            + "access-list MAIL extended permit tcp any any object-group A\n" + Policy);
        Assert.Equal("25, 587", model.Esmtp().Ports.ToString());
    }

    [Fact]
    public void A_group_that_includes_itself_ends()
    {
        var model = ModelHelper.Build(Header
            + "object-group network SELF\n network-object host 198.51.100.25\n group-object SELF\n"
            + "object-group protocol P\n group-object P\n"
            + "access-list IN extended permit tcp any object-group SELF eq smtp\naccess-group IN in interface outside\n"
            + "access-list MAIL extended permit object-group P any any eq smtp\n" + Policy);
        Assert.True(model.Esmtp().Ports.IsEmpty);
        Assert.Contains(model.Mail.For(MailExposureAnalyzer.MailPorts), h => h.Describe().Contains("198.51.100.25", StringComparison.Ordinal));
    }

    [Fact]
    public void A_chain_of_100000_nested_groups_does_not_overflow_the_stack()
    {
        const int depth = 100_000;
        var text = new StringBuilder(Header).Append("object-group service G0 tcp\n port-object eq smtp\n");
        for (int i = 1; i <= depth; i++)
        {
            text.Append($"object-group service G{i} tcp\n group-object G{i - 1}\n");
        }

        var model = ModelHelper.Build(text + $"access-list MAIL extended permit tcp any any object-group G{depth}\n" + Policy);
        Assert.Equal("25", model.Esmtp().Ports.ToString()); // a depth limit used to make it unknown
    }

    [Fact]
    public void Many_classes_in_one_policy_and_a_re_entered_policy_keep_every_class_once()
    {
        const int n = 20_000;
        var text = new StringBuilder(Header);
        for (int i = 0; i < n; i++)
        {
            text.Append($"class-map C{i}\n match port tcp eq {1 + i}\n");
        }

        for (int i = 0; i < n; i++)
        {
            text.Append($"policy-map P\n class C{i}\n  inspect esmtp\n class C{(i + 1) % n}\n");
        }

        text.Append("policy-map P\n no class C7\nservice-policy P global\n");
        var model = ModelHelper.Build(text.ToString());
        var policy = model.PolicyMaps["P"];
        Assert.Equal(n - 1, policy.Classes.Count);
        Assert.DoesNotContain(policy.Classes, c => c.ClassName == "C7");
        Assert.Equal(n - 1, model.Inspects.Count);
        Assert.Equal(2, policy.Classes.Single(c => c.ClassName == "C8").Lines.Count);
    }

    [Fact]
    public void A_removed_and_redefined_class_keeps_only_its_new_inspects()
    {
        var model = ModelHelper.Build(Header + "class-map C\n match port tcp eq 25\n"
            + "policy-map P\n class C\n  inspect esmtp\npolicy-map P\n no class C\n class C\n  inspect ftp\n"
            + "no policy-map Q\npolicy-map Q\n class C\n  inspect esmtp\nno policy-map Q\nservice-policy P global\n");
        Assert.Equal(["ftp"], model.Inspects.Select(e => e.Protocol));
        Assert.Single(model.PolicyMaps["P"].Classes);
    }

    [Fact]
    public void Access_groups_and_service_policies_keep_the_last_binding_in_force_in_line_order()
    {
        var model = ModelHelper.Build(Header + "class-map C\n match port tcp eq 25\npolicy-map P\n class C\n  inspect esmtp\npolicy-map Q\n class C\n  inspect esmtp\n"
            + "access-group A in interface outside\naccess-group B out interface outside\naccess-group C in interface outside\n"
            + "access-group G global\nno access-group G global\n"
            + "service-policy P interface outside\nservice-policy Q global\nservice-policy P interface outside\nno service-policy Q global\nservice-policy Q interface inside\n");
        Assert.Equal(["B out on outside", "C in on outside"], model.Network.AccessGroups.Select(b => $"{b.AccessList} {b.Describe()}"));
        Assert.Equal(["P interface outside", "P interface outside", "Q interface inside"], model.ServicePolicies.Select(b => $"{b.PolicyName} {b.Scope}"));
    }

    [Fact]
    public void Eighty_thousand_interfaces_with_access_groups_and_service_policies()
    {
        const int n = 80_000;
        var text = new StringBuilder(Header).Append("class-map C\n match port tcp eq 25\npolicy-map P\n class C\n  inspect esmtp\n");
        for (int i = 0; i < n; i++)
        {
            text.Append($"access-group A{i} in interface if{i}\nservice-policy P interface if{i}\n");
        }

        var model = ModelHelper.Build(text.ToString());
        Assert.Equal(n, model.Network.AccessGroups.Count);
        Assert.Equal(n, model.ServicePolicies.Count);
    }
}
