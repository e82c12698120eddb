using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Desk;
using Orbitalyntra.Privacy;
using Orbitalyntra.Visitors;
using Orbitalyntra.Web.Chat;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// Visitor tracking, from the widget. A page view is kept only with the visitor's analytics consent and while they have
/// not restricted or objected to processing; what is kept is reduced first (path only, device families, truncated
/// address). The answer says whether it was kept, so the widget can stop reporting. The tenant's staff read what was kept
/// about a conversation's visitor (audited), without the network prefix.
/// </summary>
public static class VisitorsApi
{
    /// <summary>Whether the widget can offer a live chat now.</summary>
    /// <param name="AgentsOnline">Some agent is available: online, heard from within 90 seconds and below capacity.</param>
    /// <param name="WithinBusinessHours">Now is within the tenant's business hours for today, in its time zone (a day not listed is closed).</param>
    public sealed record Availability(bool AgentsOnline, bool WithinBusinessHours);

    public static IEndpointRouteBuilder MapVisitorsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/tenants/{tenantId}/visitors/me").WithTags("Visitors");
        me.MapGet("/availability", Available).RequireTenantVisitor("Availability is asked by visitors' widgets; staff read the inbox.")
            .WithSummary("Whether an agent is available now and whether it is within business hours: the widget offers a chat or a message form.");
        me.MapPost("/page-views", Record).RequireTenantVisitor("Page views are reported by visitors' widgets.")
            .WithSummary("Report a page view of the calling visitor; kept only with analytics consent, reduced before it is stored.");
        // A conversation's own route, checked by ConversationCommands; staff only besides.
        app.MapGet("/api/tenants/{tenantId}/conversations/{conversationId}/visitor-session", ReadSession).WithTags("Visitors")
            .WithSummary("The pages and device families kept about the conversation's visitor (staff only; audited as session.read).");
        return app;
    }

    private static async Task<Results<Accepted<TrackingOutcome>, ValidationProblem>> Record(
        string tenantId, PageViewReport report, HttpContext http, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (TrackingRules.Problem(report) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageView"] = [problem] }, title: "The page view is not valid.");
        }

        var session = cluster.VisitorSession(new SubjectKey(tenantId, caller.SubjectId()!));
        var outcome = await session.Record(report, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
        return TypedResults.Accepted((string?)null, outcome);
    }

    private static async Task<Ok<Availability>> Available(string tenantId, IClusterClient cluster, TimeProvider time)
    {
        var inbox = await cluster.GetGrain<IInboxGrain>(tenantId).GetInbox();
        var settings = await cluster.GetGrain<ITenantGrain>(tenantId).GetSettings() ?? TenantSettings.Default;
        return TypedResults.Ok(new Availability(inbox.Agents.Any(a => a.Available), TenantSettingsRules.IsWithinBusinessHours(settings, time.GetUtcNow())));
    }

    /// <summary>What the console shows about a conversation's visitor: null <c>Session</c> when nothing is kept (no consent).</summary>
    public sealed record VisitorSessionView(string VisitorId, SessionView? Session);

    /// <summary>The kept session without the network prefix, which the desk has no use for.</summary>
    public sealed record SessionView(DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DeviceFamilies? Device, IReadOnlyList<PageView> Pages);

    public sealed record DeviceFamilies(string Browser, string OperatingSystem, string DeviceType);

    private static async Task<Results<Ok<VisitorSessionView>, ProblemHttpResult>> ReadSession(
        [AsParameters] ConversationRoute route, IClusterClient cluster, TimeProvider time)
    {
        // Visitors are told there is no such conversation, as callers who may not reach it are.
        var caller = route.Http.User;
        var found = caller.IsStaff() ? await route.Commands.Summary(route.Call) : ConversationCommands.ConversationNotFound(route.ConversationId);
        if (found.Refusal is { } refusal)
        {
            return CommandAnswers.Problem(refusal);
        }

        if (found.Value!.VisitorId is not { } visitorId)
        {
            return Problems.NotFound("No visitor.", "This conversation was not started by a visitor.");
        }

        var session = await cluster.VisitorSession(new SubjectKey(route.TenantId, visitorId)).Get();
        await cluster.GetGrain<IAuditTrailGrain>(route.TenantId).Record(new AuditEntry(time.GetUtcNow(), caller.AsActor(), "session.read", visitorId, null));
        return TypedResults.Ok(new VisitorSessionView(visitorId, session is null ? null : new SessionView(
            session.FirstSeen,
            session.LastSeen,
            session.Device is { } device ? new DeviceFamilies(device.Browser, device.OperatingSystem, device.DeviceType) : null,
            session.Pages)));
    }
}
