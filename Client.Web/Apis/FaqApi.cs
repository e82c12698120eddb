using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orbitalyntra.Faq;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// The tenant's knowledge base for its administrators (<see cref="IKnowledgeBaseGrain"/>): articles with their versions,
/// publication, import and export, the synonyms search uses, and previews rendered as visitors will see them.
/// </summary>
public static class FaqApi
{
    /// <summary>An article as written, and as imported and exported (with its id and status).</summary>
    public sealed record ArticleRequest(
        string? Language, string? Title, string? Body, IReadOnlyList<string>? Tags, string? Category, Guid? ArticleId = null, FaqStatus? Status = null);

    public sealed record ArticleList(IReadOnlyList<FaqArticle> Articles);

    public sealed record ArticlesFile(IReadOnlyList<ArticleRequest>? Articles);

    public sealed record PreviewRequest(string? Body);

    public sealed record Preview(string Html);

    public sealed record SynonymsSetting(IReadOnlyList<IReadOnlyList<string>>? Groups);

    /// <summary>Largest import, read past the API's usual body limit: <see cref="FaqRules.MaxImportedArticles"/> articles of a few KiB.</summary>
    public const long MaxImportBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapFaqApi(this IEndpointRouteBuilder app)
    {
        var faq = app.MapGroup("/api/tenants/{tenantId}/faq").WithTags("FAQ").RequireTenantAdmin();
        faq.MapGet("/articles", List).WithSummary("The knowledge base's articles, ?status=draft|published&language=fr|en&category= (administrators).");
        faq.MapPost("/articles", Create).WithSummary("Write a new article, as a draft (administrators).");
        faq.MapGet("/articles/{articleId}", Get).WithSummary("An article as it is now (administrators).");
        faq.MapPut("/articles/{articleId}", Update).WithSummary("Write a new version of an article; its status stays (administrators).");
        faq.MapGet("/articles/{articleId}/versions", Versions).WithSummary("Every version of an article, oldest first, with its author (administrators).");
        faq.MapPost("/articles/{articleId}/publish", Publish).WithSummary("Publish an article: visitors can find and read it (administrators).");
        faq.MapPost("/articles/{articleId}/unpublish", Unpublish).WithSummary("Take an article back to draft (administrators).");
        faq.MapDelete("/articles/{articleId}", Delete).WithSummary("Delete an article and its versions (administrators).");
        faq.MapGet("/export", Export).WithSummary("Every article as JSON, in the shape the import takes (administrators).");
        faq.MapPost("/import", Import).WithSummary("Create or update articles from JSON, all or none (administrators).");
        faq.MapPost("/preview", Render).WithSummary("Markdown rendered as visitors will see it: sanitized HTML (administrators).");
        faq.MapGet("/synonyms", GetSynonyms).WithSummary("The groups of words or phrases search takes as meaning the same (administrators).");
        faq.MapPut("/synonyms", SetSynonyms).WithSummary("Replace the synonyms (administrators).");
        return app;
    }

    private static IKnowledgeBaseGrain KnowledgeBase(this IClusterClient cluster, string tenantId) => cluster.GetGrain<IKnowledgeBaseGrain>(tenantId);

    private static async Task<Results<Ok<ArticleList>, ValidationProblem>> List(
        string tenantId, string? status, string? language, string? category, IClusterClient cluster)
    {
        var problems = new Dictionary<string, string[]>();
        FaqStatus? wanted = status switch { null => null, "draft" => FaqStatus.Draft, "published" => FaqStatus.Published, _ => (FaqStatus)0 };
        if (wanted == 0)
        {
            problems["status"] = ["status must be 'draft' or 'published'."];
        }

        if (language is not null && !FaqRules.IsLanguage(language))
        {
            problems["language"] = ["language must be 'fr' or 'en'."];
        }

        return problems.Count > 0
            ? TypedResults.ValidationProblem(problems, title: "The filter is not valid.")
            : TypedResults.Ok(new ArticleList(await cluster.KnowledgeBase(tenantId).List(new FaqArticleFilter(wanted, language, category))));
    }

    private static async Task<Results<Created<FaqArticle>, ValidationProblem, ProblemHttpResult>> Create(
        string tenantId, ArticleRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var outcome = await cluster.KnowledgeBase(tenantId).Create(Content(request), caller.AsActor());
        return outcome.Article is { } article
            ? TypedResults.Created($"/api/tenants/{tenantId}/faq/articles/{article.ArticleId}", article)
            : Refused(outcome.Refusal, "");
    }

    private static async Task<Results<Ok<FaqArticle>, ProblemHttpResult>> Get(string tenantId, string articleId, IClusterClient cluster) =>
        Guid.TryParse(articleId, out var id) && await cluster.KnowledgeBase(tenantId).Get(id) is { } article
            ? TypedResults.Ok(article)
            : ArticleNotFound(articleId);

    private static async Task<Results<Ok<FaqArticle>, ValidationProblem, ProblemHttpResult>> Update(
        string tenantId, string articleId, ArticleRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (!Guid.TryParse(articleId, out var id))
        {
            return ArticleNotFound(articleId);
        }

        if (Invalid(request) is { } invalid)
        {
            return invalid;
        }

        var outcome = await cluster.KnowledgeBase(tenantId).Update(id, Content(request), caller.AsActor());
        return outcome.Article is { } article ? TypedResults.Ok(article) : Refused(outcome.Refusal, articleId);
    }

    private static async Task<Results<Ok<IReadOnlyList<FaqArticleVersion>>, ProblemHttpResult>> Versions(string tenantId, string articleId, IClusterClient cluster) =>
        Guid.TryParse(articleId, out var id) && await cluster.KnowledgeBase(tenantId).Versions(id) is { } versions
            ? TypedResults.Ok(versions)
            : ArticleNotFound(articleId);

    private static async Task<Results<Ok<FaqArticle>, ProblemHttpResult>> Publish(string tenantId, string articleId, ClaimsPrincipal caller, IClusterClient cluster) =>
        Guid.TryParse(articleId, out var id) ? Answer(await cluster.KnowledgeBase(tenantId).Publish(id, caller.AsActor()), articleId) : ArticleNotFound(articleId);

    private static async Task<Results<Ok<FaqArticle>, ProblemHttpResult>> Unpublish(string tenantId, string articleId, ClaimsPrincipal caller, IClusterClient cluster) =>
        Guid.TryParse(articleId, out var id) ? Answer(await cluster.KnowledgeBase(tenantId).Unpublish(id, caller.AsActor()), articleId) : ArticleNotFound(articleId);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string tenantId, string articleId, ClaimsPrincipal caller, IClusterClient cluster) =>
        Guid.TryParse(articleId, out var id) && await cluster.KnowledgeBase(tenantId).Delete(id, caller.AsActor())
            ? TypedResults.NoContent()
            : ArticleNotFound(articleId);

    private static async Task<Ok<ArticlesFile>> Export(string tenantId, IClusterClient cluster) =>
        TypedResults.Ok(new ArticlesFile((await cluster.KnowledgeBase(tenantId).List(new FaqArticleFilter(null, null, null)))
            .Select(a => new ArticleRequest(a.Content.Language, a.Content.Title, a.Content.Body, a.Content.Tags, a.Content.Category, a.ArticleId, a.Status))
            .ToList()));

    /// <summary>Reads its body itself, so that an import may be larger than the API's usual limit.</summary>
    private static async Task<Results<Ok<ArticleList>, ValidationProblem, ProblemHttpResult>> Import(
        string tenantId, HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster, IOptions<JsonOptions> json)
    {
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxImportBytes;
        }

        ArticlesFile? file;
        try
        {
            file = await JsonSerializer.DeserializeAsync<ArticlesFile>(http.Body, json.Value.SerializerOptions);
        }
        catch (JsonException problem)
        {
            return TypedResults.Problem(problem.Message, statusCode: StatusCodes.Status400BadRequest, title: "The request could not be read.");
        }

        var articles = file?.Articles ?? [];
        var problems = new Dictionary<string, string[]>();
        if (articles.Count is 0 or > FaqRules.MaxImportedArticles)
        {
            problems["articles"] = [$"articles must hold 1 to {FaqRules.MaxImportedArticles} articles."];
        }

        foreach (var (article, i) in articles.Select((a, i) => (a, i)))
        {
            foreach (var (field, problem) in FaqRules.Problems(Content(article), $"articles[{i}]."))
            {
                problems[field] = problem;
            }
        }

        if (articles.GroupBy(a => a.ArticleId).Any(g => g.Key is not null && g.Count() > 1))
        {
            problems["articles"] = ["Each articleId may appear once."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The import is not valid; nothing was imported.");
        }

        var imported = await cluster.KnowledgeBase(tenantId)
            .Import(articles.Select(a => new FaqImportedArticle(a.ArticleId, Content(a), a.Status ?? FaqStatus.Draft)).ToList(), caller.AsActor());
        return imported is null ? Refused(FaqRefusal.Full, "") : TypedResults.Ok(new ArticleList(imported));
    }

    private static async Task<Results<Ok<Preview>, ValidationProblem>> Render(PreviewRequest request, IClusterClient cluster) =>
        request.Body is null || request.Body.Length > FaqRules.MaxBodyLength
            ? TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = [$"body must be at most {FaqRules.MaxBodyLength} characters of Markdown."] },
                title: "The preview is not valid.")
            : TypedResults.Ok(new Preview(await cluster.GetGrain<IFaqRendererGrain>(0).Render(request.Body)));

    private static async Task<Ok<SynonymsSetting>> GetSynonyms(string tenantId, IClusterClient cluster) =>
        TypedResults.Ok(new SynonymsSetting(await cluster.KnowledgeBase(tenantId).GetSynonyms()));

    private static async Task<Results<Ok<SynonymsSetting>, ValidationProblem>> SetSynonyms(
        string tenantId, SynonymsSetting request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (FaqRules.SynonymsProblem(request.Groups) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["groups"] = [problem] }, title: "The synonyms are not valid.");
        }

        await cluster.KnowledgeBase(tenantId).SetSynonyms(request.Groups!, caller.AsActor());
        return TypedResults.Ok(new SynonymsSetting(await cluster.KnowledgeBase(tenantId).GetSynonyms()));
    }

    private static FaqArticleContent Content(ArticleRequest request) =>
        new(request.Language!, request.Title!, request.Body!, request.Tags ?? [], request.Category);

    private static ValidationProblem? Invalid(ArticleRequest request) =>
        FaqRules.Problems(Content(request)) is { Count: > 0 } problems ? TypedResults.ValidationProblem(problems, title: "The article is not valid.") : null;

    private static Results<Ok<FaqArticle>, ProblemHttpResult> Answer(FaqArticleOutcome outcome, string articleId) =>
        outcome.Article is { } article ? TypedResults.Ok(article) : Refused(outcome.Refusal, articleId);

    private static ProblemHttpResult Refused(FaqRefusal? refusal, string articleId) => refusal == FaqRefusal.Full
        ? Problems.Conflict("Too many articles.", $"A knowledge base holds at most {FaqRules.MaxArticles} articles; delete some first.")
        : ArticleNotFound(articleId);

    private static ProblemHttpResult ArticleNotFound(string articleId) => Problems.NotFound("Article not found.", $"There is no article '{articleId}'.");
}
