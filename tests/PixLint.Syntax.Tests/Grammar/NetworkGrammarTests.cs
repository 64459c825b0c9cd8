using PixLint.Syntax.Commands;
using static PixLint.Tests.ParseHelper;

namespace PixLint.Tests.Grammar;

public class NetworkGrammarTests
{
    [Theory]
    [InlineData("static (inside,outside) 203.0.113.25 192.0.2.25 netmask 255.255.255.255 0 0", null, "203.0.113.25", null, "192.0.2.25", null, "255.255.255.255")]
    [InlineData("static (inside,outside) tcp interface smtp 192.0.2.25 smtp netmask 255.255.255.255", "tcp", "interface", "smtp", "192.0.2.25", "smtp", "255.255.255.255")]
    [InlineData("static (dmz,outside) 203.0.113.26 mx-dmz", null, "203.0.113.26", null, "mx-dmz", null, null)]
    public void Statics(string line, string? proto, string mapped, string? mappedPort, string real, string? realPort, string? mask)
    {
        var s = Parsed<StaticCommand>(line);
        Assert.Equal((proto, mapped, mappedPort, real, realPort, mask), (s.Protocol, s.Mapped, s.MappedPort, s.Real, s.RealPort, s.Netmask));
        Assert.Equal("outside", s.MappedInterface);
    }

    [Fact]
    public void Policy_static() =>
        Assert.Equal("POLICY", Parsed<StaticCommand>("static (inside,outside) 203.0.113.9 access-list POLICY").AccessList);

    [Theory]
    [InlineData("static inside,outside 1.1.1.1 2.2.2.2", "unexpected 'inside,outside', expected (REAL_IF,MAPPED_IF)", 8)]
    [InlineData("static (inside,outside) tcp 203.0.113.25 smtp 192.0.2.25", "unexpected end of line, expected real port", 57)]
    public void Malformed_statics(string line, string message, int column) => Rejected(line, message, column);

    [Fact]
    public void Object_nat()
    {
        var n = Parsed<ObjectNatCommand>(" nat (dmz,outside) static 203.0.113.26 service tcp smtp smtp", "object network mx2");
        Assert.Equal(("dmz", "outside", true, "203.0.113.26", "tcp", "smtp", "smtp"), (n.RealInterface, n.MappedInterface, n.IsStatic, n.Mapped, n.ServiceProtocol, n.RealPort, n.MappedPort));
        var any = Parsed<ObjectNatCommand>(" nat static 192.168.2.0", "object network x");
        Assert.Equal(("any", "any"), (any.RealInterface, any.MappedInterface));
    }

    [Fact]
    public void Twice_and_legacy_nat()
    {
        var t = Parsed<TwiceNatCommand>("nat (inside,outside) after-auto source static relay relay-public service SMTP SMTP");
        Assert.Equal((true, "relay", "relay-public", "SMTP", "SMTP"), (t.IsStatic, t.RealSource, t.MappedSource, t.RealService, t.MappedService));
        var l = Parsed<LegacyNatCommand>("nat (inside) 1 0.0.0.0 0.0.0.0 0 0");
        Assert.Equal(("inside", "1"), (l.Interface, l.Id));
    }

    [Fact]
    public void Conduits()
    {
        var c = Parsed<ConduitCommand>("conduit permit tcp host 203.0.113.30 eq smtp any");
        Assert.True(c.Permit);
        Assert.Equal("203.0.113.30", c.Global.Value);
        Assert.Equal(25, c.GlobalPort!.Range.Low);
        Assert.Equal(AddressSpecKind.Any, c.Foreign.Kind);
    }

    [Fact]
    public void Interfaces_and_names()
    {
        Assert.Equal("GigabitEthernet0/0", Parsed<InterfaceCommand>("interface GigabitEthernet0/0").Hardware);
        Assert.Equal("outside", Parsed<NameifCommand>(" nameif outside", "interface G0").Name);
        Assert.Equal(50, Parsed<SecurityLevelCommand>(" security-level 50", "interface G0").Level);
        var pix = Parsed<NameifCommand>("nameif ethernet2 dmz security50");
        Assert.Equal(("ethernet2", "dmz", 50), (pix.Hardware, pix.Name, pix.SecurityLevel));
        Assert.Equal("", Parsed<NameifCommand>(" no nameif", "interface Vlan1").Name);
    }

    [Fact]
    public void Pix_nameif_needs_a_security_level() =>
        Rejected("nameif ethernet0 outside sec0", "unexpected 'sec0', expected securityN (N = 0-100)", 26);
}
