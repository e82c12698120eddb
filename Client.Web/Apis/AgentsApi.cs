using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;

namespace Orbitalyntra.Web.Apis;

/// <summary>A new agent: role <c>agent</c> or <c>admin</c>; the password is at least 12 characters.</summary>
public sealed record NewAgentRequest(string? DisplayName, string? Email, string? Password, AgentRole? Role = null);

public static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/tenants/{tenantId}/agents").WithTags("Agents").RequireTenantAdmin();
        agents.MapPost("/", Add).WithSummary("Add an agent or administrator (administrators only).");
        agents.MapGet("/", List).WithSummary("The tenant's agents and administrators (administrators only).");
        // Anyone but the tenant's staff is told that the agent does not exist, as for an unknown agent id.
        app.MapGet("/api/tenants/{tenantId}/agents/{agentId}", Get).WithTags("Agents")
            .RequireTenantStaff(notFound: http => AgentNotFound(http.GetRouteValue("agentId") as string))
            .WithSummary("Read an agent's profile.");
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

        return await cluster.Agent(tenantId, agentId)
            .Create(new NewAgent(request.DisplayName!, request.Email!, request.Role ?? AgentRole.Agent, request.Password!));
    }

    private static async Task<Results<Created<AgentProfile>, ValidationProblem, ProblemHttpResult>> Add(
        string tenantId, NewAgentRequest request, IClusterClient cluster)
    {
        var rules = new AccountRules()
            .Name("displayName", request.DisplayName, 100)
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

    private static async Task<Results<Ok<AgentProfile>, ProblemHttpResult>> Get(string tenantId, string agentId, IClusterClient cluster) =>
        Guid.TryParseExact(agentId, "N", out _) && await cluster.Agent(tenantId, agentId).GetProfile() is { } agent
            ? TypedResults.Ok(agent)
            : AgentNotFound(agentId);

    private static async Task<Ok<List<AgentProfile>>> List(string tenantId, IClusterClient cluster)
    {
        var ids = await cluster.GetGrain<ITenantGrain>(tenantId).ListAgentIds();
        var profiles = await Task.WhenAll(ids.Select(id => cluster.Agent(tenantId, id).GetProfile()));
        return TypedResults.Ok(profiles.OfType<AgentProfile>().OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ToList());
    }

    private static ProblemHttpResult AgentNotFound(string? agentId) =>
        Problems.NotFound("Agent not found.", $"There is no agent '{agentId}' for you in this tenant.");
}
