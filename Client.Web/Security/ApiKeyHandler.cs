using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orbitalyntra.Accounts;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// <c>Authorization: ApiKey oly_…</c>: a tenant's API key, checked against the tenant's stored hash on every request, so
/// that a revoked key stops working at once. What it may reach is its scopes' (<see cref="ApiScopes"/>).
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IClusterClient cluster) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeys.TryParse(header[(SchemeName.Length + 1)..].Trim(), out var tenantId, out var keyId, out var secret)
            || await cluster.GetGrain<ITenantGrain>(tenantId).VerifyApiKey(keyId, secret) is not { } scopes)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        // A REST request checks the key every time; a hub connection made with it closes after a few minutes and must
        // authenticate again, so a revoked key cannot keep a connection open.
        var properties = new AuthenticationProperties { ExpiresUtc = TimeProvider.GetUtcNow() + ConnectionLifetime };
        return AuthenticateResult.Success(new AuthenticationTicket(Caller.ApiKey(tenantId, keyId, scopes), properties, SchemeName));
    }
}
