using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Retention;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// What a tenant's retention will purge and what it purged, for administrators. The policy itself is part of the
/// tenant's settings (<c>retention</c>); purges run by themselves.
/// </summary>
public static class RetentionApi
{
    public const int MaxPreviewDays = 400;

    public static IEndpointRouteBuilder MapRetentionApi(this IEndpointRouteBuilder app)
    {
        var retention = app.MapGroup("/api/tenants/{tenantId}/retention").WithTags("Retention");
        retention.MapGet("/preview", Preview)
            .WithSummary("What will be purged when over the next days (default 30), by kind and day: counts only (administrators).");
        retention.MapGet("/reports", Reports)
            .WithSummary("The latest purges, newest first: what each removed, in counts (administrators).");
        return app;
    }

    private static async Task<Results<Ok<PurgePreview>, ValidationProblem, ProblemHttpResult>> Preview(
        string tenantId, int? days, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (!caller.IsAdminOf(tenantId))
        {
            return TenantsApi.TenantNotFound(tenantId);
        }

        if (days is < 1 or > MaxPreviewDays)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["days"] = [$"days must be between 1 and {MaxPreviewDays}."] }, title: "The preview window is not valid.");
        }

        return TypedResults.Ok(await cluster.GetGrain<IRetentionGrain>(tenantId).Preview(days ?? 30));
    }

    private static async Task<Results<Ok<IReadOnlyList<PurgeReport>>, ProblemHttpResult>> Reports(
        string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
        caller.IsAdminOf(tenantId)
            ? TypedResults.Ok(await cluster.GetGrain<IRetentionGrain>(tenantId).Reports())
            : TenantsApi.TenantNotFound(tenantId);
}
