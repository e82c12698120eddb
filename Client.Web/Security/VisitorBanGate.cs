using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Orbitalyntra.Bans;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// Refuses banned visitors (docs/decisions/0049): a visitor id or a network (IPv4 /24, IPv6 /64) an agent banned gets no
/// visitor token and no renewal, and every request and hub call of theirs is refused with 403. A network is only ever
/// handled as a keyed hash: HMAC-SHA256 under a key derived per tenant from the signing key, so the same network hashes
/// differently in every tenant and the address itself is never stored.
/// </summary>
public sealed class VisitorBanGate(TokenSettings tokens, IClusterClient cluster)
{
    /// <summary>What every refusal is titled, over REST and on the hub.</summary>
    public const string Title = "The visitor is banned.";

    /// <summary>What a banned visitor is told; the widget shows its own sentence in the visitor's language.</summary>
    public const string Refusal = "This organisation's staff have blocked this chat for this visitor or network for a while.";

    /// <summary>The keyed hash of the network of <paramref name="address"/> in <paramref name="tenantId"/>; null without an address.</summary>
    public string? NetworkHash(string tenantId, IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        var tenantKey = HMACSHA256.HashData(tokens.Key.Key, Encoding.UTF8.GetBytes($"network-ban:{tenantId}"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(tenantKey, Encoding.UTF8.GetBytes(RateLimits.NetworkOf(address))));
    }

    /// <summary>The ban that refuses <paramref name="visitorId"/> or the network of <paramref name="address"/> in <paramref name="tenantId"/>, or null.</summary>
    public Task<VisitorBan?> Find(string tenantId, string? visitorId, IPAddress? address) =>
        ClusterUnavailable.Check(cluster.VisitorBans(tenantId).Find(visitorId, NetworkHash(tenantId, address)));

    /// <summary>The ban that refuses a visitor caller now, or null (and null for staff).</summary>
    public Task<VisitorBan?> FindFor(ClaimsPrincipal caller, IPAddress? address) =>
        caller.IsVisitor() && caller.TenantId() is { } tenantId ? Find(tenantId, caller.SubjectId(), address) : Task.FromResult<VisitorBan?>(null);

    /// <summary>The 403 problem a banned visitor's request gets.</summary>
    public static IResult Refused() => TypedResults.Problem(Refusal, statusCode: StatusCodes.Status403Forbidden, title: Title);
}

/// <summary>Placing <see cref="VisitorBanGate"/> in the request pipeline.</summary>
public static class VisitorBanGates
{
    /// <summary>
    /// Refuses a banned visitor's requests with 403, right after the ended credentials' gate; a public endpoint (the
    /// visitor token's) checks the ban itself, as it knows the visitor only once it read the request.
    /// </summary>
    public static IApplicationBuilder UseVisitorBanGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
            && await http.RequestServices.GetRequiredService<VisitorBanGate>().FindFor(http.User, http.Connection.RemoteIpAddress) is not null)
        {
            await VisitorBanGate.Refused().ExecuteAsync(http);
            return;
        }

        await next(http);
    });
}
