using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Privacy;
using Orbitalyntra.Visitors;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// Visitor tracking, from the widget. A page view is kept only with the visitor's analytics consent and while they have
/// not restricted or objected to processing; what is kept is reduced first (path only, device families, truncated
/// address). The answer says whether it was kept, so the widget can stop reporting.
/// </summary>
public static class VisitorsApi
{
    public static IEndpointRouteBuilder MapVisitorsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants/{tenantId}/visitors/me/page-views", Record).WithTags("Visitors")
            .WithSummary("Report a page view of the calling visitor; kept only with analytics consent, reduced before it is stored.");
        return app;
    }

    private static async Task<Results<Accepted<TrackingOutcome>, ValidationProblem, ProblemHttpResult>> Record(
        string tenantId, PageViewReport report, HttpContext http, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (!caller.BelongsTo(tenantId))
        {
            return TenantsApi.TenantNotFound(tenantId);
        }

        if (!caller.IsVisitor())
        {
            return Problems.Forbidden("Page views are reported by visitors' widgets.");
        }

        if (TrackingRules.Problem(report) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageView"] = [problem] }, title: "The page view is not valid.");
        }

        var session = cluster.GetGrain<IVisitorSessionGrain>(new SubjectKey(tenantId, caller.SubjectId()!).ToString());
        var outcome = await session.Record(report, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
        return TypedResults.Accepted((string?)null, outcome);
    }
}
