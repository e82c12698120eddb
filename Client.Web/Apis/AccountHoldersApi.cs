using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// The rights of account holders (agents and administrators) over their own data, signed in: the same tracked requests,
/// deadlines and audit as visitors' (an agent is a data subject under their agent id; docs/decisions/0034). The password
/// is changed under <c>/agents/me/password</c> (NotificationsApi).
/// </summary>
public static class AccountHoldersApi
{
    public sealed record ProfileRequest(string? DisplayName, string? Email);

    public sealed record EmailConfirmationRequest(string? TenantId, string? AgentId, long? Expires, string? Token);

    public static IEndpointRouteBuilder MapAccountHoldersApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/tenants/{tenantId}/agents/me").WithTags("Account holders").RequireTenantStaff();
        me.MapGet("/profile", GetProfile).WithSummary("The signed-in agent's own profile, with a new e-mail waiting for confirmation.");
        me.MapPut("/profile", PutProfile)
            .WithSummary("Rectify one's own display name (at once) or e-mail (once the link mailed to the new address is followed); a tracked rectification request.");
        me.MapGet("/export", Export)
            .WithSummary("Download one's own data (art. 15, 20): account, consents, own actions in the audit trail, own messages; a tracked access request, completed by the download.");
        me.MapPost("/erasure", Erase)
            .WithSummary("Ask for the erasure of one's own account (art. 17); the last administrator is refused and closes the organisation instead.");
        me.MapGet("/requests", Requests).WithSummary("One's own data-subject requests and where they stand (a held erasure says why).");
        app.MapPost("/api/account-email-confirmations", Confirm).WithTags("Account holders").AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("Confirm an account holder's new e-mail with the token of the link mailed to it: no sign-in, the token is the proof.");
        return app;
    }

    private static async Task<Results<Ok<AgentProfile>, ProblemHttpResult>> GetProfile(string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
        await Me(cluster, tenantId, caller).GetProfile() is { } profile ? TypedResults.Ok(profile) : NotAnAgent();

    private static async Task<Results<Ok<ProfileChange>, ValidationProblem, ProblemHttpResult>> PutProfile(
        string tenantId, ProfileRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        var rules = new AccountRules();
        if (request.DisplayName is not null || request.Email is null)
        {
            rules.Name("displayName", request.DisplayName, 100);
        }

        if (request.Email is not null)
        {
            rules.Email("email", request.Email.Trim());
        }

        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The profile is not valid.");
        }

        var agent = Me(cluster, tenantId, caller);
        if (await agent.GetProfile() is null)
        {
            return NotAnAgent();
        }

        var email = request.Email?.Trim();
        if (email is not null && await cluster.GetGrain<ITenantGrain>(tenantId).FindAgentByEmail(email) is { } owner && owner != caller.SubjectId())
        {
            return Problems.Conflict("E-mail in use.", "Another agent of this organisation signs in with this e-mail address.");
        }

        await Rights(cluster, tenantId, caller).File(RequestKind.Rectification, caller.AsActor());
        return await agent.UpdateProfile(request.DisplayName?.Trim(), email, caller.AsActor()) is { } change ? TypedResults.Ok(change) : NotAnAgent();
    }

    /// <summary>Made on demand and never stored, as visitors' (docs/decisions/0009); filed as an access request so that it is tracked.</summary>
    private static async Task<Results<Ok<SubjectExport>, ProblemHttpResult>> Export(string tenantId, ClaimsPrincipal caller, IClusterClient cluster, HttpContext http)
    {
        if (await Me(cluster, tenantId, caller).GetProfile() is null)
        {
            return NotAnAgent();
        }

        var rights = Rights(cluster, tenantId, caller);
        await rights.File(RequestKind.Access, caller.AsActor());
        if (await rights.Export(caller.AsActor()) is not { } export)
        {
            return NotAnAgent();
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"personal-data-{caller.SubjectId()}.json\"";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(export);
    }

    private static async Task<Results<Accepted<FiledRequest>, ProblemHttpResult>> Erase(string tenantId, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (await Me(cluster, tenantId, caller).GetProfile() is not { } profile)
        {
            return NotAnAgent();
        }

        if (profile.Role == AgentRole.Admin && await AdministratorCount(cluster, tenantId) <= 1)
        {
            return Problems.Conflict(
                "Last administrator.",
                "You are the organisation's last administrator: your account cannot be erased while the organisation exists. Close the organisation instead (POST /api/tenants/{tenantId}/closure), which deletes everything after its grace period, or make another administrator first.");
        }

        return TypedResults.Accepted((string?)null, await Rights(cluster, tenantId, caller).File(RequestKind.Erasure, caller.AsActor()));
    }

    private static async Task<Results<Ok<List<SubjectRequest>>, ProblemHttpResult>> Requests(string tenantId, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (await Me(cluster, tenantId, caller).GetProfile() is null)
        {
            return NotAnAgent();
        }

        var all = await cluster.GetGrain<IPrivacyRequestsGrain>(tenantId).List(openOnly: false);
        return TypedResults.Ok(all.Where(r => r.SubjectId == caller.SubjectId()).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Confirm(EmailConfirmationRequest request, IClusterClient cluster)
    {
        if (!TenantIds.IsValid(request.TenantId) || request.AgentId is null || !Guid.TryParseExact(request.AgentId, "N", out _)
            || request.Expires is not { } expires || request.Token is not { Length: > 0 and <= 128 } token)
        {
            return LinkNotValid();
        }

        return await cluster.Agent(request.TenantId!, request.AgentId).ConfirmEmail(expires, token) switch
        {
            EmailConfirmation.Confirmed => TypedResults.NoContent(),
            EmailConfirmation.Taken => Problems.Conflict("E-mail in use.", "Another agent of this organisation signs in with this address now: the change was not made."),
            _ => LinkNotValid(),
        };
    }

    private static async Task<int> AdministratorCount(IClusterClient cluster, string tenantId)
    {
        var ids = await cluster.GetGrain<ITenantGrain>(tenantId).ListAgentIds();
        var profiles = await Task.WhenAll(ids.Select(id => cluster.Agent(tenantId, id).GetProfile()));
        return profiles.Count(p => p?.Role == AgentRole.Admin);
    }

    /// <summary>The signed-in person's account; an API key (whose subject is no agent) finds none.</summary>
    internal static IAgentGrain Me(IClusterClient cluster, string tenantId, ClaimsPrincipal caller) =>
        cluster.Agent(tenantId, caller.SubjectId() is { } id && Guid.TryParseExact(id, "N", out _) ? id : "none");

    private static ISubjectRightsGrain Rights(IClusterClient cluster, string tenantId, ClaimsPrincipal caller) =>
        cluster.SubjectRights(new SubjectKey(tenantId, caller.SubjectId()!));

    private static ProblemHttpResult LinkNotValid() => Problems.NotFound(
        "Confirmation link not valid.", "This confirmation link is not valid: it expired, or another address was asked for since. Ask for the change again in the console.");

    internal static ProblemHttpResult NotAnAgent() =>
        Problems.NotFound("Agent not found.", "Only a signed-in agent or administrator has an account of their own; not an API key.");
}
