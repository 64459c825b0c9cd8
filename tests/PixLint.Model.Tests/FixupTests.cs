using PixLint.Model;

namespace PixLint.Tests;

public class FixupTests
{
    private static FixupEntry[] Smtp(string text) =>
        [.. ModelHelper.Build("PIX Version 6.3(5)\n" + text).Fixups.Where(f => f.Protocol == "smtp")];

    [Fact]
    public void A_fixup_is_in_force_on_its_port()
    {
        var f = Assert.Single(Smtp("fixup protocol smtp 25\n"));
        Assert.True(f.InForce);
        Assert.Equal([PortRange.Single(25)], f.PortsInForce);
    }

    [Fact]
    public void A_later_no_fixup_for_the_port_cancels_it()
    {
        var f = Assert.Single(Smtp("fixup protocol smtp 25\nno fixup protocol smtp 25\n"));
        Assert.False(f.InForce);
        Assert.Equal([2], f.CancelledBy);
    }

    [Fact]
    public void No_fixup_on_25_then_a_fixup_on_2525_leaves_2525()
    {
        var fixups = Smtp("no fixup protocol smtp 25\nfixup protocol smtp 2525\n");
        var f = Assert.Single(fixups);
        Assert.True(f.InForce);
        Assert.Equal([PortRange.Single(2525)], f.PortsInForce);
    }

    [Fact]
    public void A_no_for_one_port_of_a_range_leaves_the_rest()
    {
        var f = Assert.Single(Smtp("fixup protocol smtp 2525-2530\nno fixup protocol smtp 2527\n"));
        Assert.True(f.InForce);
        Assert.Equal([new PortRange(2525, 2526), new PortRange(2528, 2530)], f.PortsInForce);
    }

    [Fact]
    public void A_bare_no_fixup_protocol_smtp_cancels_every_port()
    {
        var fixups = Smtp("fixup protocol smtp 25\nfixup protocol smtp 2525\nno fixup protocol smtp\n");
        Assert.All(fixups, f => Assert.False(f.InForce));
    }

    [Fact]
    public void A_no_fixup_earlier_in_the_file_does_not_cancel_a_later_one()
    {
        var f = Assert.Single(Smtp("no fixup protocol smtp 25\nfixup protocol smtp 25\n"));
        Assert.True(f.InForce);
    }

    [Fact]
    public void Fixups_of_other_protocols_are_separate()
    {
        var model = ModelHelper.Build("fixup protocol ftp 21\nfixup protocol smtp 25\nno fixup protocol ftp 21\n");
        Assert.False(model.Fixups.Single(f => f.Protocol == "ftp").InForce);
        Assert.True(model.Fixups.Single(f => f.Protocol == "smtp").InForce);
    }
}
