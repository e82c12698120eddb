using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Web.Apis;

public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/tenants/{tenantId}/conversations").WithTags("Conversations");
        conversations.MapPost("/", Start).WithSummary("Start a conversation.");
        conversations.MapGet("/{conversationId}", Get).WithSummary("Read a conversation's summary.");
        conversations.MapPost("/{conversationId}/messages", Post)
            .WithSummary("Post a message; idempotent by the sender and its client message id.");
        conversations.MapGet("/{conversationId}/messages", Read)
            .WithSummary("Read messages after a sequence number, oldest first, a page at a time.");
        return app;
    }

    private static async Task<Results<Created<ConversationSummary>, ProblemHttpResult>> Start(string tenantId, IClusterClient cluster)
    {
        if (!TenantIds.IsValid(tenantId))
        {
            return TenantNotFound(tenantId);
        }

        var summary = await cluster.GetGrain<IConversationGrain>(new ConversationKey(tenantId, Guid.CreateVersion7()).ToString()).Start();
        return summary is null
            ? TenantNotFound(tenantId)
            : TypedResults.Created($"/api/tenants/{tenantId}/conversations/{summary.ConversationId}", summary);
    }

    private static async Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> Get(
        string tenantId, string conversationId, IClusterClient cluster)
    {
        var summary = ConversationAddress.TryParse(tenantId, conversationId, out var key)
            ? await cluster.GetGrain<IConversationGrain>(key.ToString()).GetSummary()
            : null;
        return summary is null ? ConversationNotFound(conversationId) : TypedResults.Ok(summary);
    }

    private static async Task<Results<Created<ChatMessage>, Ok<ChatMessage>, ValidationProblem, ProblemHttpResult>> Post(
        string tenantId, string conversationId, PostMessageRequest message, IClusterClient cluster)
    {
        if (!ConversationAddress.TryParse(tenantId, conversationId, out var key))
        {
            return ConversationNotFound(conversationId);
        }

        var command = message.ToCommand();
        var problems = ChatRules.Check(command);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The message is not valid.");
        }

        var outcome = await cluster.GetGrain<IConversationGrain>(key.ToString()).Post(command);
        return outcome.Status switch
        {
            PostStatus.Stored => TypedResults.Created(
                $"/api/tenants/{tenantId}/conversations/{key.ConversationId}/messages?after={outcome.Message!.Sequence - 1}&limit=1",
                outcome.Message),
            PostStatus.AlreadyStored => TypedResults.Ok(outcome.Message!),
            PostStatus.Rejected => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status400BadRequest, title: "The message is not valid."),
            PostStatus.Busy => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Retry shortly."),
            _ => ConversationNotFound(conversationId),
        };
    }

    private static async Task<Results<Ok<MessagePage>, ValidationProblem, ProblemHttpResult>> Read(
        string tenantId, string conversationId, IClusterClient cluster, long after = 0, int limit = 50)
    {
        if (!ConversationAddress.TryParse(tenantId, conversationId, out var key))
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

        var page = await cluster.GetGrain<IConversationGrain>(key.ToString()).ReadAfter(after, limit);
        return page is null ? ConversationNotFound(conversationId) : TypedResults.Ok(page);
    }

    private static ProblemHttpResult TenantNotFound(string tenantId) =>
        TypedResults.Problem($"There is no tenant '{tenantId}'.", statusCode: StatusCodes.Status404NotFound, title: "Tenant not found.");

    private static ProblemHttpResult ConversationNotFound(string conversationId) =>
        TypedResults.Problem($"There is no conversation '{conversationId}' in this tenant.", statusCode: StatusCodes.Status404NotFound, title: "Conversation not found.");
}
