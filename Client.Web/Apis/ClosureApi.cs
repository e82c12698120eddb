using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Analytics;
using Orbitalyntra.Chat;
using Orbitalyntra.Closure;
using Orbitalyntra.Faq;
using Orbitalyntra.Privacy;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// Closing a tenant (docs/decisions/0033): an administrator closes it with their password, and while its grace period
/// lasts reads its closure, downloads its full export and reopens it; these endpoints alone stay open to its
/// administrators (people, not API keys) once it is closed.
/// </summary>
public static class ClosureApi
{
    /// <summary>The administrator's password again: closing needs a fresh proof of who asks, not only a session.</summary>
    public sealed record CloseRequest(string? Password);

    /// <summary>The tenant's closure as its administrators see it.</summary>
    /// <param name="Closed">Whether the tenant is closed.</param>
    /// <param name="GracePeriodDays">How long a closed tenant stays before it is deleted, in days.</param>
    /// <param name="ClosedAt">When it was closed.</param>
    /// <param name="DeleteAt">When everything of it is deleted unless it is reopened before.</param>
    /// <param name="DeletionHeldSince">The deletion is due but waits for an operator's legal hold to be lifted, since then.</param>
    public sealed record ClosureStatus(bool Closed, double GracePeriodDays, DateTimeOffset? ClosedAt, DateTimeOffset? DeleteAt, DateTimeOffset? DeletionHeldSince = null);

    /// <summary>Everything of a tenant, for its administrators to take away before it is deleted.</summary>
    public sealed record TenantExport(
        DateTimeOffset ExportedAt,
        TenantProfile Tenant,
        TenantSettings? Settings,
        IReadOnlyList<ExportedConversation> Conversations,
        IReadOnlyList<SubjectExport> Subjects,
        IReadOnlyList<FaqArticle> FaqArticles,
        AnalyticsReport? Analytics);

    /// <summary>One conversation of the tenant with every message, notes included, as its staff sees them.</summary>
    public sealed record ExportedConversation(ConversationSummary Summary, IReadOnlyList<ChatMessage> Messages);

    public static IEndpointRouteBuilder MapClosureApi(this IEndpointRouteBuilder app)
    {
        var closure = app.MapGroup("/api/tenants/{tenantId}/closure").WithTags("Closure").RequireTenantAdmin().AllowedWhileClosed();
        closure.MapGet("/", Get).WithSummary("Whether the tenant is closed, when it will be deleted, and the deployment's grace period (administrators).");
        closure.MapPost("/", Close)
            .WithSummary("Close the tenant with the administrator's password: every credential of it is refused at once, and it is deleted after the grace period unless reopened.");
        closure.MapDelete("/", Reopen).WithSummary("Reopen a closed tenant within its grace period: everything works again (administrators).");
        closure.MapGet("/export", Export)
            .WithSummary("Everything of the tenant in one JSON document: profile, settings, conversations with their messages, data subjects' records, FAQ articles, analytics (administrators).");
        return app;
    }

    private static async Task<Ok<ClosureStatus>> Get(string tenantId, IClusterClient cluster) =>
        TypedResults.Ok(await Status(cluster, tenantId, await ClosedTenants.Closure(cluster, tenantId)));

    private static async Task<Results<Ok<ClosureStatus>, ValidationProblem, ProblemHttpResult>> Close(
        string tenantId, CloseRequest request, HttpContext http, IClusterClient cluster)
    {
        var rules = new AccountRules().Text("password", request.Password, AgentRules.MaxPasswordLength);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "Closing the organisation needs your password.");
        }

        if (!ClosedTenants.IsAdminPerson(http.User) || await cluster.SignedInAgentId(http.User, tenantId) is not { } adminId)
        {
            return Problems.Forbidden("Only an administrator signed in with a password can close the organisation; an API key cannot.");
        }

        // Counted like sign-ins (decision 0042), under the account rather than an address: a stolen session cannot guess on.
        var network = RateLimits.ClientOf(http.Connection.RemoteIpAddress);
        // The session already passed any second factor: this confirms the person at the keyboard by the password alone.
        var check = await cluster.Agent(tenantId, adminId).SignIn(request.Password!, network, code: null, adminsNeedSecondFactor: false);
        var verdict = await cluster.GetGrain<ISignInGuardGrain>(tenantId)
            .Attempt($"agent:{adminId}", network, check.KnownNetwork, check.PasswordMatched);
        if (verdict.RetryAfter is { } retryAfter)
        {
            http.Response.SetRetryAfter(retryAfter);
            return TypedResults.Problem("Too many wrong passwords from your network: try again later.", statusCode: StatusCodes.Status429TooManyRequests, title: "Paused.");
        }

        if (!verdict.Admitted)
        {
            return Problems.Unauthorized("The password is wrong: the organisation stays open.");
        }

        var closure = await cluster.GetGrain<ITenantGrain>(tenantId).Close(http.User.AsActor());
        return closure is null ? TenantsApi.TenantNotFound(tenantId) : TypedResults.Ok(await Status(cluster, tenantId, closure));
    }

    private static async Task<Results<Ok<ClosureStatus>, ProblemHttpResult>> Reopen(string tenantId, HttpContext http, IClusterClient cluster)
    {
        if (!ClosedTenants.IsAdminPerson(http.User))
        {
            return Problems.Forbidden("Only an administrator signed in with a password can reopen the organisation.");
        }

        return await cluster.GetGrain<ITenantGrain>(tenantId).Reopen(http.User.AsActor())
            ? TypedResults.Ok(await Status(cluster, tenantId, null))
            : Problems.Conflict("Not closed.", "The organisation is not closed, or its deletion has begun and it can no longer be reopened.");
    }

    private static async Task<ClosureStatus> Status(IClusterClient cluster, string tenantId, TenantClosure? closure)
    {
        var deletion = cluster.GetGrain<ITenantClosureGrain>(tenantId);
        return new(closure is not null, (await deletion.GracePeriod()).TotalDays, closure?.ClosedAt, closure?.DeleteAt, closure is null ? null : await deletion.DeletionHeldSince());
    }

    private static async Task<Results<Ok<TenantExport>, ProblemHttpResult>> Export(string tenantId, HttpContext http, IClusterClient cluster, TimeProvider time)
    {
        var tenant = cluster.GetGrain<ITenantGrain>(tenantId);
        if (await tenant.GetProfile() is not { } profile)
        {
            return TenantsApi.TenantNotFound(tenantId);
        }

        var inventory = await cluster.GetGrain<ITenantClosureGrain>(tenantId).Inventory();
        var conversations = new List<ExportedConversation>();
        foreach (var conversationId in inventory.Conversations)
        {
            if (await Conversation(cluster.Conversation(new ConversationKey(tenantId, conversationId))) is { } conversation)
            {
                conversations.Add(conversation);
            }
        }

        var subjectIds = inventory.Visitors
            .Concat(conversations.Select(c => c.Summary.VisitorId).OfType<string>())
            .Concat(await tenant.ListAgentIds())
            .Distinct(StringComparer.Ordinal);
        var subjects = new List<SubjectExport>();
        foreach (var subjectId in subjectIds)
        {
            if (await cluster.DataSubject(new SubjectKey(tenantId, subjectId)).ExportRecord() is { } record)
            {
                subjects.Add(record);
            }
        }

        var articles = await cluster.GetGrain<IKnowledgeBaseGrain>(tenantId).List(new FaqArticleFilter(null, null, null));
        var days = inventory.AnalyticsDays;
        var analytics = days.Count == 0 ? null : AnalyticsReport.Of(days[0], await Task.WhenAll(
            Enumerable.Range(0, days[^1].DayNumber - days[0].DayNumber + 1).Select(offset => cluster.AnalyticsDay(tenantId, days[0].AddDays(offset)).GetCounts())));
        await cluster.GetGrain<IAuditTrailGrain>(tenantId).Record(new AuditEntry(time.GetUtcNow(), http.User.AsActor(), "tenant.exported", null, $"conversations={conversations.Count}"));
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{tenantId}-export.json\"";
        return TypedResults.Ok(new TenantExport(time.GetUtcNow(), profile, await tenant.GetSettings(), conversations, subjects, articles, analytics));
    }

    /// <summary>A conversation with every message, page by page; null when it is gone.</summary>
    private static async Task<ExportedConversation?> Conversation(IConversationGrain conversation)
    {
        if (await conversation.GetSummary() is not { } summary)
        {
            return null;
        }

        var messages = new List<ChatMessage>();
        var after = 0L;
        while (await conversation.ReadAfter(after, 200) is { Messages.Count: > 0 } page)
        {
            messages.AddRange(page.Messages);
            after = page.NextAfter;
        }

        return new ExportedConversation(summary, messages);
    }
}
