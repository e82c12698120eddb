using System.Security.Claims;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Web.Security;

/// <summary>Who is calling, as the claims of any of our authentication schemes say it.</summary>
public static class Caller
{
    public const string TenantClaim = "tenant";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    /// <summary>The session a person's cookie or bearer token belongs to, so that signing out ends it (docs/decisions/0037).</summary>
    public const string SessionClaim = "sid";

    /// <summary>When the credential was issued, in Unix seconds (JWT's own claim; the cookie carries it too).</summary>
    public const string IssuedAtClaim = "iat";

    public const string AdminRole = "admin";
    public const string AgentRole = "agent";
    public const string VisitorRole = "visitor";

    /// <summary>An API key whose scopes are narrower than an administrator's: a tenant member that is neither staff nor visitor.</summary>
    public const string IntegrationRole = "integration";

    /// <summary>One of an API key's scopes (<see cref="Accounts.ApiKeyScopes"/>), one claim each.</summary>
    public const string ScopeClaim = "scope";

    /// <summary>Someone who runs the cluster: the Orleans Dashboard, no tenant's data.</summary>
    public const string OperatorRole = "operator";

    public static string? TenantId(this ClaimsPrincipal caller) => caller.FindFirstValue(TenantClaim);

    public static string? SubjectId(this ClaimsPrincipal caller) => caller.FindFirstValue(SubjectClaim);

    public static string? SessionId(this ClaimsPrincipal caller) => caller.FindFirstValue(SessionClaim);

    /// <summary>When the caller's credential was issued; null for API keys, which have no session.</summary>
    public static DateTimeOffset? IssuedAt(this ClaimsPrincipal caller) =>
        long.TryParse(caller.FindFirstValue(IssuedAtClaim), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>True when the caller authenticated with an API key.</summary>
    public static bool IsApiKey(this ClaimsPrincipal caller) => caller.Identity?.AuthenticationType == ApiKeyHandler.SchemeName;

    /// <summary>An API key's scopes; none for people and visitors.</summary>
    public static IEnumerable<string> Scopes(this ClaimsPrincipal caller) => caller.FindAll(ScopeClaim).Select(claim => claim.Value);

    public static bool IsVisitor(this ClaimsPrincipal caller) => caller.HasClaim(RoleClaim, VisitorRole);

    public static bool IsAdmin(this ClaimsPrincipal caller) => caller.HasClaim(RoleClaim, AdminRole);

    /// <summary>An agent or an administrator (people or API keys) of the tenant.</summary>
    public static bool IsStaff(this ClaimsPrincipal caller) => caller.IsAdmin() || caller.HasClaim(RoleClaim, AgentRole);

    /// <summary>True when the caller belongs to <paramref name="tenantId"/>: the first check of every tenant-scoped call.</summary>
    public static bool BelongsTo(this ClaimsPrincipal caller, string? tenantId) =>
        tenantId is not null && caller.Identity?.IsAuthenticated == true && string.Equals(caller.TenantId(), tenantId, StringComparison.Ordinal);

    public static bool IsStaffOf(this ClaimsPrincipal caller, string? tenantId) => caller.BelongsTo(tenantId) && caller.IsStaff();

    public static bool IsAdminOf(this ClaimsPrincipal caller, string? tenantId) => caller.BelongsTo(tenantId) && caller.IsAdmin();

    /// <summary>The author a message from this caller is stored under.</summary>
    public static Sender AsSender(this ClaimsPrincipal caller) =>
        new(caller.IsVisitor() ? SenderRole.Visitor : SenderRole.Agent, caller.SubjectId() ?? "");

    /// <summary>Who the audit trail names for this caller: the role and the opaque subject id, nothing personal.</summary>
    public static Privacy.Actor AsActor(this ClaimsPrincipal caller) =>
        new(caller.FindFirstValue(RoleClaim) ?? "unknown", caller.SubjectId() ?? "unknown");

    public static ClaimsPrincipal Principal(string scheme, string tenantId, string role, string subject) =>
        Of(scheme, [new Claim(TenantClaim, tenantId), new Claim(RoleClaim, role), new Claim(SubjectClaim, subject)]);

    /// <summary>
    /// An API key of the tenant: an administrator when one of its scopes is <see cref="Accounts.ApiKeyScopes.Admin"/>
    /// (every key issued before scopes), otherwise an <see cref="IntegrationRole"/> that only its scopes let in.
    /// </summary>
    public static ClaimsPrincipal ApiKey(string tenantId, string keyId, IReadOnlyList<string> scopes) =>
        Of(ApiKeyHandler.SchemeName, [
            new Claim(TenantClaim, tenantId),
            new Claim(RoleClaim, scopes.Contains(Accounts.ApiKeyScopes.Admin) ? AdminRole : IntegrationRole),
            new Claim(SubjectClaim, $"apikey-{keyId}"),
            .. scopes.Select(scope => new Claim(ScopeClaim, scope)),
        ]);

    /// <summary>A person's session: their principal with the session's id and issue time.</summary>
    public static ClaimsPrincipal Session(string scheme, string tenantId, string role, string subject, string sessionId, DateTimeOffset issuedAt) =>
        Of(scheme, [
            new Claim(TenantClaim, tenantId), new Claim(RoleClaim, role), new Claim(SubjectClaim, subject), new Claim(SessionClaim, sessionId),
            new Claim(IssuedAtClaim, issuedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);

    /// <summary>A new session id: 128 random bits, opaque.</summary>
    public static string NewSessionId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// A principal of <paramref name="scheme"/> with fresh copies of only the tenant, role, subject, session and issue-time claims of
    /// <paramref name="validated"/>: nothing of the validated token (its identity, other claims, their JSON) stays reachable.
    /// </summary>
    public static ClaimsPrincipal Retained(ClaimsPrincipal validated, string scheme) =>
        Of(scheme, validated.Claims.Where(claim => claim.Type is TenantClaim or RoleClaim or SubjectClaim or SessionClaim or IssuedAtClaim).Select(claim => new Claim(claim.Type, claim.Value)));

    public static string RoleOf(Accounts.AgentRole role) => role == Accounts.AgentRole.Admin ? AdminRole : AgentRole;

    private static ClaimsPrincipal Of(string scheme, IEnumerable<Claim> claims) => new(new ClaimsIdentity(claims, scheme, SubjectClaim, RoleClaim));
}
