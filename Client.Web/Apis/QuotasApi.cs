using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Quotas;

namespace Orbitalyntra.Web.Apis;

/// <summary>The limits on what the tenant's website visitors may do (docs/decisions/0043), as its administrators read and choose them.</summary>
public static class QuotasApi
{
    public static IEndpointRouteBuilder MapQuotasApi(this IEndpointRouteBuilder app)
    {
        var admins = app.MapGroup("/api/tenants/{tenantId}/quotas").WithTags("Tenants").RequireTenantAdmin();
        admins.MapGet("/", Get)
            .WithSummary("The visitors' limits in force (conversations, open conversations, messages, files, file bytes, visitor tokens), with the platform's defaults and maxima (administrators only).");
        admins.MapPut("/", Put)
            .WithSummary("Choose the tenant's own limits, each within the platform's maximum; a limit omitted is the platform's default (administrators only).");
        admins.MapDelete("/", Reset).WithSummary("Go back to the platform's defaults (administrators only).");
        return app;
    }

    private static async Task<Results<Ok<TenantQuotas>, ProblemHttpResult>> Get(string tenantId, IClusterClient cluster) =>
        await cluster.GetGrain<ITenantGrain>(tenantId).GetQuotas() is { } quotas ? TypedResults.Ok(quotas) : TenantsApi.TenantNotFound(tenantId);

    private static async Task<Results<Ok<TenantQuotas>, ValidationProblem, ProblemHttpResult>> Put(string tenantId, QuotaLimits limits, IClusterClient cluster)
    {
        var tenant = cluster.GetGrain<ITenantGrain>(tenantId);
        if (await tenant.GetQuotas() is not { } quotas)
        {
            return TenantsApi.TenantNotFound(tenantId);
        }

        var problems = limits.Problems(quotas.Maxima);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The limits are not valid.");
        }

        return await tenant.SetQuotas(limits) is { } set ? TypedResults.Ok(set) : TenantsApi.TenantNotFound(tenantId);
    }

    private static async Task<Results<Ok<TenantQuotas>, ProblemHttpResult>> Reset(string tenantId, IClusterClient cluster) =>
        await cluster.GetGrain<ITenantGrain>(tenantId).SetQuotas(null) is { } quotas ? TypedResults.Ok(quotas) : TenantsApi.TenantNotFound(tenantId);
}
