using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

public static class ApiKeysApi
{
    public sealed record NewApiKeyRequest(string? Label);

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/tenants/{tenantId}/api-keys").WithTags("API keys");
        keys.MapGet("/", List).WithSummary("List the tenant's API keys (no secrets).");
        keys.MapPost("/", Issue).WithSummary("Issue an API key; its secret is in this answer only.");
        keys.MapDelete("/{keyId}", Revoke).WithSummary("Revoke an API key; it stops working at once.");
        keys.MapPost("/{keyId}/rotate", Rotate).WithSummary("Revoke an API key and issue its replacement.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ApiKeySummary>>, ProblemHttpResult>> List(string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
        Refused(tenantId, caller) ?? (Results<Ok<IReadOnlyList<ApiKeySummary>>, ProblemHttpResult>)TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(tenantId).ListApiKeys());

    private static async Task<Results<Created<IssuedApiKey>, ValidationProblem, ProblemHttpResult>> Issue(
        string tenantId, NewApiKeyRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (Refused(tenantId, caller) is { } refused)
        {
            return refused;
        }

        var rules = new AccountRules().Text("label", request.Label, 100);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The API key is not valid.");
        }

        var issued = await cluster.GetGrain<ITenantGrain>(tenantId).IssueApiKey(request.Label!);
        return TypedResults.Created($"/api/tenants/{tenantId}/api-keys/{issued.Summary.KeyId}", issued);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string tenantId, string keyId, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (Refused(tenantId, caller) is { } refused)
        {
            return refused;
        }

        return await cluster.GetGrain<ITenantGrain>(tenantId).RevokeApiKey(keyId) ? TypedResults.NoContent() : KeyNotFound(keyId);
    }

    private static async Task<Results<Ok<IssuedApiKey>, ProblemHttpResult>> Rotate(string tenantId, string keyId, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (Refused(tenantId, caller) is { } refused)
        {
            return refused;
        }

        return await cluster.GetGrain<ITenantGrain>(tenantId).RotateApiKey(keyId) is { } issued ? TypedResults.Ok(issued) : KeyNotFound(keyId);
    }

    /// <summary>Null when the caller administers the tenant; otherwise the answer: not found outside it, forbidden inside.</summary>
    private static ProblemHttpResult? Refused(string tenantId, ClaimsPrincipal caller) =>
        caller.IsAdminOf(tenantId) ? null : caller.BelongsTo(tenantId) ? AgentsApi.Forbidden() : TenantsApi.TenantNotFound(tenantId);

    private static ProblemHttpResult KeyNotFound(string keyId) => Problems.NotFound("API key not found.", $"There is no live API key '{keyId}'.");
}
