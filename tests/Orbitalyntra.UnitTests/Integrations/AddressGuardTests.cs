using System.Net;
using Orbitalyntra.Integrations;

namespace Orbitalyntra.UnitTests.Integrations;

public sealed class AddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("127.8.9.10", AddressClass.Loopback)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressClass.Loopback)]
    [InlineData("10.1.2.3", AddressClass.Private)]
    [InlineData("172.16.0.1", AddressClass.Private)]
    [InlineData("172.31.255.254", AddressClass.Private)]
    [InlineData("192.168.1.1", AddressClass.Private)]
    [InlineData("::ffff:10.0.0.1", AddressClass.Private)]
    [InlineData("169.254.1.1", AddressClass.LinkLocal)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("fc00::1", AddressClass.UniqueLocal)]
    [InlineData("fd12:3456::1", AddressClass.UniqueLocal)]
    [InlineData("100.64.0.1", AddressClass.CarrierGradeNat)]
    [InlineData("100.127.255.254", AddressClass.CarrierGradeNat)]
    [InlineData("169.254.169.254", AddressClass.Metadata)]
    [InlineData("fd00:ec2::254", AddressClass.Metadata)]
    [InlineData("0.0.0.0", AddressClass.Unspecified)]
    [InlineData("::", AddressClass.Unspecified)]
    [InlineData("224.0.0.1", AddressClass.Multicast)]
    [InlineData("ff02::1", AddressClass.Multicast)]
    public void Addresses_of_the_platforms_own_networks_are_refused(string address, AddressClass expected)
    {
        var ip = IPAddress.Parse(address);
        Assert.Equal(expected, AddressGuard.Classify(ip));
        Assert.False(AddressGuard.Allows(ip, allowLoopback: false));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.Equal(AddressClass.Public, AddressGuard.Classify(IPAddress.Parse(address)));
        Assert.True(AddressGuard.Allows(IPAddress.Parse(address), allowLoopback: false));
    }

    [Fact]
    public void Allowing_loopback_allows_loopback_and_nothing_else_private()
    {
        Assert.True(AddressGuard.Allows(IPAddress.Loopback, allowLoopback: true));
        Assert.True(AddressGuard.Allows(IPAddress.IPv6Loopback, allowLoopback: true));
        Assert.False(AddressGuard.Allows(IPAddress.Parse("10.0.0.1"), allowLoopback: true));
        Assert.False(AddressGuard.Allows(IPAddress.Parse("169.254.169.254"), allowLoopback: true));
    }
}
