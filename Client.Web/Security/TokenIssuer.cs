using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// Issues the signed, expiring bearer tokens of agents (API clients) and visitors (the widget): JWTs signed with
/// HMAC-SHA256 under <c>Auth:SigningKey</c>, so that any web host of the deployment validates any other's tokens.
/// </summary>
public sealed class TokenIssuer(TokenSettings settings, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();

    /// <summary>A token of <paramref name="subject"/>, valid for <paramref name="lifetime"/>; with <paramref name="sessionId"/> for a person's session (an agent's sign-in), which signing out ends.</summary>
    // issuedAt: the session's issue time when it is not now — the second from which the agent's sessions hold again, for
    // a sign-in in the very second a password change ended the sessions before it (docs/decisions/0037).
    public IssuedToken Issue(string tenantId, string role, string subject, TimeSpan lifetime, string? sessionId = null, DateTimeOffset? issuedAt = null)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = TokenSettings.Issuer,
            Audience = TokenSettings.Audience,
            IssuedAt = (issuedAt ?? now).UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [Caller.TenantClaim] = tenantId,
                [Caller.RoleClaim] = role,
                [Caller.SubjectClaim] = subject,
            },
            SigningCredentials = new SigningCredentials(settings.Key, SecurityAlgorithms.HmacSha256),
        };
        if (sessionId is not null)
        {
            descriptor.Claims[Caller.SessionClaim] = sessionId;
        }

        var token = handler.CreateToken(descriptor);
        return new IssuedToken(token, expires);
    }
}

/// <summary>A bearer token and when it stops working.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>The key that signs and checks bearer tokens, from <c>Auth:SigningKey</c> (base64, at least 256 bits).</summary>
public sealed class TokenSettings
{
    public const string Issuer = "orbitalyntra";
    public const string Audience = "orbitalyntra";

    public TokenSettings(IConfiguration configuration)
    {
        var configured = configuration["Auth:SigningKey"];
        byte[] key;
        try
        {
            key = Convert.FromBase64String(configured ?? "");
        }
        catch (FormatException)
        {
            key = [];
        }

        if (key.Length < 32)
        {
            throw new InvalidOperationException(
                "Auth:SigningKey must be set to a base64 key of at least 32 bytes (e.g. `openssl rand -base64 32`); it signs every bearer token.");
        }

        Key = new SymmetricSecurityKey(key);
    }

    public SymmetricSecurityKey Key { get; }

    public static readonly TimeSpan AgentTokenLifetime = TimeSpan.FromHours(8);
    public static readonly TimeSpan VisitorTokenLifetime = TimeSpan.FromHours(24);
}
