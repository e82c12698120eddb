using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// Two-step sign-in (docs/decisions/0053): an account holder sets up, proves and removes their own authenticator under
/// <c>/agents/me/second-factor</c>; an administrator removes an agent's (a lost phone). Secrets are answered once and
/// never cached.
/// </summary>
public static class SecondFactorApi
{
    public sealed record CodeRequest(string? Code);

    /// <summary>The caller's second factor, and whether their organisation requires one of them.</summary>
    public sealed record SecondFactorView(bool Enabled, DateTimeOffset? EnabledAt, bool Required);

    public static IEndpointRouteBuilder MapSecondFactorApi(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/tenants/{tenantId}/agents/me/second-factor").WithTags("Account holders").RequireTenantStaff();
        mine.MapGet("/", Get).WithSummary("Whether one's own sign-in asks an authenticator's code, and whether the organisation requires it.");
        mine.MapPost("/", Begin)
            .WithSummary("Start setting up an authenticator: a new secret (Base32 and otpauth:// address), in this answer only; the current one stays until the new one's first code.");
        mine.MapPost("/confirmation", Confirm).WithSummary("Turn two-step sign-in on with the first code of the secret being set up.");
        mine.MapPost("/removal", Disable)
            .WithSummary("Turn two-step sign-in off with a current code; refused to administrators while the organisation requires it.");
        app.MapDelete("/api/tenants/{tenantId}/agents/{agentId}/second-factor", Reset).WithTags("Agents").RequireTenantAdmin()
            .WithSummary("Remove an agent's authenticator (a lost phone): they sign in with their password, or set a new one up when required.");
        return app;
    }

    private static async Task<Results<Ok<SecondFactorView>, ProblemHttpResult>> Get(string tenantId, ClaimsPrincipal caller, IClusterClient cluster)
    {
        var me = AccountHoldersApi.Me(cluster, tenantId, caller);
        if (await me.GetProfile() is not { } profile || await me.GetSecondFactor() is not { } status)
        {
            return AccountHoldersApi.NotAnAgent();
        }

        return TypedResults.Ok(new SecondFactorView(status.Enabled, status.EnabledAt, await Required(cluster, profile)));
    }

    private static async Task<Results<Ok<SecondFactorEnrollment>, ProblemHttpResult>> Begin(
        string tenantId, ClaimsPrincipal caller, HttpResponse response, IClusterClient cluster)
    {
        if (await AccountHoldersApi.Me(cluster, tenantId, caller).BeginSecondFactor() is not { } enrollment)
        {
            return AccountHoldersApi.NotAnAgent();
        }

        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(enrollment);
    }

    private static async Task<Results<Ok<SecondFactorView>, ValidationProblem, ProblemHttpResult>> Confirm(
        string tenantId, CodeRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        var (me, profile, invalid) = await CodeFromAgent(tenantId, request, caller, cluster);
        if (invalid is not null)
        {
            return invalid;
        }

        if (profile is null)
        {
            return AccountHoldersApi.NotAnAgent();
        }

        if (!await me.ConfirmSecondFactor(request.Code!))
        {
            return WrongCode("Start again if nothing is being set up, or enter the code the app shows now.");
        }

        var status = await me.GetSecondFactor();
        return TypedResults.Ok(new SecondFactorView(true, status?.EnabledAt, await Required(cluster, profile)));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Disable(
        string tenantId, CodeRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        var (me, profile, invalid) = await CodeFromAgent(tenantId, request, caller, cluster);
        if (invalid is not null)
        {
            return invalid;
        }

        if (profile is null)
        {
            return AccountHoldersApi.NotAnAgent();
        }

        if (await Required(cluster, profile))
        {
            return Problems.Conflict(
                "Two-step sign-in is required.", "Your organisation requires two-step sign-in of administrators: it cannot be turned off. Set up a new authenticator instead.");
        }

        return await me.DisableSecondFactor(request.Code!) ? TypedResults.NoContent() : WrongCode("Enter the code the app shows now.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Reset(string tenantId, string agentId, ClaimsPrincipal caller, IClusterClient cluster) =>
        Guid.TryParseExact(agentId, "N", out _) && await cluster.Agent(tenantId, agentId).ResetSecondFactor(caller.AsActor())
            ? TypedResults.NoContent()
            : Problems.NotFound("No second factor.", $"There is no agent '{agentId}' with two-step sign-in in this tenant.");

    private static async Task<bool> Required(IClusterClient cluster, AgentProfile profile) =>
        profile.Role == AgentRole.Admin && (await cluster.GetGrain<ITenantGrain>(profile.TenantId).GetSettings())?.AdminsNeedSecondFactor == true;

    /// <summary>The signed-in agent and their profile (null when the caller has no account) for a request carrying a code, unless the code is malformed.</summary>
    private static async Task<(IAgentGrain Me, AgentProfile? Profile, ValidationProblem? Invalid)> CodeFromAgent(
        string tenantId, CodeRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        var me = AccountHoldersApi.Me(cluster, tenantId, caller);
        var rules = new AccountRules().SecondFactorCode("code", request.Code, required: true);
        return rules.Valid
            ? (me, await me.GetProfile(), null)
            : (me, null, TypedResults.ValidationProblem(rules.Problems, title: "The code is not valid."));
    }

    private static ValidationProblem WrongCode(string hint) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["code"] = [$"The code is wrong or was already used. {hint}"] }, title: "The code is not valid.");
}
