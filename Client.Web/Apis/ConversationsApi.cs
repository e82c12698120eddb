using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Privacy;
using Orbitalyntra.Visitors;
using Orbitalyntra.Web.Chat;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

public static class ConversationsApi
{
    /// <summary>The body of a status change: <c>status</c> open, pending, resolved or snoozed, with <c>snoozeUntil</c> for snoozed.</summary>
    public sealed record StatusChangeRequest(ConversationStatus? Status, DateTimeOffset? SnoozeUntil);

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants/{tenantId}/conversations", Start).WithTags("Conversations").RequireTenantMember()
            .WithSummary("Start a conversation (a visitor starts its own).");
        // A conversation's own routes are checked by ConversationCommands, as the hub's calls are.
        var conversation = app.MapGroup("/api/tenants/{tenantId}/conversations/{conversationId}").WithTags("Conversations");
        conversation.MapGet("/", Get).ForApiKeysWith(ApiKeyScopes.ConversationsRead).WithSummary("Read a conversation's summary.");
        conversation.MapPost("/messages", Post)
            .WithSummary("Post a message as the caller; idempotent by the caller and its client message id.");
        conversation.MapPost("/notes", PostNote)
            .WithSummary("Add a private note (staff only): other staff see it, the visitor never does.");
        conversation.MapPut("/status", SetStatus)
            .WithSummary("Set the status (staff only): open, pending, resolved, or snoozed until a time, when it opens again by itself.");
        conversation.MapGet("/messages", Read).ForApiKeysWith(ApiKeyScopes.ConversationsRead)
            .WithSummary("Read messages after a sequence number, oldest first, a page at a time (private notes for staff only, never for API keys with conversations:read alone).");
        conversation.MapPost("/assistant/answered", AssistantAnswered)
            .WithSummary("The visitor says the FAQ assistant's suggestions answered the question: resolved as deflected (counted once).");
        conversation.MapPost("/assistant/hand-off", TalkToPerson)
            .WithSummary("The visitor asks for a person after the FAQ assistant's suggestions: the conversation goes to the inbox.");
        return app;
    }

    private static async Task<Results<Created<ConversationSummary>, ProblemHttpResult>> Start(
        string tenantId, HttpContext http, IClusterClient cluster, VisitorBanGate bans)
    {
        var owner = http.User.IsVisitor() ? http.User.SubjectId() : null;
        var key = new ConversationKey(tenantId, Guid.CreateVersion7());
        if (owner is not null && await cluster.VisitorSession(new SubjectKey(tenantId, owner)).AdmitConversation(key.ConversationId) is { } refusal)
        {
            return Problems.TooMany(http.Response, refusal);
        }

        // The network an agent may ban with the visitor, from this conversation (docs/decisions/0049).
        if (owner is not null && bans.NetworkHash(tenantId, http.Connection.RemoteIpAddress) is { } network)
        {
            await cluster.DataSubject(new SubjectKey(tenantId, owner)).NoteNetwork(network);
        }

        var summary = await cluster.Conversation(key).Start(owner);
        return summary is null
            ? Problems.NotFound("Tenant not found.", $"There is no tenant '{tenantId}'.")
            : TypedResults.Created($"/api/tenants/{tenantId}/conversations/{summary.ConversationId}", summary);
    }

    private static async Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> Get([AsParameters] ConversationRoute route) =>
        CommandAnswers.Ok(await route.Commands.Summary(route.Call));

    private static async Task<Results<Created<ChatMessage>, Ok<ChatMessage>, ValidationProblem, ProblemHttpResult>> Post(
        [AsParameters] ConversationRoute route, PostMessageRequest message) =>
        CommandAnswers.Stored(route, await route.Commands.Post(route.Call, message, isNote: false));

    private static async Task<Results<Created<ChatMessage>, Ok<ChatMessage>, ValidationProblem, ProblemHttpResult>> PostNote(
        [AsParameters] ConversationRoute route, PostMessageRequest note) =>
        CommandAnswers.Stored(route, await route.Commands.Post(route.Call, note, isNote: true));

    private static async Task<Results<Ok<MessagePage>, ValidationProblem, ProblemHttpResult>> Read(
        [AsParameters] ConversationRoute route, long after = 0, int limit = 50) =>
        CommandAnswers.OkOrInvalid(await route.Commands.Read(route.Call, after, limit));

    private static async Task<Results<Ok<ConversationSummary>, ValidationProblem, ProblemHttpResult>> SetStatus(
        [AsParameters] ConversationRoute route, StatusChangeRequest request) =>
        CommandAnswers.OkOrInvalid(await route.Commands.SetStatus(route.Call, new StatusChange(request.Status ?? 0, request.SnoozeUntil)));

    private static async Task<Results<NoContent, ProblemHttpResult>> AssistantAnswered([AsParameters] ConversationRoute route) =>
        NoContentOr(await route.Commands.AnswerAssistant(route.Call, answered: true));

    private static async Task<Results<NoContent, ProblemHttpResult>> TalkToPerson([AsParameters] ConversationRoute route) =>
        NoContentOr(await route.Commands.AnswerAssistant(route.Call, answered: false));

    private static Results<NoContent, ProblemHttpResult> NoContentOr(CommandOutcome<Done> outcome) =>
        outcome.Refusal is { } refusal ? CommandAnswers.Problem(refusal) : TypedResults.NoContent();
}
