using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Chat;
using Orbitalyntra.Desk;

namespace Orbitalyntra.Web.Apis;

public static class CannedAnswersApi
{
    public sealed record NewCannedAnswerRequest(string? Shortcut, string? Text);

    public static IEndpointRouteBuilder MapCannedAnswersApi(this IEndpointRouteBuilder app)
    {
        var answers = app.MapGroup("/api/tenants/{tenantId}/canned-answers").WithTags("Canned answers").RequireTenantStaff();
        answers.MapGet("/", List).WithSummary("The tenant's canned answers (staff only).");
        answers.MapPost("/", Add).WithSummary("Add a canned answer (staff only); shortcuts are unique in the tenant.");
        answers.MapDelete("/{answerId}", Remove).WithSummary("Remove a canned answer (staff only).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CannedAnswer>>> List(string tenantId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<ICannedAnswersGrain>(tenantId).List());

    private static async Task<Results<Created<CannedAnswer>, ValidationProblem, ProblemHttpResult>> Add(
        string tenantId, NewCannedAnswerRequest request, IClusterClient cluster)
    {
        var problems = new Dictionary<string, string[]>();
        if (!CannedAnswerRules.IsShortcut(request.Shortcut))
        {
            problems["shortcut"] = ["shortcut must be 1 to 32 lower-case letters, digits, '-' or '_'."];
        }

        if (ChatRules.TextProblem(request.Text) is { } textProblem)
        {
            problems["text"] = [textProblem];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The canned answer is not valid.");
        }

        return await cluster.GetGrain<ICannedAnswersGrain>(tenantId).Add(request.Shortcut!, request.Text!) is { } answer
            ? TypedResults.Created($"/api/tenants/{tenantId}/canned-answers/{answer.AnswerId}", answer)
            : Problems.Conflict("Shortcut taken or too many answers.", $"The shortcut '{request.Shortcut}' is taken, or the tenant has {CannedAnswerRules.MaxAnswers} answers already.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(string tenantId, string answerId, IClusterClient cluster) =>
        Guid.TryParse(answerId, out var id) && await cluster.GetGrain<ICannedAnswersGrain>(tenantId).Remove(id)
            ? TypedResults.NoContent()
            : Problems.NotFound("Canned answer not found.", $"There is no canned answer '{answerId}'.");
}
