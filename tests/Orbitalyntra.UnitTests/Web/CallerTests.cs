using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.UnitTests.Web;

/// <summary>What a signed-in connection keeps of its validated token: the caller, and nothing of the token.</summary>
public sealed class CallerTests
{
    [Fact]
    public async Task A_retained_principal_is_the_same_caller_without_the_token()
    {
        var validated = await Validated(new Dictionary<string, object>
        {
            [Caller.TenantClaim] = "acme",
            [Caller.RoleClaim] = Caller.VisitorRole,
            [Caller.SubjectClaim] = "visitor-1",
            ["extra"] = "not kept",
        });

        var retained = Caller.Retained(validated, "Bearer");

        Assert.True(retained.BelongsTo("acme"));
        Assert.True(retained.IsVisitor());
        Assert.Equal("visitor-1", retained.SubjectId());
        Assert.Equal("visitor-1", retained.Identity!.Name);
        // The issue time stays: whether the credential has ended since is asked with it (docs/decisions/0037).
        Assert.Equal(new[] { Caller.TenantClaim, Caller.RoleClaim, Caller.SubjectClaim, Caller.IssuedAtClaim }.Order(), retained.Claims.Select(claim => claim.Type).Order());
        Assert.NotNull(retained.IssuedAt());
        var identity = Assert.IsType<ClaimsIdentity>(Assert.Single(retained.Identities));
        Assert.All(retained.Claims, claim => Assert.Same(identity, claim.Subject));
    }

    [Fact]
    public async Task A_staff_member_stays_staff()
    {
        var retained = Caller.Retained(await Validated(new Dictionary<string, object>
        {
            [Caller.TenantClaim] = "acme",
            [Caller.RoleClaim] = Caller.AdminRole,
            [Caller.SubjectClaim] = "agent-1",
        }), "Bearer");

        Assert.True(retained.IsAdminOf("acme"));
        Assert.False(retained.IsStaffOf("other"));
    }

    /// <summary>The principal JwtBearer would hand on: validated from a signed token, its identity holding the token.</summary>
    private static async Task<ClaimsPrincipal> Validated(Dictionary<string, object> claims)
    {
        var key = new SymmetricSecurityKey(new byte[32]);
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "issuer",
            Audience = "audience",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "issuer",
            ValidAudience = "audience",
            IssuerSigningKey = key,
            NameClaimType = Caller.SubjectClaim,
            RoleClaimType = Caller.RoleClaim,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return new ClaimsPrincipal(result.ClaimsIdentity);
    }
}
