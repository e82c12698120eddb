using System.Collections.Immutable;

namespace Orbitalyntra.Faq;

/// <summary>
/// A knowledge base as stored: every article with all its versions, the synonyms, and the change number. One state,
/// written once per change: changes are an administrator's edits, rare next to searches, which never touch it.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.knowledge-base-state")]
public sealed record KnowledgeBaseState(
    [property: Id(0)] ImmutableList<StoredArticle>? Articles,
    [property: Id(1)] IReadOnlyList<IReadOnlyList<string>>? Synonyms,
    [property: Id(2)] long ChangeNumber);

/// <summary>An article and its versions, oldest first (the last is the article's content).</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.stored-article")]
public sealed record StoredArticle([property: Id(0)] FaqArticle Article, [property: Id(1)] ImmutableList<FaqArticleVersion> Versions)
{
    public bool Searchable(string language) => Article.Status == FaqStatus.Published && Article.Content.Language == language;

    public FaqIndexedArticle Indexed() =>
        new(Article.ArticleId, Article.Content.Title, Article.Content.Body, Article.Content.Tags, Article.Content.Category);
}
