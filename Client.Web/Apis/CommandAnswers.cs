using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Chat;
using Orbitalyntra.Web.Chat;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// How REST answers a conversation command: the result with the endpoint's success status, or the refusal as an
/// RFC 9457 problem with the status its kind means (field problems as a validation problem, by field).
/// </summary>
public static class CommandAnswers
{
    /// <summary>200 with the result, or the refusal.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Ok<T>(CommandOutcome<T> outcome) =>
        outcome.Refusal is { } refusal ? Problem(refusal) : TypedResults.Ok(outcome.Value!);

    /// <summary>200 with the result, or the refusal; field problems by field.</summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> OkOrInvalid<T>(CommandOutcome<T> outcome) =>
        outcome.Refusal switch
        {
            null => TypedResults.Ok(outcome.Value!),
            CommandRefusal.Invalid invalid => Invalid(invalid),
            { } refusal => Problem(refusal),
        };

    /// <summary>
    /// 201 for a new message or file, at the address that reads it back; 200 with the first one's message for a retry; or
    /// the refusal, field problems by field.
    /// </summary>
    public static Results<Created<ChatMessage>, Ok<ChatMessage>, ValidationProblem, ProblemHttpResult> Stored(ConversationRoute route, CommandOutcome<ChatMessage> outcome) =>
        outcome switch
        {
            { Refusal: CommandRefusal.Invalid invalid } => Invalid(invalid),
            { Refusal: CommandRefusal.TooMany tooMany } => Problems.TooMany(route.Http.Response, tooMany.Quota),
            { Refusal: { } refusal } => Problem(refusal),
            { Repeated: true } => TypedResults.Ok(outcome.Value!),
            _ => TypedResults.Created(
                $"/api/tenants/{route.TenantId}/conversations/{Guid.Parse(route.ConversationId)}/messages?after={outcome.Value!.Sequence - 1}&limit=1",
                outcome.Value),
        };

    /// <summary>The refusal as a problem with the status its kind means.</summary>
    public static ProblemHttpResult Problem(CommandRefusal refusal) =>
        TypedResults.Problem(refusal.Detail, statusCode: StatusOf(refusal), title: refusal.Title);

    private static ValidationProblem Invalid(CommandRefusal.Invalid invalid) => TypedResults.ValidationProblem(invalid.Problems, title: invalid.Title);

    private static int StatusOf(CommandRefusal refusal) => refusal switch
    {
        CommandRefusal.Invalid or CommandRefusal.Rejected => StatusCodes.Status400BadRequest,
        CommandRefusal.Forbidden => StatusCodes.Status403Forbidden,
        CommandRefusal.NotFound => StatusCodes.Status404NotFound,
        CommandRefusal.Conflict => StatusCodes.Status409Conflict,
        CommandRefusal.Busy => StatusCodes.Status503ServiceUnavailable,
        CommandRefusal.TooMany => StatusCodes.Status429TooManyRequests,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "A refusal without an HTTP status."),
    };
}
