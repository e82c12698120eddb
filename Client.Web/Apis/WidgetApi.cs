using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Web.Hosting;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

public static class WidgetApi
{
    public sealed record VisitorTokenRequest(string? WidgetKey);

    public sealed record VisitorToken(string TenantId, string VisitorId, string AccessToken, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapWidgetApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/widget/visitor-tokens", Issue).WithTags("Widget")
            .AllowAnonymous().RequireRateLimiting(AuthConfiguration.PublicEndpointsLimit)
            .WithSummary("Exchange the tenant's widget key for a visitor token; sent with a visitor token of the same tenant, it renews that visitor's.");
        return app;
    }

    private static async Task<Results<Ok<VisitorToken>, ProblemHttpResult>> Issue(
        VisitorTokenRequest request, ClaimsPrincipal caller, IClusterClient cluster, TokenIssuer tokens)
    {
        var tenantId = request.WidgetKey?.Split('.')[0];
        if (!TenantIds.IsValid(tenantId)
            || await cluster.GetGrain<ITenantGrain>(tenantId!).GetWidgetKey() is not { } widgetKey
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(widgetKey), Encoding.UTF8.GetBytes(request.WidgetKey!)))
        {
            return Problems.Unauthorized("The widget key is not valid.");
        }

        // A visitor id is never taken from the request: a returning visitor proves it with its current token.
        var visitorId = caller.IsVisitor() && caller.BelongsTo(tenantId) ? caller.SubjectId()! : $"v{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
        var token = tokens.Issue(tenantId!, Caller.VisitorRole, visitorId, TokenSettings.VisitorTokenLifetime);
        return TypedResults.Ok(new VisitorToken(tenantId!, visitorId, token.AccessToken, token.ExpiresAt));
    }
}
