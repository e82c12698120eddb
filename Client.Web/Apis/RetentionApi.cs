using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Retention;

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
        // Hidden from the tenant's other members as from outsiders: they are told the tenant does not exist.
        var retention = app.MapGroup("/api/tenants/{tenantId}/retention").WithTags("Retention").RequireTenantAdmin(hiddenFromOtherMembers: true);
        retention.MapGet("/preview", Preview)
            .WithSummary("What will be purged when over the next days (default 30), by kind and day: counts only (administrators).");
        retention.MapGet("/reports", Reports)
            .WithSummary("The latest purges, newest first: what each removed, in counts (administrators).");
        return app;
    }

    private static async Task<Results<Ok<PurgePreview>, ValidationProblem>> Preview(
        string tenantId, int? days, IClusterClient cluster)
    {
        if (days is < 1 or > MaxPreviewDays)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["days"] = [$"days must be between 1 and {MaxPreviewDays}."] }, title: "The preview window is not valid.");
        }

        return TypedResults.Ok(await cluster.GetGrain<IRetentionGrain>(tenantId).Preview(days ?? 30));
    }

    private static async Task<Ok<IReadOnlyList<PurgeReport>>> Reports(string tenantId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<IRetentionGrain>(tenantId).Reports());
}
