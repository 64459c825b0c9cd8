using PixLint.Remediation;

namespace PixLint.Tests;

/// <summary>Which strategy fixes what, per version, and the exact edits and commands each makes.</summary>
public class StrategyTests
{
    private static string Asa(string version, string body) => $"ASA Version {version}\nhostname fw\n{body}";

    private const string DefaultPolicy =
        "class-map inspection_default\n match default-inspection-traffic\npolicy-map global_policy\n class inspection_default\n  inspect esmtp\nservice-policy global_policy global\n";

    private static Fix OnlyFix(FixResult result, string ruleId = "SMTP010") =>
        Assert.Single(result.Applied, a => a.Finding.RuleId == ruleId).Fix;

    [Theory]
    [InlineData("7.2(3)", StrategyNames.AllowTls)]
    [InlineData("7.2(5)", StrategyNames.AllowTls)]
    [InlineData("8.0(3)", StrategyNames.AllowTls)]
    [InlineData("8.2(5)", StrategyNames.AllowTls)]
    [InlineData("9.18(4)", StrategyNames.AllowTls)]
    [InlineData("7.0(8)", StrategyNames.DisableInspection)]
    [InlineData("7.2(2)", StrategyNames.DisableInspection)]
    [InlineData("8.0(2)", StrategyNames.DisableInspection)]
    public void Allow_tls_only_where_the_version_supports_it(string version, string expected)
    {
        var fix = OnlyFix(Fixing.Fix(Asa(version, DefaultPolicy)));
        Assert.Equal(expected, fix.Strategy);
        if (expected == StrategyNames.DisableInspection)
        {
            Assert.Contains(fix.Notes, n => n.StartsWith("`allow-tls` was not used: asa " + version + " does not accept `allow-tls`", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void An_unknown_version_gets_the_inspection_removed_and_says_why()
    {
        var fix = OnlyFix(Fixing.Fix("hostname fw\n" + DefaultPolicy));
        Assert.Equal(StrategyNames.DisableInspection, fix.Strategy);
        Assert.Contains(fix.Notes, n => n.Contains("give --os-version", StringComparison.Ordinal));
    }

    [Fact]
    public void Os_version_from_the_command_line_enables_allow_tls()
    {
        var options = Fixing.Options with { Version = Model.OsVersion.Parse("9.8(4)") };
        Assert.Equal(StrategyNames.AllowTls, OnlyFix(Fixing.Fix("hostname fw\n" + DefaultPolicy, options: options)).Strategy);
    }

    [Fact]
    public void Disable_inspection_can_be_chosen_explicitly()
    {
        var result = Fixing.Fix(Asa("9.8(4)", DefaultPolicy), StrategyNames.DisableInspection);
        Assert.Equal(StrategyNames.DisableInspection, OnlyFix(result).Strategy);
        Assert.DoesNotContain("inspect esmtp", result.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_map_is_replaced_by_a_new_map_referenced_after_no_inspect()
    {
        var fix = OnlyFix(Fixing.Fix(Asa("9.8(4)", DefaultPolicy)));
        Assert.Equal(FixApplicability.Review, fix.Applicability);
        Assert.Equal(
            [
                "policy-map type inspect esmtp ESMTP_ALLOW_TLS", " parameters", "  allow-tls", "  exit", " exit",
                "policy-map global_policy", " class inspection_default", "  no inspect esmtp", "  inspect esmtp ESMTP_ALLOW_TLS", "  exit", " exit",
            ],
            fix.Commands);
        Assert.Equal(
            [
                "policy-map global_policy", " class inspection_default", "  no inspect esmtp ESMTP_ALLOW_TLS", "  inspect esmtp", "  exit", " exit",
                "no policy-map type inspect esmtp ESMTP_ALLOW_TLS",
            ],
            fix.RollbackCommands);
        Assert.Equal("write memory", fix.SaveCommand);
        Assert.Contains("show service-policy inspect esmtp", fix.Verify);
        Assert.Contains(fix.Notes, n => n.Contains("[verify]", StringComparison.Ordinal) && n.Contains("no inspect esmtp", StringComparison.Ordinal));
    }

    [Fact]
    public void An_existing_map_with_the_stable_name_is_reused()
    {
        string body = "policy-map type inspect esmtp ESMTP_ALLOW_TLS\n parameters\n  allow-tls\n" + DefaultPolicy;
        var result = Fixing.Fix(Asa("9.8(4)", body));
        var fix = OnlyFix(result);
        Assert.DoesNotContain(fix.Commands, c => c.StartsWith("policy-map type inspect", StringComparison.Ordinal));
        Assert.DoesNotContain(fix.RollbackCommands, c => c.StartsWith("no policy-map", StringComparison.Ordinal));
        Assert.Equal(1, CountOf(result.Text.Text, "policy-map type inspect esmtp ESMTP_ALLOW_TLS"));
        Assert.Contains("  inspect esmtp ESMTP_ALLOW_TLS\n", result.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_map_with_the_stable_name_but_no_allow_tls_gets_it()
    {
        string body = "policy-map type inspect esmtp ESMTP_ALLOW_TLS\n parameters\n  mask-banner\n" + DefaultPolicy;
        var result = Fixing.Fix(Asa("9.8(4)", body));
        Assert.Contains(" parameters\n  mask-banner\n  allow-tls\n", result.Text.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(result.After.Findings, f => f.RuleId == "SMTP010");
    }

    [Fact]
    public void A_custom_map_gets_allow_tls_under_its_parameters()
    {
        string body = "policy-map type inspect esmtp MAIL\n parameters\n  mask-banner\npolicy-map global_policy\n class inspection_default\n  inspect esmtp MAIL\nservice-policy global_policy global\n";
        var result = Fixing.Fix(Asa("9.8(4)", body));
        var fix = OnlyFix(result);
        Assert.Equal(FixApplicability.Safe, fix.Applicability);
        Assert.Equal(["policy-map type inspect esmtp MAIL", " parameters", "  allow-tls", "  exit", " exit"], fix.Commands);
        Assert.Equal(["policy-map type inspect esmtp MAIL", " parameters", "  no allow-tls", "  exit", " exit"], fix.RollbackCommands);
        Assert.Contains(" parameters\n  mask-banner\n  allow-tls\npolicy-map global_policy\n", result.Text.Text, StringComparison.Ordinal);
        Assert.Contains("  inspect esmtp MAIL\n", result.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Allow_tls_joins_unevenly_indented_parameters_as_their_sibling()
    {
        // An AFL find: with the first child's deeper indentation, the new line hung under the last
        // child, the map still lacked `allow-tls`, and the fixes never converged.
        string body = "policy-map type inspect esmtp MAIL\n parameters\n   mask-banner\n  mail-relay example.com action drop-connection\n"
            + "policy-map global_policy\n class inspection_default\n  inspect esmtp MAIL\nservice-policy global_policy global\n";
        var result = Fixing.Fix(Asa("9.8(4)", body));
        Assert.True(result.Converged);
        Assert.Contains("  mail-relay example.com action drop-connection\n  allow-tls\npolicy-map global_policy\n", result.Text.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(result.After.Findings, f => f.RuleId == "SMTP010");
    }

    [Fact]
    public void A_custom_map_without_parameters_gets_them_after_its_description()
    {
        string body = "policy-map type inspect esmtp MAIL\n description our mail map\n match cmd line length gt 512\n  drop-connection log\n"
            + "policy-map global_policy\n class inspection_default\n  inspect esmtp MAIL\nservice-policy global_policy global\n";
        var result = Fixing.Fix(Asa("9.8(4)", body));
        Assert.Contains("policy-map type inspect esmtp MAIL\n description our mail map\n parameters\n  allow-tls\n match cmd line length gt 512\n", result.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_map_indented_with_tabs_keeps_its_tabs()
    {
        string body = "policy-map type inspect esmtp MAIL\n\tparameters\n\t\tmask-banner\npolicy-map global_policy\n\tclass inspection_default\n\t\tinspect esmtp MAIL\nservice-policy global_policy global\n";
        var result = Fixing.Fix(Asa("9.8(4)", body));
        Assert.Contains("\tparameters\n\t\tmask-banner\n\t\tallow-tls\n", result.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_applied_policy_is_fixed_and_unapplied_ones_are_left_alone()
    {
        string body = "class-map SUB\n match port tcp eq 587\n"
            + "policy-map global_policy\n class inspection_default\n  inspect esmtp\n"
            + "policy-map OUTSIDE\n class SUB\n  inspect esmtp\n"
            + "policy-map UNUSED\n class inspection_default\n  inspect esmtp\n"
            + "service-policy global_policy global\nservice-policy OUTSIDE interface outside\n";
        var result = Fixing.Fix(Asa("9.8(4)", body));
        Assert.Equal(2, result.Applied.Count(a => a.Finding.RuleId == "SMTP010"));
        Assert.Contains("policy-map UNUSED\n class inspection_default\n  inspect esmtp\n", result.Text.Text, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(result.Text.Text, "  inspect esmtp ESMTP_ALLOW_TLS\n"));
        Assert.Equal(1, CountOf(result.Text.Text, "policy-map type inspect esmtp ESMTP_ALLOW_TLS"));
        var script = CommandScript.Render(result.Change);
        Assert.Equal(1, script.Count(l => l == "policy-map type inspect esmtp ESMTP_ALLOW_TLS"));
        Assert.DoesNotContain("policy-map UNUSED", script);
    }

    [Fact]
    public void Removing_a_named_inspection_repeats_the_map_name_and_says_to_verify()
    {
        string body = "class-map SMTPS\n match port tcp eq 465\npolicy-map type inspect esmtp TLS\n parameters\n  allow-tls\n"
            + "policy-map global_policy\n class SMTPS\n  inspect esmtp TLS\nservice-policy global_policy global\n";
        var fix = OnlyFix(Fixing.Fix(Asa("9.8(4)", body)), "SMTP014");
        Assert.Equal(StrategyNames.DisableInspection, fix.Strategy);
        Assert.Equal(["policy-map global_policy", " class SMTPS", "  no inspect esmtp TLS", "  exit", " exit"], fix.Commands);
        Assert.Contains(fix.Notes, n => n.Contains("repeats the map name", StringComparison.Ordinal) && n.Contains("[verify]", StringComparison.Ordinal));
    }

    [Fact]
    public void Smtps_keeps_disable_inspection_even_when_allow_tls_is_asked_for()
    {
        string body = "class-map SMTPS\n match port tcp eq 465\npolicy-map global_policy\n class SMTPS\n  inspect esmtp\nservice-policy global_policy global\n";
        Assert.Equal(StrategyNames.DisableInspection, OnlyFix(Fixing.Fix(Asa("9.8(4)", body), StrategyNames.AllowTls), "SMTP014").Strategy);
    }

    [Fact]
    public void A_verb_match_on_starttls_alone_goes_with_its_actions()
    {
        string body = "policy-map type inspect esmtp M\n parameters\n  allow-tls\n match cmd verb STARTTLS\n  drop-connection log\n match cmd line length gt 512\n  drop-connection log\n"
            + "policy-map global_policy\n class inspection_default\n  inspect esmtp M\nservice-policy global_policy global\n";
        var result = Fixing.Fix(Asa("9.8(4)", body));
        var fix = OnlyFix(result, "SMTP011");
        Assert.Equal(["policy-map type inspect esmtp M", " no match cmd verb STARTTLS", " exit"], fix.Commands);
        Assert.Equal(["policy-map type inspect esmtp M", " match cmd verb STARTTLS", "  drop-connection log", "  exit", " exit"], fix.RollbackCommands);
        Assert.Contains("  allow-tls\n match cmd line length gt 512\n  drop-connection log\n", result.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verb_list_loses_starttls_and_keeps_the_rest()
    {
        string body = "policy-map type inspect esmtp M\n parameters\n  allow-tls\n match cmd verb VRFY STARTTLS EXPN\n  reset log\n"
            + "policy-map global_policy\n class inspection_default\n  inspect esmtp M\nservice-policy global_policy global\n";
        var result = Fixing.Fix(Asa("9.8(4)", body));
        var fix = OnlyFix(result, "SMTP011");
        Assert.Equal(
            ["policy-map type inspect esmtp M", " no match cmd verb VRFY STARTTLS EXPN", " match cmd verb VRFY EXPN", "  reset log", "  exit", " exit"],
            fix.Commands);
        Assert.Contains(" match cmd verb VRFY EXPN\n  reset log\n", result.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allow_list_gains_starttls()
    {
        string body = "policy-map type inspect esmtp M\n parameters\n  allow-tls\n match not cmd verb HELO EHLO MAIL RCPT DATA QUIT\n  drop-connection\n"
            + "policy-map global_policy\n class inspection_default\n  inspect esmtp M\nservice-policy global_policy global\n";
        var result = Fixing.Fix(Asa("9.8(4)", body));
        Assert.Contains(" match not cmd verb HELO EHLO MAIL RCPT DATA QUIT STARTTLS\n  drop-connection\n", result.Text.Text, StringComparison.Ordinal);
        Assert.Equal(FixApplicability.Safe, OnlyFix(result, "SMTP011").Applicability);
    }

    [Fact]
    public void A_class_map_shared_by_two_maps_is_fixed_over_two_rounds()
    {
        string body = "class-map type inspect esmtp match-all BAD\n match cmd verb STARTTLS\n"
            + "policy-map type inspect esmtp A\n parameters\n  allow-tls\n class BAD\n  reset log\n"
            + "policy-map type inspect esmtp B\n parameters\n  allow-tls\n class BAD\n  drop-connection\n"
            + "class-map SUB\n match port tcp eq 587\n"
            + "policy-map global_policy\n class inspection_default\n  inspect esmtp A\n class SUB\n  inspect esmtp B\nservice-policy global_policy global\n";
        var result = Fixing.Fix(Asa("9.8(4)", body));
        Assert.True(result.Converged);
        Assert.Equal([1, 2], result.Applied.Select(a => a.Round));
        Assert.DoesNotContain(" class BAD\n", result.Text.Text, StringComparison.Ordinal);
        Assert.Contains("class-map type inspect esmtp match-all BAD\n match cmd verb STARTTLS\n", result.Text.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(result.After.Findings, f => f.RuleId == "SMTP011");
        Assert.Equal(
            ["policy-map type inspect esmtp A", " no class BAD", " exit", "policy-map type inspect esmtp B", " no class BAD", " exit"],
            CommandScript.Render(result.Change));
    }

    [Fact]
    public void Fixup_ports_are_turned_off_one_by_one_in_the_explicit_form()
    {
        var result = Fixing.Fix("PIX Version 6.3(5)\nhostname pix\nfixup protocol smtp 25\nfixup protocol smtp 2525\n");
        Assert.Equal(["no fixup protocol smtp 25", "no fixup protocol smtp 2525"], CommandScript.Render(result.Change));
        Assert.Equal(["fixup protocol smtp 25", "fixup protocol smtp 2525"], CommandScript.Render(result.Rollback));
        Assert.Equal("PIX Version 6.3(5)\nhostname pix\nno fixup protocol smtp 25\nno fixup protocol smtp 2525\n", result.Text.Text);
        Assert.All(result.Applied, a => Assert.Equal(FixApplicability.Safe, a.Fix.Applicability));
        Assert.Equal("exit", result.Procedure.LeaveConfig);
    }

    [Fact]
    public void A_fixup_without_a_port_assumes_25_and_asks_for_review()
    {
        var fix = OnlyFix(Fixing.Fix("PIX Version 6.3(5)\nhostname pix\nfixup protocol smtp\n"), "SMTP001");
        Assert.Equal(["no fixup protocol smtp 25"], fix.Commands);
        Assert.Equal(FixApplicability.Review, fix.Applicability);
    }

    [Fact]
    public void Findings_without_a_strategy_have_no_fix_and_keep_their_reason()
    {
        var report = Fixing.Lint("ASA Version 9.8(4)\npolicy-map global_policy\n class inspection_default\n  inspect esmtp MISSING\nservice-policy global_policy global\n"u8.ToArray());
        var finding = Assert.Single(report.Findings, f => f.RuleId == "SMTP013");
        Assert.Null(finding.Fix);
        Assert.Contains("only the person who wrote the configuration", Fixing.Rules.Find("SMTP013")!.Remediation.Manual, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_strategy_name_has_exactly_one_registered_strategy()
    {
        Assert.Equal(StrategyNames.All.Order(StringComparer.Ordinal), RemediationStrategies.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(RemediationStrategies.All, kv => Assert.Equal(kv.Key, kv.Value.Name));
        Assert.All(RemediationStrategies.Choosable, name => Assert.Contains(name, StrategyNames.All));
    }

    [Fact]
    public void Rules_name_known_strategies_and_the_manual_ones_say_why()
    {
        foreach (var rule in Fixing.Rules.Rules)
        {
            Assert.All(rule.Remediation.Strategies, s => Assert.NotNull(RemediationStrategies.Find(s)));
        }

        foreach (string id in new[] { "SMTP002", "SMTP012", "SMTP013", "SMTP015", "SMTP020" })
        {
            var rule = Fixing.Rules.Find(id)!;
            Assert.Empty(rule.Remediation.Strategies);
            Assert.False(string.IsNullOrWhiteSpace(rule.Remediation.Manual), id);
        }
    }

    private static int CountOf(string text, string what)
    {
        int count = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
