using Orbitalyntra.Privacy;

namespace Orbitalyntra.Faq;

/// <summary>Whether visitors may read an article.</summary>
public enum FaqStatus
{
    /// <summary>Being written: seen by administrators only, never searched.</summary>
    Draft = 1,

    /// <summary>Public: in the tenant's search and help center.</summary>
    Published = 2,
}

/// <summary>What an administrator writes of an article; each change of it is a new version.</summary>
/// <param name="Language">The article's language, one of <see cref="FaqRules.Languages"/>.</param>
/// <param name="Title">Its title.</param>
/// <param name="Body">Its body in Markdown (raw HTML is not rendered).</param>
/// <param name="Tags">Words that help finding it.</param>
/// <param name="Category">Its category in the help center, if any.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.article-content")]
public sealed record FaqArticleContent(
    [property: Id(0)] string Language,
    [property: Id(1)] string Title,
    [property: Id(2)] string Body,
    [property: Id(3)] IReadOnlyList<string> Tags,
    [property: Id(4)] string? Category);

/// <summary>An article as it is now.</summary>
/// <param name="ArticleId">Its id.</param>
/// <param name="Content">Its current version's content.</param>
/// <param name="Status">Draft or published.</param>
/// <param name="Version">Its current version's number, from 1.</param>
/// <param name="UpdatedAt">When it last changed (content or status).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.article")]
public sealed record FaqArticle(
    [property: Id(0)] Guid ArticleId,
    [property: Id(1)] FaqArticleContent Content,
    [property: Id(2)] FaqStatus Status,
    [property: Id(3)] int Version,
    [property: Id(4)] DateTimeOffset UpdatedAt);

/// <summary>One kept version of an article.</summary>
/// <param name="Version">Its number, from 1.</param>
/// <param name="At">When it was written.</param>
/// <param name="Author">Who wrote it (an agent or an API key).</param>
/// <param name="Content">What was written.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.article-version")]
public sealed record FaqArticleVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Actor Author,
    [property: Id(3)] FaqArticleContent Content);

/// <summary>Which articles a listing shows; a null field does not filter.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.article-filter")]
public sealed record FaqArticleFilter(
    [property: Id(0)] FaqStatus? Status, [property: Id(1)] string? Language, [property: Id(2)] string? Category);

/// <summary>An article brought in by an import: updated (a new version) when its id exists, created otherwise.</summary>
/// <param name="ArticleId">Its id; a new one is given when null.</param>
/// <param name="Content">Its content.</param>
/// <param name="Status">Its status after the import.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.imported-article")]
public sealed record FaqImportedArticle([property: Id(0)] Guid? ArticleId, [property: Id(1)] FaqArticleContent Content, [property: Id(2)] FaqStatus Status);

/// <summary>A published article as visitors read it: its Markdown rendered as sanitized HTML.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.published-article")]
public sealed record FaqPublishedArticle(
    [property: Id(0)] Guid ArticleId,
    [property: Id(1)] string Language,
    [property: Id(2)] string Title,
    [property: Id(3)] string Html,
    [property: Id(4)] IReadOnlyList<string> Tags,
    [property: Id(5)] string? Category,
    [property: Id(6)] DateTimeOffset UpdatedAt);

/// <summary>What a change to the knowledge base answers: the article, or why nothing changed.</summary>
/// <param name="Article">The article after the change; null when refused.</param>
/// <param name="Refusal">Why nothing changed; null when it changed.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.article-outcome")]
public sealed record FaqArticleOutcome([property: Id(0)] FaqArticle? Article, [property: Id(1)] FaqRefusal? Refusal)
{
    /// <summary>The change was made.</summary>
    public static FaqArticleOutcome Done(FaqArticle article) => new(article, null);

    /// <summary>Nothing changed, for this reason.</summary>
    public static FaqArticleOutcome Refused(FaqRefusal refusal) => new(null, refusal);
}

/// <summary>Why the knowledge base refused a change.</summary>
public enum FaqRefusal
{
    /// <summary>There is no such article.</summary>
    NotFound = 1,

    /// <summary>The tenant has <see cref="FaqRules.MaxArticles"/> articles already.</summary>
    Full = 2,
}
