namespace Orbitalyntra.Web.Security;

/// <summary>The rate-limit policies endpoints ask for by name; Hosting says what each allows.</summary>
public static class RateLimits
{
    /// <summary>Tells the caller when to try again, in whole seconds rounded up (RFC 9110 <c>Retry-After</c>).</summary>
    public static void SetRetryAfter(this HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The public, unauthenticated endpoints (sign-up, sign-in, visitor tokens) and what any visitor may file, per client address.</summary>
    public const string PublicEndpoints = "public";

    /// <summary>How many requests a client address may make a minute to <see cref="PublicEndpoints"/> (<c>Auth:PublicRequestsPerMinute</c>).</summary>
    public const int DefaultPublicRequestsPerMinute = 60;

    /// <summary>
    /// Whom a request is counted against: an IPv4 address, or an IPv6 address's /64 — one subscriber's network, whose
    /// 2^64 addresses would otherwise each get a budget of their own.
    /// </summary>
    public static string ClientOf(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        return NetworkOf(address);
    }

    /// <summary>
    /// The network a ban covers (docs/decisions/0049): an IPv4 address's /24, or an IPv6 address's /64 as
    /// <see cref="ClientOf"/> counts it.
    /// </summary>
    public static string NetworkOf(System.Net.IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var ipv4 = address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6;
        var bytes = address.GetAddressBytes();
        var kept = ipv4 ? 3 : 8;
        Array.Clear(bytes, kept, bytes.Length - kept);
        return new System.Net.IPAddress(bytes) + (ipv4 ? "/24" : "/64");
    }
}
