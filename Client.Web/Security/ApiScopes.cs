using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orbitalyntra.Accounts;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// Which scope of an API key each endpoint needs (docs/decisions/0051-api-key-scopes.md): the scope an endpoint names with
/// <see cref="ForApiKeysWith{TBuilder}"/>, and <see cref="ApiKeyScopes.Admin"/> for every other endpoint, the hub
/// included, so that a key reaches only what its scopes name and a new endpoint is closed to narrower keys until it says
/// otherwise. People and visitors are not concerned: their role decides, as before.
/// </summary>
public static class ApiScopes
{
    /// <summary>Lets API keys with <paramref name="scope"/> (or <see cref="ApiKeyScopes.Admin"/>) reach this endpoint.</summary>
    public static TBuilder ForApiKeysWith<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        ApiKeyScopes.IsKnown(scope) ? builder.WithMetadata(new NeededScope(scope)) : throw new ArgumentException($"'{scope}' is not an API key scope.", nameof(scope));

    /// <summary>The scope an API key needs for the endpoint of <paramref name="http"/>.</summary>
    public static string Needed(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<NeededScope>()?.Scope ?? ApiKeyScopes.Admin;

    /// <summary>True when the caller is an API key with <paramref name="scope"/> (or an administrator's).</summary>
    public static bool HasScope(this System.Security.Claims.ClaimsPrincipal caller, string scope) => caller.IsApiKey() && ApiKeyScopes.Allow(caller.Scopes(), scope);

    /// <summary>Says in the OpenAPI document which scope a key needs for each operation: <c>x-api-key-scope</c>.</summary>
    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<NeededScope>().LastOrDefault()?.Scope ?? ApiKeyScopes.Admin;
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-api-key-scope"] = new JsonNodeExtension(JsonValue.Create(scope));
        return Task.CompletedTask;
    }

    private static bool Allows(HttpContext http) => http.User.HasScope(Needed(http));

    /// <summary>Refuses an API key outside its scopes (403, naming the scope); placed after authentication, before authorization.</summary>
    public static IApplicationBuilder UseApiKeyScopeGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.IsApiKey() && http.GetEndpoint() is not null && !Allows(http))
        {
            var needed = Needed(http);
            await TypedResults.Problem(
                $"This API key lacks the scope '{needed}' that this endpoint needs; an administrator can issue a key with it.",
                statusCode: StatusCodes.Status403Forbidden, title: "Outside the API key's scopes.", extensions: new Dictionary<string, object?> { ["scope"] = needed })
                .ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    private sealed record NeededScope(string Scope);
}
