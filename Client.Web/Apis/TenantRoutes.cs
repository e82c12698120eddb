using System.Security.Claims;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// The tenant check of routes under <c>/api/tenants/{tenantId}</c>, declared once on a route group (or on an endpoint
/// that stands alone): a caller outside the route's tenant is told that the tenant does not exist (404), so nothing leaks
/// across tenants, and a member without the role the routes need is refused as each method says. The filter runs after
/// the request is read and before the handler, where these checks used to be. Routes of one conversation are checked by
/// <see cref="Chat.ConversationCommands"/> instead, the same check as the hub's.
/// </summary>
public static class TenantRoutes
{
    /// <summary>Any member of the tenant: its staff and its visitors.</summary>
    public static TBuilder RequireTenantMember<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new TenantFilter(_ => true, TenantNotFound, TenantNotFound));

    /// <summary>
    /// The tenant's agents and administrators, people or API keys. Staff-only resources are hidden from visitors: they are
    /// told what outsiders are, by default that the tenant does not exist, or <paramref name="notFound"/>.
    /// </summary>
    public static TBuilder RequireTenantStaff<TBuilder>(this TBuilder builder, Func<HttpContext, IResult>? notFound = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new TenantFilter(Caller.IsStaff, notFound ?? TenantNotFound, notFound ?? TenantNotFound));

    /// <summary>
    /// The tenant's administrators, people or API keys, and with <paramref name="apiKeyScope"/> the tenant's API keys with
    /// that scope (<see cref="ApiScopes"/>). Other members are refused (403, with <paramref name="refusal"/>), or with
    /// <paramref name="hiddenFromOtherMembers"/> told that the tenant does not exist, as outsiders are.
    /// </summary>
    public static TBuilder RequireTenantAdmin<TBuilder>(
        this TBuilder builder, bool hiddenFromOtherMembers = false, string refusal = "Only the tenant's administrators may do this.", string? apiKeyScope = null)
        where TBuilder : IEndpointConventionBuilder
    {
        if (apiKeyScope is null)
        {
            return builder.AddEndpointFilter(new TenantFilter(Caller.IsAdmin, TenantNotFound, hiddenFromOtherMembers ? TenantNotFound : _ => Problems.Forbidden(refusal)));
        }

        return builder.ForApiKeysWith(apiKeyScope).AddEndpointFilter(new TenantFilter(
            caller => caller.IsAdmin() || caller.HasScope(apiKeyScope), TenantNotFound, hiddenFromOtherMembers ? TenantNotFound : _ => Problems.Forbidden(refusal)));
    }

    /// <summary>The tenant's visitors (their widgets); its staff are refused (403) with <paramref name="staffRefusal"/>.</summary>
    public static TBuilder RequireTenantVisitor<TBuilder>(this TBuilder builder, string staffRefusal)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new TenantFilter(Caller.IsVisitor, TenantNotFound, _ => Problems.Forbidden(staffRefusal)));

    /// <summary>The route's <c>{tenantId}</c>; empty on a route without one, which no caller belongs to.</summary>
    private static string TenantId(HttpContext http) => http.GetRouteValue("tenantId") as string ?? "";

    private static IResult TenantNotFound(HttpContext http) => TenantsApi.TenantNotFound(TenantId(http));

    /// <summary>Lets a member of the route's tenant with the role through; answers anyone else as told.</summary>
    private sealed class TenantFilter(Func<ClaimsPrincipal, bool> hasRole, Func<HttpContext, IResult> refuseOutsider, Func<HttpContext, IResult> refuseMember)
        : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            if (!http.User.BelongsTo(TenantId(http)))
            {
                return refuseOutsider(http);
            }

            return hasRole(http.User) ? await next(context) : refuseMember(http);
        }
    }
}
