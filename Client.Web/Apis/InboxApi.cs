using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Desk;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

public static class InboxApi
{
    public sealed record PresenceRequest(PresenceStatus? Status, int? Capacity);

    public sealed record TransferRequest(string? AgentId);

    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tenants/{tenantId}/inbox", Get).WithTags("Inbox").WithSummary("Waiting conversations, assignments and agents' availability (staff only).");
        app.MapPut("/api/tenants/{tenantId}/presence", Heartbeat).WithTags("Inbox")
            .WithSummary("An agent's heartbeat: online, away or offline, and capacity; send it at least every 90 seconds to stay online.");
        app.MapPost("/api/tenants/{tenantId}/conversations/{conversationId}/claim", Claim).WithTags("Inbox")
            .WithSummary("Take a conversation (an online agent).");
        app.MapPost("/api/tenants/{tenantId}/conversations/{conversationId}/transfer", Transfer).WithTags("Inbox")
            .WithSummary("Give a conversation to another online agent of the tenant (staff only).");
        return app;
    }

    private static async Task<Results<Ok<InboxView>, ProblemHttpResult>> Get(string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
        caller.IsStaffOf(tenantId) ? TypedResults.Ok(await cluster.GetGrain<IInboxGrain>(tenantId).GetInbox()) : TenantsApi.TenantNotFound(tenantId);

    private static async Task<Results<Ok<AgentAvailability>, ValidationProblem, ProblemHttpResult>> Heartbeat(
        string tenantId, PresenceRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (await SignedInAgent(tenantId, caller, cluster) is not { } agentId)
        {
            return caller.IsStaffOf(tenantId) ? Problems.Forbidden("Presence is for signed-in agents, not API keys.") : TenantsApi.TenantNotFound(tenantId);
        }

        var capacity = request.Capacity ?? InboxRules.DefaultCapacity;
        if (request.Status is not { } status || !Enum.IsDefined(status) || capacity is < 1 or > InboxRules.MaxCapacity)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["presence"] = [$"status must be online, away or offline; capacity between 1 and {InboxRules.MaxCapacity}."] },
                title: "The presence is not valid.");
        }

        return TypedResults.Ok(await cluster.GetGrain<IInboxGrain>(tenantId).Heartbeat(agentId, status, capacity));
    }

    private static async Task<Results<Ok<Assignment>, ProblemHttpResult>> Claim(
        string tenantId, string conversationId, ClaimsPrincipal caller, ConversationAccess access, IClusterClient cluster)
    {
        if (await access.Find(caller, tenantId, conversationId) is not { } found)
        {
            return ConversationNotFound(conversationId);
        }

        if (await SignedInAgent(tenantId, caller, cluster) is not { } agentId)
        {
            return Problems.Forbidden("Only a signed-in agent claims conversations.");
        }

        return await cluster.GetGrain<IInboxGrain>(tenantId).Assign(found.Key.ConversationId, agentId)
            ? TypedResults.Ok(new Assignment(found.Key.ConversationId, agentId))
            : Problems.Conflict("Not online.", "Send a heartbeat with status online before claiming conversations.");
    }

    private static async Task<Results<Ok<Assignment>, ProblemHttpResult>> Transfer(
        string tenantId, string conversationId, TransferRequest request, ClaimsPrincipal caller, ConversationAccess access, IClusterClient cluster)
    {
        if (await access.Find(caller, tenantId, conversationId) is not { } found)
        {
            return ConversationNotFound(conversationId);
        }

        if (!caller.IsStaff())
        {
            return Problems.Forbidden("Only the tenant's staff route conversations.");
        }

        if (!Guid.TryParseExact(request.AgentId, "N", out _) || await cluster.GetGrain<IAgentGrain>($"{tenantId}:{request.AgentId}").GetProfile() is null)
        {
            return Problems.NotFound("Agent not found.", $"There is no agent '{request.AgentId}' in this tenant.");
        }

        return await cluster.GetGrain<IInboxGrain>(tenantId).Assign(found.Key.ConversationId, request.AgentId!)
            ? TypedResults.Ok(new Assignment(found.Key.ConversationId, request.AgentId!))
            : Problems.Conflict("Agent not online.", "Conversations go only to online agents.");
    }

    /// <summary>The caller's agent id when the caller is a signed-in agent of the tenant (not an API key).</summary>
    private static async Task<string?> SignedInAgent(string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
        caller.IsStaffOf(tenantId) && caller.SubjectId() is { } id && Guid.TryParseExact(id, "N", out _)
            && await cluster.GetGrain<IAgentGrain>($"{tenantId}:{id}").GetProfile() is not null
            ? id
            : null;

    private static ProblemHttpResult ConversationNotFound(string conversationId) =>
        Problems.NotFound("Conversation not found.", $"There is no conversation '{conversationId}' for you in this tenant.");
}
