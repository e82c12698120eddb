using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>The RFC 9457 problems the APIs answer with.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for your role.");

    /// <summary>429 for a request over a quota, saying which and when to retry (also in <c>Retry-After</c>).</summary>
    public static ProblemHttpResult TooMany(HttpResponse response, Quotas.QuotaRefusal quota)
    {
        response.SetRetryAfter(quota.RetryAfter);
        return TypedResults.Problem(quota.Detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.");
    }

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in.");
}
