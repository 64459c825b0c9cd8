using PixLint.Model;
using PixLint.Syntax;

namespace PixLint.Tests;

public class PolicyResolutionTests
{
    private const string Header = "ASA Version 9.8(4)\n";
    private const string DefaultClass = "class-map inspection_default\n match default-inspection-traffic\n";

    [Fact]
    public void Factory_global_policy_uses_the_built_in_default_map()
    {
        var model = ModelHelper.Build("ASA Version 9.6(1)\n" + DefaultClass + "policy-map global_policy\n class inspection_default\n  inspect esmtp \n!\nservice-policy global_policy global\n");
        var e = model.Esmtp();
        Assert.True(e.InForce);
        Assert.True(e.IsApplied);
        Assert.Equal("25", e.Ports.ToString());
        Assert.NotNull(e.EffectiveMap);
        Assert.True(e.EffectiveMap.IsImplicit);
        Assert.Equal("_default_esmtp_map", e.EffectiveMap.Name);
        Assert.False(e.EffectiveMap.AllowsTls);
        Assert.True(e.EffectiveMap.MasksBanner);
        Assert.Equal(Evidence.Documented, e.MapEvidence);
    }

    [Theory]
    [InlineData("ASA Version 9.16(3)\n", Evidence.Assumed)]
    [InlineData("ASA Version 9.8(4)\n", Evidence.Assumed)]
    [InlineData("ASA Version 8.4(7)\n", Evidence.Documented)]
    [InlineData("NGFW Version 7.2.5\n", Evidence.Assumed)]
    [InlineData("FWSM Version 4.1(4)\n", Evidence.Assumed)]
    [InlineData("PIX Version 7.2(1)\n", Evidence.Documented)]
    [InlineData("hostname fw\n", Evidence.Assumed)]
    public void Default_map_evidence_depends_on_platform_and_version(string header, Evidence evidence)
    {
        var model = ModelHelper.Build(header + DefaultClass + "policy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n");
        Assert.Equal(evidence, model.Esmtp().MapEvidence);
        Assert.False(model.Esmtp().EffectiveMap!.AllowsTls);
    }

    [Fact]
    public void A_policy_no_service_policy_applies_is_not_applied()
    {
        var e = ModelHelper.Build(Header + "policy-map global_policy\n class inspection_default\n  inspect esmtp\n").Esmtp();
        Assert.False(e.IsApplied);
    }

    [Fact]
    public void A_global_policy_with_another_name_is_applied()
    {
        var e = ModelHelper.Build(Header + DefaultClass + "policy-map my_global\n class inspection_default\n  inspect esmtp\nservice-policy my_global global\n").Esmtp();
        Assert.True(e.IsApplied);
        Assert.Equal("global", Assert.Single(e.Policy.AppliedBy).Scope);
    }

    [Fact]
    public void Inspect_then_no_inspect_in_the_same_class_is_not_in_force()
    {
        var model = ModelHelper.Build(Header + "policy-map global_policy\n class inspection_default\n  inspect esmtp\n  no inspect esmtp\nservice-policy global_policy global\n");
        var e = Assert.Single(model.Inspects);
        Assert.False(e.InForce);
        Assert.Equal(4, e.CancelledBy);
    }

    [Fact]
    public void Re_entered_blocks_merge_in_file_order()
    {
        var model = ModelHelper.Build(Header + "policy-map global_policy\n class inspection_default\n  inspect esmtp\npolicy-map global_policy\n class inspection_default\n  no inspect esmtp\n  inspect ftp\nservice-policy global_policy global\n");
        Assert.Single(model.PolicyMaps);
        Assert.False(model.Inspects.Single(e => e.Protocol == "esmtp").InForce);
        Assert.Single(model.PolicyMaps["global_policy"].Classes);
    }

    [Fact]
    public void A_named_map_with_allow_tls_allows_tls()
    {
        var model = ModelHelper.Build(Header + "policy-map type inspect esmtp OK\n parameters\n  mask-banner\n  allow-tls action log\npolicy-map global_policy\n class inspection_default\n  inspect esmtp OK\nservice-policy global_policy global\n");
        var map = model.Esmtp().EffectiveMap!;
        Assert.False(map.IsImplicit);
        Assert.True(map.AllowsTls);
        Assert.True(map.MasksBanner);
        Assert.Equal(3, map.LastParameter("mask-banner")!.Line);
    }

    [Fact]
    public void No_allow_tls_after_allow_tls_wins()
    {
        var model = ModelHelper.Build(Header + "policy-map type inspect esmtp M\n parameters\n  allow-tls\npolicy-map type inspect esmtp M\n parameters\n  no allow-tls\n");
        Assert.False(model.FindInspectMap("esmtp", "M")!.AllowsTls);
    }

    [Fact]
    public void An_undefined_map_is_flagged()
    {
        var e = ModelHelper.Build(Header + "policy-map global_policy\n class inspection_default\n  inspect esmtp MISSING\n").Esmtp();
        Assert.True(e.MapUndefined);
        Assert.Null(e.EffectiveMap);
    }

    [Fact]
    public void The_default_map_named_explicitly_is_the_built_in_one()
    {
        var e = ModelHelper.Build(Header + "policy-map global_policy\n class inspection_default\n  inspect esmtp _default_esmtp_map\n").Esmtp();
        Assert.False(e.MapUndefined);
        Assert.True(e.EffectiveMap!.IsImplicit);
    }

    [Fact]
    public void A_written_out_default_map_from_show_run_all_is_trusted()
    {
        var model = ModelHelper.Build(Header + "policy-map type inspect esmtp _default_esmtp_map\n description Default ESMTP policy-map\n parameters\n  mask-banner\n  allow-tls\npolicy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n");
        Assert.True(model.ShowsDefaults);
        var map = model.Esmtp().EffectiveMap!;
        Assert.False(map.IsImplicit);
        Assert.True(map.AllowsTls);
    }

    [Fact]
    public void Classes_on_587_465_and_ranges()
    {
        var model = ModelHelper.Build(Header
            + "class-map SUB\n match port tcp eq 587\nclass-map SMTPS\n match port tcp eq 465\nclass-map ALT\n match port tcp range 2525 2530\n"
            + "policy-map P\n class SUB\n  inspect esmtp\n class SMTPS\n  inspect esmtp\n class ALT\n  inspect esmtp\n class class-default\n  inspect esmtp\n");
        Assert.Equal(["587", "465", "2525-2530", "any"], model.Inspects.Select(e => e.Ports.ToString()));
    }

    [Fact]
    public void Ports_come_from_the_access_list_and_its_object_groups()
    {
        var model = ModelHelper.Build(Header
            + "object service SUBMISSION\n service tcp destination eq 587\n"
            + "object-group service INNER tcp\n port-object eq 465\n"
            + "object-group service MAIL tcp\n port-object eq smtp\n group-object INNER\n"
            + "object-group service MIXED\n service-object object SUBMISSION\n service-object tcp destination range 2525 2526\n"
            + "access-list MAIL_ACL extended permit tcp any any object-group MAIL\n"
            + "access-list MAIL_ACL extended permit object-group MIXED any any\n"
            + "access-list MAIL_ACL extended deny tcp any any eq 80\n"
            + "access-list MAIL_ACL extended permit udp any any eq 53\n"
            + "class-map MAILC\n match access-list MAIL_ACL\n"
            + "policy-map P\n class MAILC\n  inspect esmtp\nservice-policy P interface outside\n");
        var e = model.Esmtp();
        Assert.Equal("25, 465, 587, 2525-2526", e.Ports.ToString());
        Assert.Equal("interface outside", Assert.Single(e.Policy.AppliedBy).Scope);
    }

    [Fact]
    public void An_ip_access_list_matches_every_port()
    {
        var model = ModelHelper.Build(Header + "access-list A extended permit ip any host 192.0.2.25\nclass-map C\n match access-list A\npolicy-map P\n class C\n  inspect esmtp\n");
        Assert.True(model.Esmtp().Ports.IsAll);
    }

    [Fact]
    public void Inspection_default_without_its_class_map_is_the_factory_class()
    {
        var e = ModelHelper.Build(Header + "policy-map global_policy\n class inspection_default\n  inspect esmtp\n").Esmtp();
        Assert.True(e.Class.ClassMap!.IsImplicit);
        Assert.Equal("25", e.Ports.ToString());
    }

    [Fact]
    public void An_undefined_class_has_unknown_ports()
    {
        var e = ModelHelper.Build(Header + "policy-map P\n class NOPE\n  inspect esmtp\n").Esmtp();
        Assert.True(e.Ports.IsUnknown);
    }

    [Fact]
    public void Service_policy_naming_an_undefined_policy_map_is_a_diagnostic()
    {
        var model = ModelHelper.Build(Header + "service-policy nothing interface outside\n");
        var d = Assert.Single(model.Diagnostics);
        Assert.Equal(ParseDiagnostic.UndefinedReference, d.Code);
    }

    [Fact]
    public void No_service_policy_removes_the_binding()
    {
        var e = ModelHelper.Build(Header + "policy-map P\n class inspection_default\n  inspect esmtp\nservice-policy P global\nno service-policy P global\n").Esmtp();
        Assert.False(e.IsApplied);
    }

    [Fact]
    public void Inspect_map_matches_and_actions()
    {
        var model = ModelHelper.Build(Header + "policy-map type inspect esmtp STRICT\n parameters\n  allow-tls\n match cmd verb STARTTLS\n  drop-connection log\n match not cmd verb HELO EHLO MAIL RCPT DATA QUIT\n  reset\n");
        var map = model.FindInspectMap("esmtp", "STRICT")!;
        Assert.Equal(2, map.Matches.Count);
        Assert.True(map.Matches[0].SelectsVerb("starttls"));
        Assert.Equal("drop-connection", Assert.Single(map.Matches[0].Actions).Action);
        Assert.True(map.Matches[1].SelectsVerb("STARTTLS"));
        Assert.False(map.Matches[1].SelectsVerb("EHLO"));
    }

    [Fact]
    public void Inspect_class_maps_used_inside_an_inspect_map()
    {
        var model = ModelHelper.Build(Header + "class-map type inspect esmtp match-any VERBS\n match cmd verb STARTTLS\npolicy-map type inspect esmtp M\n parameters\n  allow-tls\n class VERBS\n  drop-connection\n");
        var match = Assert.Single(model.FindInspectMap("esmtp", "M")!.Matches);
        Assert.Equal(2, match.Line);
        Assert.Equal("drop-connection", Assert.Single(match.Actions).Action);
    }

    [Fact]
    public void Inspect_smtp_uses_the_esmtp_default_map()
    {
        var e = ModelHelper.Build("FWSM Version 4.1(4) <context>\npolicy-map global_policy\n class inspection_default\n  inspect smtp \nservice-policy global_policy global\n").Esmtp();
        Assert.Equal("smtp", e.Protocol);
        Assert.Equal("_default_esmtp_map", e.EffectiveMap!.Name);
    }

    [Fact]
    public void Contexts_of_a_system_configuration()
    {
        var model = ModelHelper.Build("ASA Version 9.12(4)37 <system>\nadmin-context admin\ncontext admin\n  allocate-interface Management0/0\n  config-url disk0:/admin.cfg\ncontext MAIL\n  allocate-interface GigabitEthernet0/0 outside\n  config-url disk0:/mail.cfg\n");
        Assert.Equal("admin", model.AdminContext);
        Assert.Equal(["admin", "MAIL"], model.Contexts.Select(c => c.Name));
        Assert.Equal("disk0:/mail.cfg", model.Contexts[1].ConfigUrl);
    }
}
