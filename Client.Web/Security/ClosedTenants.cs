using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// A closed tenant's credentials are refused at once, on every web host (docs/decisions/0033): each request that carries
/// a credential of a tenant, or names a tenant in its route, asks the tenant grain whether it is closed (one in-memory
/// call, like an API key's check). Only endpoints marked <see cref="AllowedWhileClosed{TBuilder}"/> stay open, and only
/// to the tenant's administrators signed in as people (an API key or a visitor token gets nothing): the closure's own
/// page, the export and reopening. The hub refuses every call of an open connection the same way (<see cref="HubGate"/>).
/// </summary>
public static class ClosedTenants
{
    /// <summary>
    /// Lets the tenant's administrators (people, not API keys) reach this endpoint while the tenant is closed; with
    /// <paramref name="toAnyone"/>, anyone, for endpoints that decide themselves (sign-in, sign-out).
    /// </summary>
    public static TBuilder AllowedWhileClosed<TBuilder>(this TBuilder builder, bool toAnyone = false)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new OpenWhileClosed(toAnyone));

    /// <summary>Refuses requests for a closed tenant; placed after authentication, before authorization.</summary>
    public static IApplicationBuilder UseClosedTenantGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var tenantId = http.User.TenantId() ?? http.GetRouteValue("tenantId") as string;
        var open = http.GetEndpoint()?.Metadata.GetMetadata<OpenWhileClosed>();
        var letThrough = open is { ToAnyone: true } || (open is not null && IsAdminPerson(http.User));
        if (!letThrough && TenantIds.IsValid(tenantId) && await Closure(http.RequestServices.GetRequiredService<IClusterClient>(), tenantId!) is { } closure)
        {
            var status = IsAdminPerson(http.User) ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            await Refused(closure, status).ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    /// <summary>What every refusal is titled, over REST and on the hub.</summary>
    public const string Title = "The organisation is closed.";

    /// <summary>The tenant's closure, or null while it is open.</summary>
    public static Task<TenantClosure?> Closure(IClusterClient cluster, string tenantId) => ClusterUnavailable.Check(cluster.GetGrain<ITenantGrain>(tenantId).GetClosure());

    /// <summary>Why a credential of a closed tenant is refused, and until when it can be reopened.</summary>
    public static string Refusal(TenantClosure closure) => string.Create(CultureInfo.InvariantCulture,
        $"This organisation was closed on {closure.ClosedAt:O}: its sign-ins, API keys and visitor tokens are refused. Its administrators can still sign in to export its data or reopen it until {closure.DeleteAt:O}, when everything of it is deleted.");

    /// <summary>The problem a refused request of a closed tenant gets.</summary>
    public static ProblemHttpResult Refused(TenantClosure closure, int status = StatusCodes.Status401Unauthorized) =>
        TypedResults.Problem(Refusal(closure), statusCode: status, title: Title);

    /// <summary>An administrator signed in with a password (a cookie or a bearer token), not an API key.</summary>
    public static bool IsAdminPerson(ClaimsPrincipal caller) =>
        caller.IsAdmin() && !caller.IsApiKey();

    private sealed record OpenWhileClosed(bool ToAnyone);
}
