namespace Orbitalyntra.Faq;

/// <summary>
/// The search index of a tenant's published articles in one language (Lucene.Net), keyed <c>{tenantId}/{language}</c>
/// (<see cref="FaqGrains.FaqSearch"/>). It is kept in Blob storage, so an activation loads it instead of rebuilding it,
/// and rebuilt from the knowledge base when it is missing or behind the knowledge base's change number. Callers: the
/// public search, and later the chat's assistant.
/// </summary>
[Alias("orbitalyntra.faq.IFaqSearchGrain")]
public interface IFaqSearchGrain : IGrainWithStringKey
{
    /// <summary>
    /// The published articles that best answer <paramref name="query"/>, best first, at most <paramref name="max"/>
    /// (clamped to 1..<see cref="FaqRules.MaxHits"/>). Stemming, elision and accent folding in the index's language, the
    /// tenant's synonyms, typos forgiven, titles weigh more than bodies.
    /// </summary>
    [Alias("Search")]
    Task<IReadOnlyList<FaqHit>> Search(string query, int max);

    /// <summary>
    /// Takes a change of the knowledge base. Applied at once when the index is at <see cref="FaqIndexChange.From"/>;
    /// otherwise the index knows it is behind and is rebuilt before its next search.
    /// </summary>
    [Alias("Apply")]
    Task Apply(FaqIndexChange change);

    /// <summary>What the index holds and where this activation got it from.</summary>
    [Alias("Status")]
    Task<FaqIndexStatus> Status();
}

/// <summary>A search hit.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="Language">Its language.</param>
/// <param name="Title">Its title.</param>
/// <param name="Snippet">The start of its body as plain text.</param>
/// <param name="Score">How well it matches; comparable within one search.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.hit")]
public sealed record FaqHit(
    [property: Id(0)] Guid ArticleId,
    [property: Id(1)] string Language,
    [property: Id(2)] string Title,
    [property: Id(3)] string Snippet,
    [property: Id(4)] float Score);

/// <summary>An article as an index holds it.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.indexed-article")]
public sealed record FaqIndexedArticle(
    [property: Id(0)] Guid ArticleId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Body,
    [property: Id(3)] IReadOnlyList<string> Tags,
    [property: Id(4)] string? Category);

/// <summary>What an index is built from: the published articles of its language and the synonyms, at a change number.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.index-snapshot")]
public sealed record FaqIndexSnapshot(
    [property: Id(0)] long ChangeNumber,
    [property: Id(1)] IReadOnlyList<FaqIndexedArticle> Articles,
    [property: Id(2)] IReadOnlyList<IReadOnlyList<string>> Synonyms);

/// <summary>One change of the knowledge base as an index of one language sees it.</summary>
/// <param name="From">The change number before it.</param>
/// <param name="To">The change number after it.</param>
/// <param name="Upserted">Articles of the index's language published or changed while published.</param>
/// <param name="Removed">Articles no longer searchable in it (unpublished, deleted, or moved to another language).</param>
/// <param name="Synonyms">The synonyms after the change.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.index-change")]
public sealed record FaqIndexChange(
    [property: Id(0)] long From,
    [property: Id(1)] long To,
    [property: Id(2)] IReadOnlyList<FaqIndexedArticle> Upserted,
    [property: Id(3)] IReadOnlyList<Guid> Removed,
    [property: Id(4)] IReadOnlyList<IReadOnlyList<string>> Synonyms);

/// <summary>Where an activation of an index got it from.</summary>
public enum FaqIndexOrigin
{
    /// <summary>Not opened yet (no search since the activation).</summary>
    NotOpened = 0,

    /// <summary>Read from storage, as stored.</summary>
    Loaded = 1,

    /// <summary>Built from the knowledge base: nothing was stored, or it was behind.</summary>
    Rebuilt = 2,
}

/// <summary>An index's state.</summary>
/// <param name="ChangeNumber">The knowledge base's change number it reflects.</param>
/// <param name="Articles">How many articles it holds.</param>
/// <param name="Origin">Where this activation got it from.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.index-status")]
public sealed record FaqIndexStatus([property: Id(0)] long ChangeNumber, [property: Id(1)] int Articles, [property: Id(2)] FaqIndexOrigin Origin);
