using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Quotas;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

public static class WidgetApi
{
    /// <summary>
    /// The widget key; for a user of the tenant's own site its id and the tenant server's HMAC of it; or, from the link of a
    /// visitor's mail back to their conversation, that link's <c>resume</c> part (<c>{visitorId}.{conversationId}.{expires}.{token}</c>);
    /// for a new visitor while the tenant asks for it, <c>altcha</c>: the solved challenge (docs/decisions/0050).
    /// </summary>
    public sealed record VisitorTokenRequest(string? WidgetKey, string? UserId = null, string? UserHash = null, string? Resume = null, string? Altcha = null);

    /// <summary>When new visitors must solve a proof-of-work challenge: off, always, or automatic (while the widget key is under attack).</summary>
    public sealed record ChallengeSetting(VisitorChallengeMode? Mode);

    /// <summary>What issuing a visitor token needs besides the request.</summary>
    public sealed record TokenServices(IClusterClient Cluster, TokenIssuer Tokens, IdentityVerification Identities, VisitorBanGate Bans, VisitorChallenges Challenges);

    /// <summary>What the widget is told when it must solve a challenge first.</summary>
    public const string ChallengeRequired = "Challenge required.";

    public sealed record IdentitySecret(string Secret);

    /// <summary>The websites allowed to use the widget key; empty: any.</summary>
    public sealed record AllowedOrigins(IReadOnlyList<string>? Origins);

    public sealed record VisitorToken(string TenantId, string VisitorId, string AccessToken, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapWidgetApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/widget/visitor-tokens", Issue).WithTags("Widget")
            .AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("Exchange the tenant's widget key for a visitor token; sent with a visitor token of the same tenant, it renews that visitor's; with a verified user id, it is that user's visitor on every device.");
        app.MapGet("/api/tenants/{tenantId}/identity-secret", Secret).WithTags("Widget").RequireTenantAdmin()
            .WithSummary("The tenant's identity-verification secret, for its own server to sign user ids (administrators only).");
        app.MapGet("/api/widget/challenge", (VisitorChallenges challenges) => TypedResults.Ok(challenges.Create())).WithTags("Widget")
            .AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("A proof-of-work challenge (ALTCHA, SHA-256) for a new visitor's token, valid five minutes, when the tenant asks new visitors for one.");
        var challenge = app.MapGroup("/api/tenants/{tenantId}/widget/challenge").WithTags("Widget").RequireTenantAdmin();
        challenge.MapGet("/", ReadChallenge)
            .WithSummary("Whether new visitors must solve a proof-of-work challenge: the mode chosen (off, always, automatic) and whether it applies now (administrators only).");
        challenge.MapPut("/", SetChallenge)
            .WithSummary("Choose when new visitors must solve a proof-of-work challenge: off, always, or automatic while the widget key's visitor-token limit refuses requests (administrators only).");
        var origins = app.MapGroup("/api/tenants/{tenantId}/widget/allowed-origins").WithTags("Widget").RequireTenantAdmin();
        origins.MapGet("/", ReadOrigins)
            .WithSummary("The websites (origins) allowed to use the widget key, for visitor tokens and the hub; empty: any (administrators only).");
        origins.MapPut("/", ReplaceOrigins)
            .WithSummary("Replace the websites allowed to use the widget key: origins such as https://shop.example; an empty list allows any (administrators only).");
        return app;
    }

    private static async Task<Results<Ok<AllowedOrigins>, ProblemHttpResult>> ReadOrigins(string tenantId, IClusterClient cluster) =>
        await cluster.GetGrain<ITenantGrain>(tenantId).GetAllowedOrigins() is { } origins
            ? TypedResults.Ok(new AllowedOrigins(origins))
            : TenantsApi.TenantNotFound(tenantId);

    private static async Task<Results<Ok<AllowedOrigins>, ValidationProblem, ProblemHttpResult>> ReplaceOrigins(
        string tenantId, AllowedOrigins request, IClusterClient cluster)
    {
        var problems = WidgetOrigins.Problems(request.Origins);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The allowed origins are not valid.");
        }

        return await cluster.GetGrain<ITenantGrain>(tenantId).SetAllowedOrigins(request.Origins!) is { } kept
            ? TypedResults.Ok(new AllowedOrigins(kept))
            : TenantsApi.TenantNotFound(tenantId);
    }

    private static async Task<Results<Ok<VisitorChallenge>, ProblemHttpResult>> ReadChallenge(string tenantId, IClusterClient cluster) =>
        await cluster.GetGrain<ITenantGrain>(tenantId).GetVisitorChallenge() is { } challenge ? TypedResults.Ok(challenge) : TenantsApi.TenantNotFound(tenantId);

    private static async Task<Results<Ok<VisitorChallenge>, ValidationProblem, ProblemHttpResult>> SetChallenge(
        string tenantId, ChallengeSetting request, IClusterClient cluster)
    {
        if (request.Mode is not { } mode || !Enum.IsDefined(mode))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["mode"] = ["mode must be off, always or automatic."] }, title: "The challenge setting is not valid.");
        }

        return await cluster.GetGrain<ITenantGrain>(tenantId).SetVisitorChallenge(mode) is { } challenge ? TypedResults.Ok(challenge) : TenantsApi.TenantNotFound(tenantId);
    }

    private static Ok<IdentitySecret> Secret(string tenantId, IdentityVerification identities) =>
        TypedResults.Ok(new IdentitySecret(identities.SecretFor(tenantId)));

    private static async Task<Results<Ok<VisitorToken>, ProblemHttpResult>> Issue(
        VisitorTokenRequest request, HttpContext http, [AsParameters] TokenServices services)
    {
        var (cluster, tokens, identities, bans, challenges) = services;
        var tenantId = request.WidgetKey?.Split('.')[0];
        if (!TenantIds.IsValid(tenantId)
            || await cluster.GetGrain<ITenantGrain>(tenantId!).GetWidgetKey() is not { } widgetKey
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(widgetKey), Encoding.UTF8.GetBytes(request.WidgetKey!)))
        {
            return Problems.Unauthorized("The widget key is not valid.");
        }

        if (await ClosedTenants.Closure(cluster, tenantId!) is { } closure)
        {
            return ClosedTenants.Refused(closure);
        }

        if (!await WidgetOriginGate.Allows(cluster, tenantId!, http.Request.Headers.Origin.ToString()))
        {
            return TypedResults.Problem(WidgetOriginGate.Refusal, statusCode: StatusCodes.Status403Forbidden, title: "Website not allowed.");
        }

        var caller = http.User;
        var renewal = request is { Resume: null, UserId: null, UserHash: null } && caller.IsVisitor() && caller.BelongsTo(tenantId);
        if (!renewal && request is { Resume: null, UserId: null, UserHash: null }
            && (await cluster.GetGrain<ITenantGrain>(tenantId!).GetVisitorChallenge())?.Active == true)
        {
            if (request.Altcha is null)
            {
                return TypedResults.Problem(
                    "This website asks new visitors to solve a proof-of-work challenge first: fetch one (GET /api/widget/challenge), solve it and send the solution as altcha.",
                    statusCode: StatusCodes.Status403Forbidden, title: ChallengeRequired);
            }

            if (await challenges.Problem(request.Altcha) is { } problem)
            {
                return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Challenge failed.");
            }
        }

        if (!renewal && await cluster.GetGrain<ITenantGrain>(tenantId!).TakeVisitorToken() is { } refusal)
        {
            return Problems.TooMany(http.Response, refusal);
        }

        string visitorId;
        if (request.Resume is not null)
        {
            if (!TryParseResume(request.Resume, out var resume)
                || !await cluster.VisitorMail(new SubjectKey(tenantId!, resume.VisitorId)).VerifyResume(resume.ConversationId, resume.Expires, resume.Token))
            {
                return Problems.Unauthorized("The link back to the conversation is not valid: it expired, or the visitor's data was erased.");
            }

            visitorId = resume.VisitorId;
        }
        else if (request.UserId is not null || request.UserHash is not null)
        {
            if (request.UserId is not { Length: > 0 and <= IdentityVerification.MaxUserIdLength } userId
                || request.UserHash is null
                || !identities.Verify(tenantId!, userId, request.UserHash))
            {
                return Problems.Unauthorized("The user's identity could not be verified: userHash must be the tenant's HMAC-SHA256 of userId.");
            }

            visitorId = identities.VisitorIdFor(tenantId!, userId);
        }
        else
        {
            // A visitor id is never taken from the request: a returning visitor proves it with its current token.
            visitorId = caller.IsVisitor() && caller.BelongsTo(tenantId) ? caller.SubjectId()! : $"v{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
        }

        if (await bans.Find(tenantId!, visitorId, http.Connection.RemoteIpAddress) is not null)
        {
            return TypedResults.Problem(VisitorBanGate.Refusal, statusCode: StatusCodes.Status403Forbidden, title: VisitorBanGate.Title);
        }

        var token = tokens.Issue(tenantId!, Caller.VisitorRole, visitorId, TokenSettings.VisitorTokenLifetime);
        return TypedResults.Ok(new VisitorToken(tenantId!, visitorId, token.AccessToken, token.ExpiresAt));
    }

    private readonly record struct ResumeLink(string VisitorId, Guid ConversationId, long Expires, string Token);

    /// <summary>Reads the parts of a mail's link back to a conversation, as <c>Notifications.MailLinks</c> writes them.</summary>
    private static bool TryParseResume(string resume, out ResumeLink link)
    {
        link = default;
        if (resume.Split('.') is not [var visitorId, var conversation, var expires, var token]
            || !SubjectKey.IsSubjectId(visitorId) || !Guid.TryParseExact(conversation, "N", out var conversationId)
            || !long.TryParse(expires, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var until)
            || token.Length is 0 or > 128)
        {
            return false;
        }

        link = new ResumeLink(visitorId, conversationId, until, token);
        return true;
    }
}
