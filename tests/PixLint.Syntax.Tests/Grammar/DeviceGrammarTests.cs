using PixLint.Model;
using PixLint.Syntax.Commands;
using static PixLint.Tests.ParseHelper;

namespace PixLint.Tests.Grammar;

public class DeviceGrammarTests
{
    [Theory]
    [InlineData("PIX Version 6.3(5)", DevicePlatform.Pix, "6.3(5)", null)]
    [InlineData("PIX Version 6.3(5)122", DevicePlatform.Pix, "6.3(5)122", null)]
    [InlineData("PIX Version 6.6(6)", DevicePlatform.Pix, "6.6(6)", null)]
    [InlineData("ASA Version 9.12(4)37 <system>", DevicePlatform.Asa, "9.12(4)37", "<system>")]
    [InlineData("ASA Version 9.0(3) ", DevicePlatform.Asa, "9.0(3)", null)]
    [InlineData("FWSM Version 4.1(4) <context>", DevicePlatform.Fwsm, "4.1(4)", "<context>")]
    [InlineData("NGFW Version 7.2.5", DevicePlatform.Ftd, "7.2.5", null)]
    [InlineData("ASA Version 9.9", DevicePlatform.Asa, "9.9", null)]
    public void Version_headers(string line, DevicePlatform platform, string version, string? marker)
    {
        var header = Parsed<VersionHeaderCommand>(line);
        Assert.Equal(platform, header.Platform);
        Assert.Equal(version, header.Version?.Text);
        Assert.Equal(marker, header.ContextMarker);
    }

    [Fact]
    public void An_unparseable_version_is_kept_as_text()
    {
        var header = Parsed<VersionHeaderCommand>("ASA Version this-is-an-ASA");
        Assert.Null(header.Version);
        Assert.Equal("this-is-an-ASA", header.VersionText);
    }

    [Fact]
    public void Version_header_with_trailing_junk_is_rejected() =>
        Rejected("ASA Version 9.8(4) extra", "unexpected 'extra', expected '<context>' or '<system>' or end of line", 20);

    [Fact]
    public void Hostname() => Assert.Equal("fw-1", Parsed<HostnameCommand>("hostname fw-1").Name);

    [Fact]
    public void Hostname_without_a_name_is_rejected() => Rejected("hostname", "unexpected end of line, expected name", 9);

    [Fact]
    public void Contexts()
    {
        Assert.Equal("MAIL", Parsed<ContextCommand>("context MAIL").Name);
        Assert.Equal("admin", Parsed<AdminContextCommand>("admin-context admin").Name);
        Assert.Equal(["GigabitEthernet0/0", "outside"], Parsed<AllocateInterfaceCommand>(" allocate-interface GigabitEthernet0/0 outside", "context MAIL").Arguments);
        Assert.Equal("disk0:/mail.cfg", Parsed<ConfigUrlCommand>(" config-url disk0:/mail.cfg", "context MAIL").Url);
    }

    [Fact]
    public void Names()
    {
        var name = Parsed<NameCommand>("name 192.0.2.13 Machine01 description machine one");
        Assert.Equal(("192.0.2.13", "Machine01", "machine one"), (name.Address, name.Name, name.Description));
    }

    [Fact]
    public void Name_with_a_bad_address_is_rejected() =>
        Rejected("name mailhost 192.0.2.1", "unexpected 'mailhost', expected IP address", 6);

    [Theory]
    [InlineData("access-group OUTSIDE_IN in interface outside", "OUTSIDE_IN", "in", "outside", false)]
    [InlineData("access-group CSM_FW_ACL_ global", "CSM_FW_ACL_", null, null, true)]
    public void Access_groups(string line, string acl, string? direction, string? iface, bool global)
    {
        var group = Parsed<AccessGroupCommand>(line);
        Assert.Equal((acl, direction, iface, global), (group.AccessList, group.Direction, group.Interface, group.Global));
    }

    [Fact]
    public void Access_group_without_direction_is_rejected() =>
        Rejected("access-group A outside", "unexpected 'outside', expected 'global' or 'in' or 'out'", 16);
}
