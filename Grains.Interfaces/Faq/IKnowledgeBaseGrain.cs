using Orbitalyntra.Privacy;
using Orleans.Concurrency;

namespace Orbitalyntra.Faq;

/// <summary>
/// A tenant's knowledge base: its articles with every version, and its search synonyms. Keyed by the tenant id. Every
/// change is recorded in the tenant's audit trail (who, which article, what kind of change; never the text), counts one
/// more <em>change number</em>, and is handed to the tenant's search indexes (<see cref="IFaqSearchGrain"/>).
/// </summary>
[Alias("orbitalyntra.faq.IKnowledgeBaseGrain")]
public interface IKnowledgeBaseGrain : IGrainWithStringKey
{
    /// <summary>Creates a draft article (version 1).</summary>
    [Alias("Create")]
    Task<FaqArticleOutcome> Create(FaqArticleContent content, Actor by);

    /// <summary>Writes a new version of an article; its status stays.</summary>
    [Alias("Update")]
    Task<FaqArticleOutcome> Update(Guid articleId, FaqArticleContent content, Actor by);

    /// <summary>Makes an article public (searchable); idempotent.</summary>
    [Alias("Publish")]
    Task<FaqArticleOutcome> Publish(Guid articleId, Actor by);

    /// <summary>Takes an article back to draft (no longer searchable); idempotent.</summary>
    [Alias("Unpublish")]
    Task<FaqArticleOutcome> Unpublish(Guid articleId, Actor by);

    /// <summary>Deletes an article and its versions; false when there is no such article.</summary>
    [Alias("Delete")]
    Task<bool> Delete(Guid articleId, Actor by);

    /// <summary>An article as it is now, or null.</summary>
    [Alias("Get")]
    Task<FaqArticle?> Get(Guid articleId);

    /// <summary>The articles the filter lets through, by title.</summary>
    [Alias("List")]
    Task<IReadOnlyList<FaqArticle>> List(FaqArticleFilter filter);

    /// <summary>Every version of an article, oldest first; null when there is no such article.</summary>
    [Alias("Versions")]
    Task<IReadOnlyList<FaqArticleVersion>?> Versions(Guid articleId);

    /// <summary>
    /// Creates or updates the articles, all in one change; null, changing nothing, when they would take the tenant beyond
    /// <see cref="FaqRules.MaxArticles"/>. Answers the articles as they are after the import.
    /// </summary>
    [Alias("Import")]
    Task<IReadOnlyList<FaqArticle>?> Import(IReadOnlyList<FaqImportedArticle> articles, Actor by);

    /// <summary>A published article rendered as sanitized HTML, or null when there is none (or it is a draft).</summary>
    [Alias("GetPublished")]
    Task<FaqPublishedArticle?> GetPublished(Guid articleId);

    /// <summary>The tenant's synonyms: groups of words or phrases that search takes as meaning the same.</summary>
    [Alias("GetSynonyms")]
    Task<IReadOnlyList<IReadOnlyList<string>>> GetSynonyms();

    /// <summary>Replaces the tenant's synonyms.</summary>
    [Alias("SetSynonyms")]
    Task SetSynonyms(IReadOnlyList<IReadOnlyList<string>> groups, Actor by);

    /// <summary>
    /// The published articles of one language and the synonyms, at the current change number: what a search index is
    /// built from. It interleaves, because the index may ask while the knowledge base is handing it a change.
    /// </summary>
    [Alias("IndexSnapshot"), AlwaysInterleave]
    Task<FaqIndexSnapshot> IndexSnapshot(string language);

    /// <summary>The current change number (0 for a knowledge base never changed); interleaves, as <see cref="IndexSnapshot"/>.</summary>
    [Alias("ChangeNumber"), AlwaysInterleave]
    Task<long> ChangeNumber();

    /// <summary>
    /// Whether any article is published: the chat's assistant asks before it searches, so that a tenant without
    /// articles costs its conversations no index activation; interleaves, as <see cref="IndexSnapshot"/>.
    /// </summary>
    [Alias("HasPublished"), AlwaysInterleave]
    Task<bool> HasPublished();
}

/// <summary>Renders Markdown the way published articles are rendered; stateless, so previews never wait for a knowledge base.</summary>
[Alias("orbitalyntra.faq.IFaqRendererGrain")]
public interface IFaqRendererGrain : IGrainWithIntegerKey
{
    /// <summary>The Markdown as sanitized HTML: raw HTML is shown as text and links other than http(s), mailto and relative ones are dropped.</summary>
    [Alias("Render")]
    Task<string> Render(string markdown);
}
