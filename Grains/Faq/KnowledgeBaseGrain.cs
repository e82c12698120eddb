using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Faq;

/// <summary>
/// A tenant's articles. A change is stored first, then recorded in the audit trail (kind of change, article id,
/// version, language: no text), then handed to both languages' indexes; an index that misses it (a failed call is
/// logged, not failed: the change is made) finds itself behind by the change number and rebuilds.
/// </summary>
public sealed partial class KnowledgeBaseGrain(
    [PersistentState("faq")] IPersistentState<KnowledgeBaseState> state, TimeProvider time, ILogger<KnowledgeBaseGrain> logger)
    : Grain, IKnowledgeBaseGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    private ImmutableList<StoredArticle> Articles => state.State.Articles ?? [];

    private IReadOnlyList<IReadOnlyList<string>> Synonyms => state.State.Synonyms ?? [];

    async Task<FaqArticleOutcome> IKnowledgeBaseGrain.Create(FaqArticleContent content, Actor by)
    {
        if (Articles.Count >= FaqRules.MaxArticles)
        {
            return FaqArticleOutcome.Refused(FaqRefusal.Full);
        }

        var created = New(Guid.NewGuid(), FaqRules.Normalized(content), FaqStatus.Draft, by);
        await Commit(Articles.Add(created), Synonyms, [created.Article.ArticleId], by, [Audit("faq.article.created", created.Article)]);
        return FaqArticleOutcome.Done(created.Article);
    }

    async Task<FaqArticleOutcome> IKnowledgeBaseGrain.Update(Guid articleId, FaqArticleContent content, Actor by)
    {
        if (Find(articleId) is not { } stored)
        {
            return FaqArticleOutcome.Refused(FaqRefusal.NotFound);
        }

        var updated = Revised(stored, FaqRules.Normalized(content), stored.Article.Status, by);
        await Commit(Articles.Replace(stored, updated), Synonyms, [articleId], by, [Audit("faq.article.updated", updated.Article)]);
        return FaqArticleOutcome.Done(updated.Article);
    }

    Task<FaqArticleOutcome> IKnowledgeBaseGrain.Publish(Guid articleId, Actor by) => SetStatus(articleId, FaqStatus.Published, "faq.article.published", by);

    Task<FaqArticleOutcome> IKnowledgeBaseGrain.Unpublish(Guid articleId, Actor by) => SetStatus(articleId, FaqStatus.Draft, "faq.article.unpublished", by);

    async Task<bool> IKnowledgeBaseGrain.Delete(Guid articleId, Actor by)
    {
        if (Find(articleId) is not { } stored)
        {
            return false;
        }

        await Commit(Articles.Remove(stored), Synonyms, [articleId], by, [Audit("faq.article.deleted", stored.Article)]);
        return true;
    }

    Task<FaqArticle?> IKnowledgeBaseGrain.Get(Guid articleId) => Task.FromResult(Find(articleId)?.Article);

    Task<IReadOnlyList<FaqArticle>> IKnowledgeBaseGrain.List(FaqArticleFilter filter) =>
        Task.FromResult<IReadOnlyList<FaqArticle>>(Articles
            .Select(stored => stored.Article)
            .Where(a => (filter.Status is null || a.Status == filter.Status)
                && (filter.Language is null || a.Content.Language == filter.Language)
                && (filter.Category is null || string.Equals(a.Content.Category, filter.Category, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(a => a.Content.Title, StringComparer.CurrentCultureIgnoreCase)
            .ToList());

    Task<IReadOnlyList<FaqArticleVersion>?> IKnowledgeBaseGrain.Versions(Guid articleId) =>
        Task.FromResult<IReadOnlyList<FaqArticleVersion>?>(Find(articleId)?.Versions);

    async Task<IReadOnlyList<FaqArticle>?> IKnowledgeBaseGrain.Import(IReadOnlyList<FaqImportedArticle> imported, Actor by)
    {
        var articles = Articles;
        var touched = new List<Guid>();
        foreach (var item in imported)
        {
            var content = FaqRules.Normalized(item.Content);
            var existing = item.ArticleId is { } id ? articles.FirstOrDefault(a => a.Article.ArticleId == id) : null;
            var next = existing is null
                ? New(item.ArticleId ?? Guid.NewGuid(), content, item.Status, by)
                : Revised(existing, content, item.Status, by);
            articles = existing is null ? articles.Add(next) : articles.Replace(existing, next);
            touched.Add(next.Article.ArticleId);
        }

        if (articles.Count > FaqRules.MaxArticles)
        {
            return null;
        }

        await Commit(articles, Synonyms, touched, by, [new("faq.articles.imported", $"{imported.Count} articles")]);
        return touched.Select(id => articles.First(a => a.Article.ArticleId == id).Article).ToList();
    }

    Task<FaqPublishedArticle?> IKnowledgeBaseGrain.GetPublished(Guid articleId) =>
        Task.FromResult(Find(articleId)?.Article is { Status: FaqStatus.Published } article
            ? new FaqPublishedArticle(
                article.ArticleId, article.Content.Language, article.Content.Title, FaqMarkdown.ToHtml(article.Content.Body),
                article.Content.Tags, article.Content.Category, article.UpdatedAt)
            : null);

    Task<IReadOnlyList<IReadOnlyList<string>>> IKnowledgeBaseGrain.GetSynonyms() => Task.FromResult(Synonyms);

    Task IKnowledgeBaseGrain.SetSynonyms(IReadOnlyList<IReadOnlyList<string>> groups, Actor by)
    {
        var trimmed = groups.Select(g => (IReadOnlyList<string>)g.Select(s => s.Trim()).ToList()).ToList();
        return Commit(Articles, trimmed, [], by, [new("faq.synonyms.changed", $"{trimmed.Count} groups")]);
    }

    Task<FaqIndexSnapshot> IKnowledgeBaseGrain.IndexSnapshot(string language) =>
        Task.FromResult(new FaqIndexSnapshot(
            state.State.ChangeNumber, Articles.Where(a => a.Searchable(language)).Select(a => a.Indexed()).ToList(), Synonyms));

    Task<long> IKnowledgeBaseGrain.ChangeNumber() => Task.FromResult(state.State.ChangeNumber);

    Task<bool> IKnowledgeBaseGrain.HasPublished() => Task.FromResult(Articles.Any(a => a.Article.Status == FaqStatus.Published));

    private async Task<FaqArticleOutcome> SetStatus(Guid articleId, FaqStatus status, string action, Actor by)
    {
        if (Find(articleId) is not { } stored)
        {
            return FaqArticleOutcome.Refused(FaqRefusal.NotFound);
        }

        if (stored.Article.Status == status)
        {
            return FaqArticleOutcome.Done(stored.Article);
        }

        var changed = stored with { Article = stored.Article with { Status = status, UpdatedAt = time.GetUtcNow() } };
        await Commit(Articles.Replace(stored, changed), Synonyms, [articleId], by, [Audit(action, changed.Article)]);
        return FaqArticleOutcome.Done(changed.Article);
    }

    private StoredArticle? Find(Guid articleId) => Articles.FirstOrDefault(a => a.Article.ArticleId == articleId);

    private StoredArticle New(Guid articleId, FaqArticleContent content, FaqStatus status, Actor by)
    {
        var now = time.GetUtcNow();
        return new StoredArticle(new FaqArticle(articleId, content, status, 1, now), [new FaqArticleVersion(1, now, by, content)]);
    }

    private StoredArticle Revised(StoredArticle stored, FaqArticleContent content, FaqStatus status, Actor by)
    {
        var now = time.GetUtcNow();
        var version = stored.Article.Version + 1;
        return new StoredArticle(
            stored.Article with { Content = content, Status = status, Version = version, UpdatedAt = now },
            stored.Versions.Add(new FaqArticleVersion(version, now, by, content)));
    }

    private static (string Action, string Detail) Audit(string action, FaqArticle article) =>
        (action, $"article {article.ArticleId} version {article.Version} ({article.Content.Language})");

    private async Task Commit(
        ImmutableList<StoredArticle> articles, IReadOnlyList<IReadOnlyList<string>> synonyms, IReadOnlyCollection<Guid> touched, Actor by,
        IEnumerable<(string Action, string Detail)> audit)
    {
        var before = state.State;
        state.State = new KnowledgeBaseState(articles, synonyms, before.ChangeNumber + 1);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }

        var trail = GrainFactory.GetGrain<IAuditTrailGrain>(TenantId);
        foreach (var (action, detail) in audit)
        {
            await trail.Record(new AuditEntry(time.GetUtcNow(), by, action, null, detail));
        }

        await Task.WhenAll(FaqRules.Languages.Select(language => HandOver(language, before.ChangeNumber, touched)));
    }

    private async Task HandOver(string language, long from, IReadOnlyCollection<Guid> touched)
    {
        var searchable = Articles.Where(a => touched.Contains(a.Article.ArticleId) && a.Searchable(language)).ToList();
        var change = new FaqIndexChange(
            from, state.State.ChangeNumber, searchable.Select(a => a.Indexed()).ToList(),
            touched.Except(searchable.Select(a => a.Article.ArticleId)).ToList(), Synonyms);
        try
        {
            await GrainFactory.FaqSearch(TenantId, language).Apply(change);
        }
        catch (Exception problem)
        {
            LogIndexMissedChange(problem, TenantId, language, change.To);
        }
    }

    [LoggerMessage(LogLevel.Warning, "FAQ index of tenant {TenantId} in {Language} missed change {ChangeNumber}; it rebuilds at its next search")]
    private partial void LogIndexMissedChange(Exception problem, string tenantId, string language, long changeNumber);
}
