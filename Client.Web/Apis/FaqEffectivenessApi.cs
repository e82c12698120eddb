using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Faq;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// The FAQ assistant's effectiveness for administrators, per UTC day and in total (<see cref="IFaqEffectivenessDayGrain"/>):
/// counts only, articles by id and title, never a person (docs/decisions/0025).
/// </summary>
public static class FaqEffectivenessApi
{
    /// <summary>How many articles each list of the report names.</summary>
    public const int ListedArticles = 10;

    /// <summary>An article's counts over the period, with its title when it still exists.</summary>
    public sealed record ArticleReport(Guid ArticleId, string? Title, int Shown, int Opened, int Helpful, int NotHelpful);

    /// <summary>
    /// The report: each day's counts (without articles), the totals, the most shown articles, those voted unhelpful, and
    /// the questions without a good answer that consenting visitors' keys still open (texts and times, nobody named).
    /// </summary>
    public sealed record EffectivenessReport(
        DateOnly From, DateOnly To, IReadOnlyList<FaqDayCounts> Days, FaqDayCounts Total, IReadOnlyList<ArticleReport> TopArticles,
        IReadOnlyList<ArticleReport> Unhelpful, IReadOnlyList<UnansweredQuestion> Questions);

    public static IEndpointRouteBuilder MapFaqEffectivenessApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tenants/{tenantId}/faq/effectiveness", Report).WithTags("FAQ").RequireTenantAdmin()
            .WithSummary("The FAQ assistant's counts per UTC day and in total, top articles and articles voted unhelpful, ?from=&to= (YYYY-MM-DD, at most 92 days; administrators).");
        return app;
    }

    private static async Task<Results<Ok<EffectivenessReport>, ValidationProblem>> Report(
        string tenantId, string? from, string? to, IClusterClient cluster, TimeProvider time)
    {
        var (first, last, problems) = AnalyticsApi.Period(from, to, time);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The period is not valid.");
        }

        var period = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToList();
        var days = await Task.WhenAll(period.Select(day => cluster.FaqEffectivenessDay(tenantId, day).Read()));
        var questions = await Task.WhenAll(period.Select(day => cluster.FaqQuestionsDay(tenantId, day).Read()));
        var articles = days.SelectMany(d => d.Articles).GroupBy(a => a.ArticleId).Select(g => new FaqArticleCounts(
            g.Key, g.Sum(a => a.Shown), g.Sum(a => a.Opened), g.Sum(a => a.Helpful), g.Sum(a => a.NotHelpful))).ToList();
        var knowledgeBase = cluster.GetGrain<IKnowledgeBaseGrain>(tenantId);
        async Task<IReadOnlyList<ArticleReport>> Named(IEnumerable<FaqArticleCounts> listed) =>
            await Task.WhenAll(listed.Take(ListedArticles).Select(async a =>
                new ArticleReport(a.ArticleId, (await knowledgeBase.Get(a.ArticleId))?.Content.Title, a.Shown, a.Opened, a.Helpful, a.NotHelpful)));

        var total = new FaqDayCounts(
            last, days.Sum(d => d.QuestionsAsked), days.Sum(d => d.Suggested), days.Sum(d => d.NoResult), days.Sum(d => d.Helpful),
            days.Sum(d => d.NotHelpful), days.Sum(d => d.Deflected), days.Sum(d => d.HandedOff), []);
        return TypedResults.Ok(new EffectivenessReport(
            first, last, [.. days.Select(d => d with { Articles = [] })], total,
            await Named(articles.OrderByDescending(a => a.Shown).ThenByDescending(a => a.Helpful)),
            await Named(articles.Where(a => a.NotHelpful > 0).OrderByDescending(a => a.NotHelpful)),
            [.. questions.SelectMany(q => q)]));
    }
}
