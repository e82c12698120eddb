using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Faq;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// A tenant's published articles for anyone: the help center and the widget search and read them without a token.
/// Public on purpose (published articles are public), keyed by the tenant id like the help center's address, and
/// rate-limited per client address like the other public endpoints.
/// </summary>
public static class HelpApi
{
    public sealed record SearchResults(IReadOnlyList<FaqHit> Hits);

    /// <summary>A published article as the help center lists it under its category: no body.</summary>
    public sealed record ArticleSummary(Guid ArticleId, string Language, string Title, string? Category, DateTimeOffset UpdatedAt);

    public sealed record ArticleIndex(IReadOnlyList<ArticleSummary> Articles);

    /// <summary>Most hits the public search answers.</summary>
    public const int MaxPublicHits = 10;

    public static IEndpointRouteBuilder MapHelpApi(this IEndpointRouteBuilder app)
    {
        var help = app.MapGroup("/api/tenants/{tenantId}/help").WithTags("Help center").AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints);
        help.MapGet("/search", Search)
            .WithSummary("Search the tenant's published articles, ?q=&lang=fr|en (preferred, optional)&max=1..10 (public, rate-limited).");
        help.MapGet("/articles", Index)
            .WithSummary("The tenant's published articles by title, without their bodies, ?lang=fr|en (optional): the help center's categories (public, rate-limited).");
        help.MapGet("/articles/{articleId}", Read).WithSummary("A published article rendered as sanitized HTML (public, rate-limited).");
        return app;
    }

    private static async Task<Results<Ok<SearchResults>, ValidationProblem, ProblemHttpResult>> Search(
        string tenantId, string? q, string? lang, int? max, IClusterClient cluster)
    {
        var problems = new Dictionary<string, string[]>();
        if (FaqRules.QueryProblem(q) is { } problem)
        {
            problems["q"] = [problem];
        }

        if (lang is not null && !FaqRules.IsLanguage(lang))
        {
            problems["lang"] = ["lang must be 'fr' or 'en'."];
        }

        if (max is < 1 or > MaxPublicHits)
        {
            problems["max"] = [$"max must be 1 to {MaxPublicHits}."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The search is not valid.");
        }

        return await Exists(tenantId, cluster)
            ? TypedResults.Ok(new SearchResults(await cluster.SearchFaq(tenantId, q!, lang, max ?? 5)))
            : TenantsApi.TenantNotFound(tenantId);
    }

    private static async Task<Results<Ok<ArticleIndex>, ValidationProblem, ProblemHttpResult>> Index(string tenantId, string? lang, IClusterClient cluster)
    {
        if (lang is not null && !FaqRules.IsLanguage(lang))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = ["lang must be 'fr' or 'en'."] }, title: "The listing is not valid.");
        }

        if (!await Exists(tenantId, cluster))
        {
            return TenantsApi.TenantNotFound(tenantId);
        }

        var published = await cluster.GetGrain<IKnowledgeBaseGrain>(tenantId).List(new FaqArticleFilter(FaqStatus.Published, lang, null));
        return TypedResults.Ok(new ArticleIndex(published
            .Select(a => new ArticleSummary(a.ArticleId, a.Content.Language, a.Content.Title, a.Content.Category, a.UpdatedAt)).ToList()));
    }

    private static async Task<Results<Ok<FaqPublishedArticle>, ProblemHttpResult>> Read(string tenantId, string articleId, IClusterClient cluster) =>
        Guid.TryParse(articleId, out var id) && await Exists(tenantId, cluster)
        && await cluster.GetGrain<IKnowledgeBaseGrain>(tenantId).GetPublished(id) is { } article
            ? TypedResults.Ok(article)
            : Problems.NotFound("Article not found.", $"There is no published article '{articleId}'.");

    /// <summary>Only existing tenants' grains are activated for anonymous callers.</summary>
    private static async Task<bool> Exists(string tenantId, IClusterClient cluster) =>
        TenantIds.IsValid(tenantId) && await cluster.GetGrain<ITenantGrain>(tenantId).GetProfile() is not null;
}
