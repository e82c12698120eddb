using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>A new agent: role <c>agent</c> or <c>admin</c>; the password is at least 12 characters.</summary>
public sealed record NewAgentRequest(string? DisplayName, string? Email, string? Password, AgentRole? Role = null);

public static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/tenants/{tenantId}/agents").WithTags("Agents");
        agents.MapPost("/", Add).WithSummary("Add an agent or administrator (administrators only).");
        agents.MapGet("/", List).WithSummary("The tenant's agents and administrators (administrators only).");
        agents.MapGet("/{agentId}", Get).WithSummary("Read an agent's profile.");
        return app;
    }

    /// <summary>Registers the e-mail, then creates the agent; null when the e-mail is taken in this tenant.</summary>
    public static async Task<AgentProfile?> Create(IClusterClient cluster, string tenantId, NewAgentRequest request)
    {
        var agentId = Guid.NewGuid().ToString("N");
        if (!await cluster.GetGrain<ITenantGrain>(tenantId).RegisterAgentEmail(request.Email!, agentId))
        {
            return null;
        }

        return await cluster.GetGrain<IAgentGrain>($"{tenantId}:{agentId}")
            .Create(new NewAgent(request.DisplayName!, request.Email!, request.Role ?? AgentRole.Agent, request.Password!));
    }

    private static async Task<Results<Created<AgentProfile>, ValidationProblem, ProblemHttpResult>> Add(
        string tenantId, NewAgentRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (!caller.IsAdminOf(tenantId))
        {
            return caller.BelongsTo(tenantId) ? Forbidden() : TenantsApi.TenantNotFound(tenantId);
        }

        var rules = new AccountRules()
            .Text("displayName", request.DisplayName, 100)
            .Email("email", request.Email)
            .Password("password", request.Password)
            .Defined<AgentRole>("role", request.Role ?? AgentRole.Agent);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The agent is not valid.");
        }

        return await Create(cluster, tenantId, request) is { } agent
            ? TypedResults.Created($"/api/tenants/{tenantId}/agents/{agent.AgentId}", agent)
            : Problems.Conflict("E-mail in use.", "Another agent of this tenant has this e-mail address.");
    }

    private static async Task<Results<Ok<AgentProfile>, ProblemHttpResult>> Get(string tenantId, string agentId, ClaimsPrincipal caller, IClusterClient cluster) =>
        caller.IsStaffOf(tenantId) && Guid.TryParseExact(agentId, "N", out _)
            && await cluster.GetGrain<IAgentGrain>($"{tenantId}:{agentId}").GetProfile() is { } agent
            ? TypedResults.Ok(agent)
            : Problems.NotFound("Agent not found.", $"There is no agent '{agentId}' for you in this tenant.");

    private static async Task<Results<Ok<List<AgentProfile>>, ProblemHttpResult>> List(string tenantId, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (!caller.IsAdminOf(tenantId))
        {
            return caller.BelongsTo(tenantId) ? Forbidden() : TenantsApi.TenantNotFound(tenantId);
        }

        var ids = await cluster.GetGrain<ITenantGrain>(tenantId).ListAgentIds();
        var profiles = await Task.WhenAll(ids.Select(id => cluster.GetGrain<IAgentGrain>($"{tenantId}:{id}").GetProfile()));
        return TypedResults.Ok(profiles.OfType<AgentProfile>().OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList());
    }

    public static ProblemHttpResult Forbidden() => Problems.Forbidden("Only the tenant's administrators may do this.");
}
