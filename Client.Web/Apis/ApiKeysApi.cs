using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;

namespace Orbitalyntra.Web.Apis;

public static class ApiKeysApi
{
    /// <summary>A key to issue: its label and its scopes (<see cref="ApiKeyScopes"/>), both required.</summary>
    public sealed record NewApiKeyRequest(string? Label, IReadOnlyList<string>? Scopes);

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/tenants/{tenantId}/api-keys").WithTags("API keys").RequireTenantAdmin();
        keys.MapGet("/", List).WithSummary("List the tenant's API keys (no secrets).");
        keys.MapPost("/", Issue).WithSummary("Issue an API key with its scopes (admin, conversations:read, contacts:write, webhooks:manage); its secret is in this answer only.");
        keys.MapDelete("/{keyId}", Revoke).WithSummary("Revoke an API key; it stops working at once.");
        keys.MapPost("/{keyId}/rotate", Rotate).WithSummary("Revoke an API key and issue its replacement, with the same label and scopes.");
        keys.MapGet("/scopes", () => TypedResults.Ok(ApiKeyScopes.All)).WithSummary("The scopes a key may be given.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ApiKeySummary>>> List(string tenantId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(tenantId).ListApiKeys());

    private static async Task<Results<Created<IssuedApiKey>, ValidationProblem>> Issue(
        string tenantId, NewApiKeyRequest request, IClusterClient cluster)
    {
        var rules = new AccountRules().Name("label", request.Label, 100).Scopes("scopes", request.Scopes);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The API key is not valid.");
        }

        var issued = await cluster.GetGrain<ITenantGrain>(tenantId).IssueApiKey(request.Label!, request.Scopes!);
        return TypedResults.Created($"/api/tenants/{tenantId}/api-keys/{issued.Summary.KeyId}", issued);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string tenantId, string keyId, IClusterClient cluster) =>
        await cluster.GetGrain<ITenantGrain>(tenantId).RevokeApiKey(keyId) ? TypedResults.NoContent() : KeyNotFound(keyId);

    private static async Task<Results<Ok<IssuedApiKey>, ProblemHttpResult>> Rotate(string tenantId, string keyId, IClusterClient cluster) =>
        await cluster.GetGrain<ITenantGrain>(tenantId).RotateApiKey(keyId) is { } issued ? TypedResults.Ok(issued) : KeyNotFound(keyId);

    private static ProblemHttpResult KeyNotFound(string keyId) => Problems.NotFound("API key not found.", $"There is no live API key '{keyId}'.");
}
