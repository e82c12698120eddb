using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Analytics;
using Orbitalyntra.Visitors;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// Aggregated, anonymous analytics per tenant and UTC day (<see cref="IAnalyticsDayGrain"/>): the administrators'
/// report, and the cookieless counting of visitors who have not consented to analytics. Nothing here is per person.
/// </summary>
public static class AnalyticsApi
{
    /// <summary>The longest period a report covers.</summary>
    public const int MaxDays = 92;

    /// <summary>The period of a report that names none: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    /// <summary>
    /// A page view of a visitor who has not consented; <paramref name="PreviousUrl"/> is the page before it on the same
    /// site, if the widget knows it without storing anything (a single-page application's history); otherwise a
    /// same-site referrer serves.
    /// </summary>
    public sealed record AnonymousPageView(string? Url, string? Title, string? Referrer, int? TimeOnPageMs, string? PreviousUrl);

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tenants/{tenantId}/analytics", Report).WithTags("Analytics").RequireTenantAdmin()
            .WithSummary("Page views, visitors, pages, paths and conversation times per UTC day and in total, ?from=&to= (YYYY-MM-DD, at most 92 days; administrators).");
        // Public on purpose: cookieless counting holds no credential on the visitor's device; rate-limited like sign-up.
        app.MapPost("/api/tenants/{tenantId}/page-views/anonymous", CountAnonymous).WithTags("Analytics")
            .AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("Count a page view of a visitor without analytics consent in the day's aggregates only (tenants in cookieless mode).");
        return app;
    }

    private static async Task<Results<Ok<AnalyticsReport>, ValidationProblem>> Report(
        string tenantId, string? from, string? to, IClusterClient cluster, TimeProvider time)
    {
        var (first, last, problems) = Period(from, to, time);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The period is not valid.");
        }

        var days = await Task.WhenAll(Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(offset =>
            cluster.AnalyticsDay(tenantId, first.AddDays(offset)).GetCounts()));
        return TypedResults.Ok(AnalyticsReport.Of(first, days));
    }

    /// <summary>The days of a report from <c>?from=&amp;to=</c> (both optional), and its problems by field: empty when it is valid.</summary>
    public static (DateOnly First, DateOnly Last, Dictionary<string, string[]> Problems) Period(string? from, string? to, TimeProvider time)
    {
        var problems = new Dictionary<string, string[]>();
        var last = Day("to", to, problems) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = Day("from", from, problems) ?? last.AddDays(1 - DefaultDays);
        if (problems.Count == 0 && (first > last || last.DayNumber - first.DayNumber >= MaxDays))
        {
            problems["from"] = [$"from must be on or before to, and the period at most {MaxDays} days."];
        }

        return (first, last, problems);
    }

    private static DateOnly? Day(string name, string? value, Dictionary<string, string[]> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, AnalyticsDayKey.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems[name] = [$"{name} must be a date as YYYY-MM-DD."];
        return null;
    }

    /// <summary>
    /// Counted only for a tenant in cookieless mode; the visitor's address and user agent go to the day grain, which
    /// keeps nothing of them but their salted hash's mark in the unique-visitor sketch. No token is read or made.
    /// </summary>
    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> CountAnonymous(
        string tenantId, AnonymousPageView view, HttpContext http, IClusterClient cluster, TimeProvider time)
    {
        if (!TenantIds.IsValid(tenantId) || await cluster.GetGrain<ITenantGrain>(tenantId).GetSettings() is not { } settings)
        {
            return TenantsApi.TenantNotFound(tenantId);
        }

        if (settings.TrackingConsent != TrackingConsent.Cookieless)
        {
            return TypedResults.Problem(
                $"Tenant '{tenantId}' does not allow cookieless counting: its trackingConsent is not 'cookieless'. Report page views with a visitor token after consent.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Cookieless counting is off.");
        }

        var report = new PageViewReport(view.Url ?? "", view.Title, view.Referrer, view.TimeOnPageMs);
        var problems = new Dictionary<string, string[]>();
        if (TrackingRules.Problem(report) is { } problem)
        {
            problems["pageView"] = [problem];
        }

        if (AnalyticsRules.PreviousUrlProblem(view.PreviousUrl) is { } previousProblem)
        {
            problems["previousUrl"] = [previousProblem];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The page view is not valid.");
        }

        var now = time.GetUtcNow();
        await cluster.AnalyticsDay(tenantId, now).CountAnonymousPageView(
            AnalyticsRules.Hit(report, view.PreviousUrl, now), http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
        return TypedResults.Accepted((string?)null);
    }
}
