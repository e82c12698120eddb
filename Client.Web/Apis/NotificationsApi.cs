using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// Mail and notices for account holders: their own mail preferences and password, the platform notices shown as banners
/// until acknowledged, the one-click unsubscribe link of optional mail (visitors' too), and the operators' notices
/// (docs/notifications.md).
/// </summary>
public static class NotificationsApi
{
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    public sealed record Notice(Guid NoticeId, NoticeCategory Category, string Title, string Body, DateTimeOffset PublishedAt);

    public sealed record NewNotice(NoticeCategory? Category, NoticeText? French, NoticeText? English);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/tenants/{tenantId}/agents/me").WithTags("Notifications").RequireTenantStaff();
        me.MapGet("/mail-preferences", GetPreferences).WithSummary("The signed-in agent's mail language and the optional mail they turned off.");
        me.MapPut("/mail-preferences", PutPreferences).WithSummary("Set the signed-in agent's mail language (fr, en), the optional topics they do not want (optedOut) and the ones off by default they want (optedIn).");
        me.MapPut("/password", ChangePassword).WithSummary("Change the signed-in agent's password: every other session ends (a console's cookie is renewed, a bearer token must sign in again); a security alert is mailed to them.");
        var notices = app.MapGroup("/api/tenants/{tenantId}/notices").WithTags("Notifications").RequireTenantStaff();
        notices.MapGet("/", Unacknowledged).WithSummary("The platform notices the signed-in agent has not acknowledged, in their language or the one asked for (?language=fr|en).");
        notices.MapPost("/{noticeId:guid}/acknowledgement", Acknowledge).WithSummary("Acknowledge a platform notice: its banner goes away.");
        var unsubscribe = app.MapGroup("/api/unsubscribe/{tenantId}/{recipientId}/{topic}").WithTags("Notifications").AllowAnonymous()
            .RequireRateLimiting(RateLimits.PublicEndpoints);
        unsubscribe.MapPost("/", Unsubscribe).DisableAntiforgery().WithSummary("One-click unsubscribe (RFC 8058) from a topic of optional mail, with the mail's token.");
        unsubscribe.MapGet("/", UnsubscribePage).WithSummary("A page with the button that unsubscribes (mail clients' link).");
        var operators = app.MapGroup("/api/operators/notices").WithTags("Operators").RequireAuthorization(policy => policy.RequireRole(Caller.OperatorRole));
        operators.MapPost("/", Publish).WithSummary("Publish a platform notice (French and English) to every account holder of every tenant.");
        operators.MapGet("/", (IClusterClient cluster) => Notices(cluster).List()).WithSummary("Every platform notice, newest first.");
        return app;
    }

    private static async Task<Results<Ok<MailPreferences>, ProblemHttpResult>> GetPreferences(string tenantId, HttpContext http, IClusterClient cluster) =>
        await Me(cluster, tenantId, http).GetMailPreferences() is { } preferences ? TypedResults.Ok(preferences) : NotAnAgent();

    private static async Task<Results<Ok<MailPreferences>, ValidationProblem, ProblemHttpResult>> PutPreferences(
        string tenantId, MailPreferences preferences, HttpContext http, IClusterClient cluster)
    {
        if (!MailLanguages.IsSupported(preferences.Language) || preferences.OptedOut is null
            || !preferences.OptedOut.All(topic => Enum.IsDefined(topic) && !MailPreferences.OffByDefault.Contains(topic)))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["language"] = ["language must be fr or en; optedOut a list of serviceUpdates, deadlineReminders."] },
                title: "The mail preferences are not valid.");
        }

        if (preferences.OptedIn is { } optedIn && !optedIn.All(MailPreferences.OffByDefault.Contains))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["optedIn"] = ["optedIn is a list of the topics off by default: assignedWhileAway, retentionReports."] },
                title: "The mail preferences are not valid.");
        }

        return await Me(cluster, tenantId, http).SetMailPreferences(preferences) ? TypedResults.Ok(preferences) : NotAnAgent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        string tenantId, PasswordChange change, HttpContext http, IClusterClient cluster)
    {
        var rules = new AccountRules().Text("currentPassword", change.CurrentPassword, AgentRules.MaxPasswordLength).Password("newPassword", change.NewPassword);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The password change is not valid.");
        }

        var agent = Me(cluster, tenantId, http);
        if (await agent.GetProfile() is null)
        {
            return NotAnAgent();
        }

        if (await agent.ChangePassword(change.CurrentPassword!, change.NewPassword!) is not { } sessionsHoldFrom)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] }, title: "The password change is not valid.");
        }

        // The change ended every session, this one too: the console that made it gets a new cookie; a bearer token signs in again.
        if (http.User.Identity?.AuthenticationType == Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme)
        {
            await SessionsApi.StartCookieSession(http, tenantId, http.User.FindFirstValue(Caller.RoleClaim)!, http.User.SubjectId()!, sessionsHoldFrom);
        }

        return TypedResults.NoContent();
    }

    /// <summary>The notices not acknowledged, in <paramref name="language"/> when given (a page's language), else the agent's mail language.</summary>
    private static async Task<Results<Ok<List<Notice>>, ValidationProblem, ProblemHttpResult>> Unacknowledged(
        string tenantId, string? language, HttpContext http, IClusterClient cluster)
    {
        if (language is not null && !MailLanguages.IsSupported(language))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["language"] = ["language must be fr or en."] }, title: "The notices' language is not valid.");
        }

        var agent = Me(cluster, tenantId, http);
        if (await agent.GetMailPreferences() is not { } preferences)
        {
            return NotAnAgent();
        }

        var shown = language ?? preferences.Language;
        var acknowledged = await agent.AcknowledgedNotices();
        var notices = await Notices(cluster).List();
        return TypedResults.Ok(notices.Where(n => !acknowledged.Contains(n.NoticeId))
            .Select(n => new Notice(n.NoticeId, n.Category, n.In(shown).Title, n.In(shown).Body, n.PublishedAt)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Acknowledge(string tenantId, Guid noticeId, HttpContext http, IClusterClient cluster)
    {
        if (await Notices(cluster).Get(noticeId) is null)
        {
            return Problems.NotFound("Notice not found.", $"There is no platform notice '{noticeId}'.");
        }

        var agent = Me(cluster, tenantId, http);
        if (await agent.GetProfile() is null)
        {
            return NotAnAgent();
        }

        await agent.AcknowledgeNotice(noticeId);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unsubscribe(
        string tenantId, string recipientId, string topic, string? token, IClusterClient cluster)
    {
        // Each topic is an agent's (account ids) or a visitor's (subject ids): the link names whose record the opt-out goes to.
        if (!TenantIds.IsValid(tenantId) || ParseTopic(topic) is not { } mailTopic || !IsRecipientOf(MailAudiences.AudienceOf(mailTopic), recipientId)
            || string.IsNullOrEmpty(token) || token.Length > 128
            || !await cluster.GetGrain<INotificationOutboxGrain>(tenantId).VerifyUnsubscribe(recipientId, mailTopic, token))
        {
            return Problems.NotFound("Unsubscribe link not found.", "This unsubscribe link is not valid; use the link of a recent mail or your preferences in the console.");
        }

        await cluster.MailRecipient(tenantId, MailAudiences.AudienceOf(mailTopic), recipientId).OptOut(mailTopic);
        return TypedResults.NoContent();
    }

    /// <summary>A mail client's link opens a page whose button posts the one-click unsubscribe; a GET changes nothing.</summary>
    private static ContentHttpResult UnsubscribePage(HttpContext http) => TypedResults.Content(
        $"""
        <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Se désabonner / Unsubscribe</title></head>
        <body><form method="post" action="{System.Net.WebUtility.HtmlEncode(http.Request.Path + http.Request.QueryString)}">
        <p>Ne plus recevoir ces courriels facultatifs ? / Stop receiving this optional mail?</p>
        <button type="submit">Se désabonner / Unsubscribe</button></form></body></html>
        """,
        "text/html; charset=utf-8");

    private static async Task<Results<Created<PlatformNotice>, ValidationProblem>> Publish(NewNotice notice, IClusterClient cluster)
    {
        var rules = new AccountRules()
            .Name("french.title", notice.French?.Title, NoticeRules.MaxTitleLength).Prose("french.body", notice.French?.Body, NoticeRules.MaxBodyLength)
            .Name("english.title", notice.English?.Title, NoticeRules.MaxTitleLength).Prose("english.body", notice.English?.Body, NoticeRules.MaxBodyLength)
            .Defined("category", notice.Category);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The notice is not valid.");
        }

        var published = await Notices(cluster).Publish(new NewPlatformNotice(notice.Category!.Value, notice.French!, notice.English!));
        return TypedResults.Created($"/api/operators/notices/{published.NoticeId}", published);
    }

    private static IPlatformNoticesGrain Notices(IClusterClient cluster) => cluster.GetGrain<IPlatformNoticesGrain>(IPlatformNoticesGrain.Key);

    private static IAgentGrain Me(IClusterClient cluster, string tenantId, HttpContext http) => AccountHoldersApi.Me(cluster, tenantId, http.User);

    private static bool IsRecipientOf(Audience audience, string recipientId) =>
        audience == Audience.Visitor ? Privacy.SubjectKey.IsSubjectId(recipientId) : Guid.TryParseExact(recipientId, "N", out _);

    private static MailTopic? ParseTopic(string topic) =>
        Enum.TryParse<MailTopic>(topic, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(topic, out _) ? parsed : null;

    private static ProblemHttpResult NotAnAgent() =>
        Problems.NotFound("Agent not found.", "Only a signed-in agent or administrator has mail preferences, a password and notices; not an API key.");
}
