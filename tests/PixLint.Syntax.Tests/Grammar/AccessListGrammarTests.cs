using PixLint.Model;
using PixLint.Syntax.Commands;
using static PixLint.Tests.ParseHelper;

namespace PixLint.Tests.Grammar;

public class AccessListGrammarTests
{
    [Fact]
    public void Extended_entry_with_host_and_port()
    {
        var acl = Parsed<AccessListCommand>("access-list OUTSIDE_IN extended permit tcp any host 203.0.113.25 eq smtp");
        var e = acl.Entry!;
        Assert.Equal("OUTSIDE_IN", acl.Name);
        Assert.True(e.Permit);
        Assert.Equal("tcp", e.Protocol.Name);
        Assert.Equal(AddressSpecKind.Any, e.Source.Kind);
        Assert.Equal(new AddressSpec(AddressSpecKind.Host, "203.0.113.25"), e.Destination);
        Assert.Equal(new PortSpec(PortOperator.Eq, PortRange.Single(25)), e.DestinationPort);
    }

    [Fact]
    public void Pix6_entry_without_extended_and_with_name_aliases()
    {
        var e = Parsed<AccessListCommand>("access-list 101 permit tcp any host mx-inside eq 587").Entry!;
        Assert.Equal(new AddressSpec(AddressSpecKind.Host, "mx-inside"), e.Destination);
        Assert.Equal(587, e.DestinationPort!.Range.Low);
    }

    [Fact]
    public void Networks_objects_groups_and_ranges()
    {
        var e = Parsed<AccessListCommand>("access-list A line 3 extended permit tcp 198.51.100.0 255.255.255.0 object-group MAIL_SERVERS range 2525 2530 log").Entry!;
        Assert.Equal(new AddressSpec(AddressSpecKind.Network, "198.51.100.0", "255.255.255.0"), e.Source);
        Assert.Equal(new AddressSpec(AddressSpecKind.ObjectGroup, "MAIL_SERVERS"), e.Destination);
        Assert.Equal(new PortRange(2525, 2530), e.DestinationPort!.Range);
        Assert.Equal(["log"], e.Options);
    }

    [Fact]
    public void Service_groups_in_the_protocol_position()
    {
        var e = Parsed<AccessListCommand>("access-list A extended permit object-group MAIL_SVC any object mx").Entry!;
        Assert.True(e.Protocol.IsObjectGroup);
        Assert.Equal(new AddressSpec(AddressSpecKind.Object, "mx"), e.Destination);
    }

    [Fact]
    public void Destination_port_group()
    {
        var e = Parsed<AccessListCommand>("access-list A extended permit tcp any object-group MX object-group SMTP_PORTS").Entry!;
        Assert.Equal(new AddressSpec(AddressSpecKind.ObjectGroup, "MX"), e.Destination);
        Assert.Equal(PortOperator.ObjectGroup, e.DestinationPort!.Operator);
        Assert.Equal("SMTP_PORTS", e.DestinationPort.GroupName);
    }

    [Fact]
    public void Remarks_and_settings()
    {
        Assert.Equal("inspect esmtp here", Parsed<AccessListCommand>("access-list A remark inspect esmtp here").Remark);
        Assert.Equal(AccessListKind.Setting, Parsed<AccessListCommand>("access-list mode auto").Kind);
        Assert.Equal(AccessListKind.Setting, Parsed<AccessListCommand>("access-list commit").Kind);
    }

    [Theory]
    [InlineData("access-list A extended permit tcp any any eq mail", "unexpected 'mail', expected port number or name", 46)]
    [InlineData("access-list A extended allow tcp any any", "unexpected 'allow', expected 'permit' or 'deny'", 24)]
    [InlineData("access-list A extended permit tcp any 192.0.2.1", "unexpected end of line, expected network mask", 48)]
    [InlineData("access-list A permit tcp host", "unexpected end of line, expected host address", 30)]
    [InlineData("access-list A", "unexpected end of line, expected 'remark' or 'extended' or 'advanced' or 'standard' or 'webtype' or 'ethertype' or 'permit' or 'deny'", 14)]
    public void Malformed_entries(string line, string message, int column) => Rejected(line, message, column);

    [Fact]
    public void Objects_and_groups()
    {
        Assert.Equal(new AddressSpec(AddressSpecKind.Host, "192.0.2.25"), Parsed<ObjectAddressCommand>(" host 192.0.2.25", "object network mx").Address);
        var svc = Parsed<ObjectServiceCommand>(" service tcp destination eq smtp", "object service smtp");
        Assert.Equal(25, svc.DestinationPort!.Range.Low);
        Assert.Equal(PortRange.Single(587), Parsed<PortObjectCommand>(" port-object eq 587", "object-group service P tcp").Port.Range);
        Assert.Equal("ICMP", Parsed<GroupObjectCommand>(" group-object ICMP", "object-group service P").Name);
        Assert.Equal(new AddressSpec(AddressSpecKind.Object, "mx"), Parsed<NetworkObjectCommand>(" network-object object mx", "object-group network N").Address);
        var so = Parsed<ServiceObjectCommand>(" service-object tcp destination eq smtp", "object-group service S");
        Assert.Equal(25, so.DestinationPort!.Range.Low);
        Parsed<ServiceObjectCommand>(" service-object icmp echo-reply", "object-group service S");
    }

    [Fact]
    public void Malformed_group_member_is_rejected() =>
        Rejected(" port-object eq", "unexpected end of line, expected port number or name", 16, "object-group service P tcp");
}
