using System.Net;
using System.Net.Sockets;

namespace Orbitalyntra.Integrations;

/// <summary>The kinds of address a webhook must not reach: the platform's own network and the cloud's metadata service.</summary>
public enum AddressClass
{
    Public = 0,
    Loopback,
    Private,
    LinkLocal,
    UniqueLocal,
    CarrierGradeNat,
    Metadata,
    Unspecified,
    Multicast,
}

/// <summary>
/// Classifies the address a delivery is about to connect to (after DNS, so a name that resolves to a private address, or
/// is re-pointed there after the URL was checked, is refused all the same).
/// </summary>
public static class AddressGuard
{
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    public static AddressClass Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(address.GetAddressBytes()) : ClassifyV6(address);
    }

    /// <summary>Whether a delivery may connect to <paramref name="address"/>.</summary>
    public static bool Allows(IPAddress address, bool allowLoopback) => Classify(address) switch
    {
        AddressClass.Public => true,
        AddressClass.Loopback => allowLoopback,
        _ => false,
    };

    private static AddressClass ClassifyV4(byte[] b) => b switch
    {
        [169, 254, 169, 254] => AddressClass.Metadata,
        [127, ..] => AddressClass.Loopback,
        [0, ..] => AddressClass.Unspecified,
        [10, ..] or [192, 168, ..] => AddressClass.Private,
        [172, var second, ..] when second is >= 16 and <= 31 => AddressClass.Private,
        [100, var second, ..] when second is >= 64 and <= 127 => AddressClass.CarrierGradeNat,
        [169, 254, ..] => AddressClass.LinkLocal,
        [var first, ..] when first >= 224 => AddressClass.Multicast,
        _ => AddressClass.Public,
    };

    private static AddressClass ClassifyV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(AwsMetadataV6))
        {
            return AddressClass.Metadata;
        }

        if (IPAddress.IsLoopback(address))
        {
            return AddressClass.Loopback;
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressClass.Unspecified;
        }

        return b[0] switch
        {
            0xfe when (b[1] & 0xc0) == 0x80 => AddressClass.LinkLocal,
            0xfe when (b[1] & 0xc0) == 0xc0 => AddressClass.Private, // site-local, deprecated but routable inside
            0xfc or 0xfd => AddressClass.UniqueLocal,
            0xff => AddressClass.Multicast,
            _ when address.IsIPv4MappedToIPv6 is false && b[..12].All(x => x == 0) => AddressClass.Unspecified, // IPv4-compatible, deprecated
            _ => AddressClass.Public,
        };
    }
}
