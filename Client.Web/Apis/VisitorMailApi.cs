using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// Mail to visitors (docs/notifications.md, docs/decisions/0027): the address a visitor gives in the widget and its double
/// opt-in link, which confirms without signing in (its token is a keyed hash of visitor, address and expiry), and the
/// transcript a visitor asks for.
/// </summary>
public static class VisitorMailApi
{
    public sealed record MailAddressRequest(string? Email, string? Language);

    public sealed record ConfirmationRequest(string? TenantId, string? VisitorId, long? Expires, string? Token);

    /// <summary>What became of a transcript request: <c>queued</c>, or <c>awaitingConfirmation</c> of the address.</summary>
    public sealed record TranscriptAnswer(TranscriptRequestOutcome Status);

    public static IEndpointRouteBuilder MapVisitorMailApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/tenants/{tenantId}/visitors/me/mail").WithTags("Visitor mail")
            .RequireTenantVisitor("This is the visitor's own address; staff rectify a subject's contact under /subjects/{subjectId}.");
        me.MapGet("/", Get).WithSummary("The calling visitor's mail address, whether they confirmed it, their mail language and opt-outs.");
        // Anyone with the public widget key can be a visitor, and each new address sends a mail: rate-limited.
        me.MapPut("/", Put).RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("The calling visitor gives the address and language of their mail; a new address is sent a confirmation link (double opt-in).");
        app.MapPost("/api/mail-confirmations", Confirm).WithTags("Visitor mail").AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("Confirm a visitor's address with the token of the link mailed to it: no sign-in, the token is the proof.");
        app.MapPost("/api/tenants/{tenantId}/conversations/{conversationId}/transcript", Transcript).WithTags("Visitor mail")
            .WithSummary("Mail the conversation's transcript (without private notes) to its visitor, the caller, at their confirmed address.");
        return app;
    }

    private static async Task<Results<Ok<VisitorMailStatus>, ProblemHttpResult>> Get(string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
        await Me(cluster, tenantId, caller).GetStatus() is { } status
            ? TypedResults.Ok(status)
            : Problems.NotFound("No mail address.", "You have not given an e-mail address for mail (PUT this address to give one).");

    private static async Task<Results<Ok<VisitorMailStatus>, ValidationProblem, ProblemHttpResult>> Put(
        string tenantId, MailAddressRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        var rules = new AccountRules().Email("email", request.Email?.Trim()).MailLanguage("language", request.Language);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The mail address is not valid.");
        }

        return await Me(cluster, tenantId, caller).GiveAddress(request.Email!.Trim(), request.Language!) is { } status
            ? TypedResults.Ok(status)
            : Problems.NotFound("Visitor erased.", "Your data was erased: nothing can be sent to you under this identity.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Confirm(ConfirmationRequest request, IClusterClient cluster)
    {
        if (!TenantIds.IsValid(request.TenantId) || !SubjectKey.IsSubjectId(request.VisitorId) || request.Expires is not { } expires
            || request.Token is not { Length: > 0 and <= 128 } token
            || !await cluster.VisitorMail(new SubjectKey(request.TenantId!, request.VisitorId!)).Confirm(expires, token))
        {
            return Problems.NotFound(
                "Confirmation link not valid.",
                "This confirmation link is not valid: it expired, or the address changed since. Give your address again in the chat to get a new link.");
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<TranscriptAnswer>, ProblemHttpResult>> Transcript([AsParameters] ConversationRoute route)
    {
        var outcome = await route.Commands.RequestTranscript(route.Call);
        return outcome.Refusal is { } refusal ? CommandAnswers.Problem(refusal) : TypedResults.Accepted((string?)null, new TranscriptAnswer(outcome.Value));
    }

    private static IVisitorMailGrain Me(IClusterClient cluster, string tenantId, ClaimsPrincipal caller) =>
        cluster.VisitorMail(new SubjectKey(tenantId, caller.SubjectId()!));
}
