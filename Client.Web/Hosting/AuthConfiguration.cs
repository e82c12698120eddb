using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using System.Threading.RateLimiting;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Hosting;

public static class AuthConfiguration
{
    /// <summary>The scheme that picks the right one of the three by what the request carries.</summary>
    public const string ByCredential = "ByCredential";

    /// <summary>
    /// Three ways in: bearer tokens (agents' API clients and visitors' widgets; on SignalR also as <c>access_token</c>),
    /// tenants' API keys (within their scopes), and the agent console's cookie. Every endpoint requires one unless it is public on purpose.
    /// </summary>
    public static WebApplicationBuilder AddOrbitalyntraAuth(this WebApplicationBuilder builder)
    {
        // Request-start lines carry the query string, where browsers put SignalR's access_token: keep them out of logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton<TokenSettings>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<IdentityVerification>();
        services.AddSingleton<VisitorBanGate>();
        services.AddSingleton<VisitorChallenges>();
        services.AddSingleton(TimeProvider.System);
        services.AddAuthentication(ByCredential)
            .AddPolicyScheme(ByCredential, ByCredential, options => options.ForwardDefaultSelector = context =>
            {
                var authorization = context.Request.Headers.Authorization.ToString();
                return authorization.StartsWith(ApiKeyHandler.SchemeName + " ", StringComparison.OrdinalIgnoreCase) ? ApiKeyHandler.SchemeName
                    : authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || context.Request.Query.ContainsKey("access_token") ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                // Nothing reads the token back from the request's authentication properties: don't keep it there.
                options.SaveToken = false;
                options.Events = new JwtBearerEvents
                {
                    // The validated principal holds the whole token (identity, claims, JSON) and lives as long as a hub
                    // connection does: keep only the claims the host reads (docs/decisions/0017).
                    OnTokenValidated = context =>
                    {
                        context.Principal = Caller.Retained(context.Principal!, JwtBearerDefaults.AuthenticationScheme);
                        return Task.CompletedTask;
                    },
                    // Browsers cannot set headers on WebSocket requests: SignalR sends the token in the query string.
                    OnMessageReceived = context =>
                    {
                        if (context.HttpContext.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is { Count: 1 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                };
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "orbitalyntra.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the client came over HTTPS, the TLS-terminating proxy's word included (TransportSecurity).
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TokenSettings.AgentTokenLifetime;
                options.SlidingExpiration = false;
                options.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenSettings>((options, tokens) =>
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenSettings.Issuer,
                ValidAudience = TokenSettings.Audience,
                IssuerSigningKey = tokens.Key,
                NameClaimType = Caller.SubjectClaim,
                RoleClaimType = Caller.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.SetRetryAfter(retryAfter);
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(RateLimits.PublicEndpoints, context => RateLimitPartition.GetFixedWindowLimiter(
                RateLimits.ClientOf(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = builder.Configuration.GetValue("Auth:PublicRequestsPerMinute", RateLimits.DefaultPublicRequestsPerMinute), Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }

    /// <summary>Authentication, the gates of ended credentials, closed tenants, API keys' scopes and banned visitors, authorization and the public endpoints' rate limit, in that order; fails at start without a signing key.</summary>
    public static WebApplication UseOrbitalyntraAuth(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<TokenSettings>();
        app.UseAuthentication();
        app.UseEndedCredentialGate();
        app.UseClosedTenantGate();
        app.UseApiKeyScopeGate();
        app.UseVisitorBanGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
