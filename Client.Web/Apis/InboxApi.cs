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
        var staff = app.MapGroup("/api/tenants/{tenantId}").WithTags("Inbox").RequireTenantStaff();
        staff.MapGet("/inbox", Get)
            .WithSummary("Waiting conversations a page at a time (limit, waitingAfter), every assignment and agents' availability (staff only).");
        staff.MapPut("/presence", Heartbeat)
            .WithSummary("An agent's heartbeat: online, away or offline, and capacity; send it at least every 90 seconds to stay online.");
        // A conversation's own routes are checked by ConversationCommands, as the hub's calls are.
        var conversation = app.MapGroup("/api/tenants/{tenantId}/conversations/{conversationId}").WithTags("Inbox");
        conversation.MapPost("/claim", Claim).WithSummary("Take a conversation (an online agent).");
        conversation.MapPost("/transfer", Transfer).WithSummary("Give a conversation to another online agent of the tenant (staff only).");
        return app;
    }

    private static async Task<Results<Ok<InboxListing>, ValidationProblem>> Get(string tenantId, IClusterClient cluster, int? limit, long? waitingAfter)
    {
        if (limit is < 1 or > InboxRules.MaxListLimit || waitingAfter is < 0)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["limit"] = [$"limit must be 1 to {InboxRules.MaxListLimit}; waitingAfter the nextWaitingAfter of the page before."],
                },
                title: "The inbox page is not valid.");
        }

        return TypedResults.Ok(await cluster.GetGrain<IInboxGrain>(tenantId).ListInbox(waitingAfter ?? 0, limit ?? InboxRules.DefaultListLimit));
    }

    private static async Task<Results<Ok<AgentAvailability>, ValidationProblem, ProblemHttpResult>> Heartbeat(
        string tenantId, PresenceRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (await cluster.SignedInAgentId(caller, tenantId) is not { } agentId)
        {
            return Problems.Forbidden("Presence is for signed-in agents, not API keys.");
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

    private static async Task<Results<Ok<Assignment>, ProblemHttpResult>> Claim([AsParameters] ConversationRoute route) =>
        CommandAnswers.Ok(await route.Commands.Claim(route.Call));

    private static async Task<Results<Ok<Assignment>, ProblemHttpResult>> Transfer([AsParameters] ConversationRoute route, TransferRequest request) =>
        CommandAnswers.Ok(await route.Commands.Transfer(route.Call, request.AgentId));
}
