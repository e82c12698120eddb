using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Chat;
using Orbitalyntra.Web.Chat;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/tenants/{tenantId}/conversations").WithTags("Conversations");
        conversations.MapPost("/", Start).WithSummary("Start a conversation (a visitor starts its own).");
        conversations.MapGet("/{conversationId}", Get).WithSummary("Read a conversation's summary.");
        conversations.MapPost("/{conversationId}/messages", Post)
            .WithSummary("Post a message as the caller; idempotent by the caller and its client message id.");
        conversations.MapPost("/{conversationId}/notes", PostNote)
            .WithSummary("Add a private note (staff only): other staff see it, the visitor never does.");
        conversations.MapPut("/{conversationId}/status", SetStatus)
            .WithSummary("Set the status (staff only): open, pending, resolved, or snoozed until a time, when it opens again by itself.");
        conversations.MapGet("/{conversationId}/messages", Read)
            .WithSummary("Read messages after a sequence number, oldest first, a page at a time.");
        return app;
    }

    private static async Task<Results<Created<ConversationSummary>, ProblemHttpResult>> Start(
        string tenantId, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (!caller.BelongsTo(tenantId))
        {
            return Problems.NotFound("Tenant not found.", $"There is no tenant '{tenantId}' for you.");
        }

        var owner = caller.IsVisitor() ? caller.SubjectId() : null;
        var summary = await cluster.GetGrain<IConversationGrain>(new ConversationKey(tenantId, Guid.CreateVersion7()).ToString()).Start(owner);
        return summary is null
            ? Problems.NotFound("Tenant not found.", $"There is no tenant '{tenantId}'.")
            : TypedResults.Created($"/api/tenants/{tenantId}/conversations/{summary.ConversationId}", summary);
    }

    private static async Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> Get(
        string tenantId, string conversationId, ClaimsPrincipal caller, ConversationAccess access) =>
        await access.Find(caller, tenantId, conversationId) is { } found ? TypedResults.Ok(found.Summary) : ConversationNotFound(conversationId);

    private static Task<Results<Created<ChatMessage>, Ok<ChatMessage>, ValidationProblem, ProblemHttpResult>> Post(
        string tenantId, string conversationId, PostMessageRequest message, ClaimsPrincipal caller, ConversationAccess access, IClusterClient cluster) =>
        Store(tenantId, conversationId, message, isNote: false, caller, access, cluster);

    private static Task<Results<Created<ChatMessage>, Ok<ChatMessage>, ValidationProblem, ProblemHttpResult>> PostNote(
        string tenantId, string conversationId, PostMessageRequest note, ClaimsPrincipal caller, ConversationAccess access, IClusterClient cluster) =>
        Store(tenantId, conversationId, note, isNote: true, caller, access, cluster);

    private static async Task<Results<Created<ChatMessage>, Ok<ChatMessage>, ValidationProblem, ProblemHttpResult>> Store(
        string tenantId, string conversationId, PostMessageRequest message, bool isNote, ClaimsPrincipal caller, ConversationAccess access, IClusterClient cluster)
    {
        if (await access.Find(caller, tenantId, conversationId) is not { } found)
        {
            return ConversationNotFound(conversationId);
        }

        if (isNote && !caller.IsStaff())
        {
            return Problems.Forbidden("Only the tenant's staff write private notes.");
        }

        var command = message.ToCommand(caller.AsSender(), isNote);
        var problems = ChatRules.Check(command);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The message is not valid.");
        }

        return Answer(found.Key, await cluster.GetGrain<IConversationGrain>(found.Key.ToString()).Post(command));
    }

    /// <summary>The HTTP answer to a post of a message or a file.</summary>
    public static Results<Created<ChatMessage>, Ok<ChatMessage>, ValidationProblem, ProblemHttpResult> Answer(ConversationKey key, PostOutcome outcome) =>
        outcome.Status switch
        {
            PostStatus.Stored => TypedResults.Created(
                $"/api/tenants/{key.TenantId}/conversations/{key.ConversationId}/messages?after={outcome.Message!.Sequence - 1}&limit=1",
                outcome.Message),
            PostStatus.AlreadyStored => TypedResults.Ok(outcome.Message!),
            PostStatus.Rejected => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status400BadRequest, title: "The message is not valid."),
            PostStatus.Busy => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Retry shortly."),
            _ => ConversationNotFound(key.ConversationId.ToString()),
        };

    private static async Task<Results<Ok<MessagePage>, ValidationProblem, ProblemHttpResult>> Read(
        string tenantId, string conversationId, ClaimsPrincipal caller, ConversationAccess access, IClusterClient cluster, long after = 0, int limit = 50)
    {
        if (await access.Find(caller, tenantId, conversationId) is not { } found)
        {
            return ConversationNotFound(conversationId);
        }

        var problems = new Dictionary<string, string[]>();
        if (after < 0)
        {
            problems["after"] = ["after must be 0 or more."];
        }

        if (limit is < 1 or > ChatRules.MaxPageSize)
        {
            problems["limit"] = [$"limit must be between 1 and {ChatRules.MaxPageSize}."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The page is not valid.");
        }

        var page = await cluster.GetGrain<IConversationGrain>(found.Key.ToString()).ReadAfter(after, limit);
        return page is null ? ConversationNotFound(conversationId) : TypedResults.Ok(caller.IsStaff() ? page : page.WithoutNotes());
    }

    private static async Task<Results<Ok<ConversationSummary>, ValidationProblem, ProblemHttpResult>> SetStatus(
        string tenantId, string conversationId, StatusChangeRequest request, ClaimsPrincipal caller, ConversationAccess access, IClusterClient cluster, TimeProvider time)
    {
        if (await access.Find(caller, tenantId, conversationId) is not { } found)
        {
            return ConversationNotFound(conversationId);
        }

        if (!caller.IsStaff())
        {
            return Problems.Forbidden("Only the tenant's staff change a conversation's status.");
        }

        var change = new StatusChange(request.Status ?? 0, request.SnoozeUntil);
        if (ChatRules.Check(change, time.GetUtcNow()) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [problem] }, title: "The status change is not valid.");
        }

        var summary = await cluster.GetGrain<IConversationGrain>(found.Key.ToString()).SetStatus(change);
        return summary is null ? ConversationNotFound(conversationId) : TypedResults.Ok(summary);
    }

    /// <summary>The body of a status change: <c>status</c> open, pending, resolved or snoozed, with <c>snoozeUntil</c> for snoozed.</summary>
    public sealed record StatusChangeRequest(ConversationStatus? Status, DateTimeOffset? SnoozeUntil);

    public static ProblemHttpResult ConversationNotFound(string conversationId) =>
        Problems.NotFound("Conversation not found.", $"There is no conversation '{conversationId}' for you in this tenant.");
}
