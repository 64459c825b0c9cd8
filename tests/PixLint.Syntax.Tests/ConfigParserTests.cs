using PixLint.Syntax;
using PixLint.Syntax.Commands;
using PixLint.Text;

namespace PixLint.Tests;

public class ConfigParserTests
{
    private static SyntaxTree Parse(string text) => ConfigParser.Parse(SourceText.FromString("t.cfg", text));

    [Fact]
    public void Show_run_framing_prompts_and_comments_are_not_commands()
    {
        var tree = Parse("fw# show running-config\nBuilding configuration...\n: Saved\n: Written by admin at 10:00\n:\nASA Version 9.8(4)\n!\nhostname fw\nfw(config)#\nCryptochecksum:0123\n: end\n[OK]\n");
        Assert.Equal(
            [LineKind.Prompt, LineKind.Framing, LineKind.Framing, LineKind.Framing, LineKind.Framing, LineKind.Command,
             LineKind.Comment, LineKind.Command, LineKind.Prompt, LineKind.Framing, LineKind.Framing, LineKind.Framing],
            Enumerable.Range(0, tree.LineCount).Select(tree.GetKind).ToArray());
        Assert.Equal(0, tree.UnrecognizedCount);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("  ")]
    [InlineData("    ")]
    public void Blocks_nest_by_indentation_of_any_width(string step)
    {
        var tree = Parse($"policy-map global_policy\n{step}class inspection_default\n{step}{step}inspect esmtp\n{step}class other\n{step}{step}inspect ftp\nhostname fw\n");
        Assert.Equal(-1, tree.GetParent(0));
        Assert.Equal(0, tree.GetParent(1));
        Assert.Equal(1, tree.GetParent(2));
        Assert.Equal(0, tree.GetParent(3));
        Assert.Equal(3, tree.GetParent(4));
        Assert.Equal(-1, tree.GetParent(5));
        Assert.Equal(5, tree.GetSubtreeEnd(0));
        Assert.Equal([1, 3], tree.GetChildren(0));
    }

    [Fact]
    public void Bang_lines_separate_blocks_without_changing_the_nesting()
    {
        var tree = Parse("policy-map p\n class c\n! ruleid: SMTP010\n  inspect esmtp\n!\nhostname fw\n");
        Assert.Equal(LineKind.Comment, tree.GetKind(2));
        Assert.Equal(1, tree.GetParent(3));
        Assert.Equal(-1, tree.GetParent(5));
    }

    [Fact]
    public void Exit_lines_of_command_scripts_close_blocks_by_their_indentation()
    {
        var tree = Parse("interface ethernet1\n  nameif outside\nexit\n\npolicy-map global_policy\n  class inspection_default\n    inspect esmtp\n");
        Assert.Equal(-1, tree.GetParent(2));
        Assert.Equal(Keyword.Exit, tree.GetKeyword(2));
        Assert.Equal(5, tree.GetParent(6));
    }

    [Fact]
    public void Certificate_hex_up_to_quit_is_data()
    {
        var tree = Parse("crypto ca certificate chain TP\n certificate ca 0a1b\n    308205ec 308204d4 a0030201\n    0d06092a 864886f7\n  quit\nhostname fw\n");
        Assert.Equal(LineKind.CertificateData, tree.GetKind(2));
        Assert.Equal(LineKind.CertificateData, tree.GetKind(3));
        Assert.Equal(Keyword.Quit, tree.GetKeyword(4));
        Assert.Equal(1, tree.GetParent(4));
        Assert.Equal(-1, tree.GetParent(5));
    }

    [Fact]
    public void Keywords_inside_banners_descriptions_and_remarks_are_not_commands()
    {
        var tree = Parse("banner motd inspect esmtp is great\nclass-map c\n description inspect esmtp\naccess-list A remark inspect esmtp\n");
        Assert.IsType<GenericCommand>(tree.GetCommand(0));
        Assert.IsType<DescriptionCommand>(tree.GetCommand(2));
        var remark = Assert.IsType<AccessListCommand>(tree.GetCommand(3));
        Assert.Equal(AccessListKind.Remark, remark.Kind);
        Assert.Empty(tree.LinesWith(Keyword.Inspect));
    }

    [Fact]
    public void Pager_artefacts_are_removed_before_parsing()
    {
        var tree = Parse("policy-map global_policy\n class inspection_default\n<--- More --->\n              \n  inspect es<--- More --->mtp\n");
        Assert.Equal(LineKind.Paging, tree.GetKind(2));
        Assert.Equal(LineKind.Blank, tree.GetKind(3));
        var inspect = Assert.IsType<InspectCommand>(tree.GetCommand(4));
        Assert.Equal("esmtp", inspect.Protocol);
    }

    [Fact]
    public void Backspaces_that_erased_the_pager_prompt_are_applied()
    {
        string erase = new('\b', 14);
        var tree = Parse($"policy-map global_policy\n class inspection_default\n<--- More --->{erase}              {erase}  inspect esmtp \n");
        var inspect = Assert.IsType<InspectCommand>(tree.GetCommand(2));
        Assert.Equal("esmtp", inspect.Protocol);
        Assert.Equal(1, tree.GetParent(2));
        Assert.Equal("inspect esmtp", tree.GetCommandText(2));
    }

    [Fact]
    public void A_leading_no_negates_and_the_second_word_is_the_keyword()
    {
        var tree = Parse("no fixup protocol smtp 25\n");
        Assert.True(tree.IsNegated(0));
        Assert.Equal(Keyword.Fixup, tree.GetKeyword(0));
        Assert.True(Assert.IsType<FixupCommand>(tree.GetCommand(0)).Negated);
    }

    [Fact]
    public void Unknown_first_words_are_counted_not_fatal()
    {
        var tree = Parse("hostname fw\nexample8-list x permit ip any any\nlogging on\n");
        Assert.Equal(1, tree.UnrecognizedCount);
        Assert.True(tree.IsUnrecognized(1));
        Assert.False(tree.IsUnrecognized(2));
        var d = Assert.Single(tree.Diagnostics);
        Assert.Equal(ParseDiagnostic.UnrecognizedLine, d.Code);
    }

    [Fact]
    public void A_malformed_line_is_a_diagnostic_and_parsing_goes_on()
    {
        var tree = Parse("fixup protocol smtp twenty\nhostname fw\n");
        Assert.Null(tree.GetCommand(0));
        Assert.IsType<HostnameCommand>(tree.GetCommand(1));
        Assert.Contains(tree.Diagnostics, d => d.Code == ParseDiagnostic.SyntaxError);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52 })]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03 })]
    public void Binary_data_is_not_a_config(byte[] bytes)
    {
        var tree = ConfigParser.Parse(SourceText.From("b", bytes));
        Assert.Contains(tree.Diagnostics, d => d.Code == ParseDiagnostic.NotAConfig);
    }

    [Fact]
    public void Source_is_printed_back_byte_for_byte()
    {
        byte[] bytes = [.. "\uFEFF"u8, .. "ASA Version 9.8(4) \r\n"u8, 0x92, .. "\n  inspect esmtp\r<--- More --->\b\b\nend"u8];
        var tree = ConfigParser.Parse(SourceText.From("f", bytes));
        using var output = new MemoryStream();
        tree.WriteSource(output);
        Assert.Equal(bytes, output.ToArray());
    }
}
