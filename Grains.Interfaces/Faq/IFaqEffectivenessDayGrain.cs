using System.Globalization;

namespace Orbitalyntra.Faq;

/// <summary>
/// How well the chat's FAQ assistant did for one tenant on one UTC day, keyed <c>{tenantId}:{yyyy-MM-dd}</c>
/// (<see cref="FaqEffectiveness.Day"/>): counts only, with article ids and no person (docs/decisions/0025).
/// </summary>
[Alias("orbitalyntra.faq.IFaqEffectivenessDayGrain")]
public interface IFaqEffectivenessDayGrain : IGrainWithStringKey
{
    /// <summary>Counts one <paramref name="what"/>, and for each of <paramref name="articles"/> its per-article count when there is one.</summary>
    [Alias("Count")]
    Task Count(FaqEvent what, IReadOnlyList<Guid> articles);

    /// <summary>The day's counts.</summary>
    [Alias("Read")]
    Task<FaqDayCounts> Read();
}

/// <summary>What the assistant counts.</summary>
public enum FaqEvent
{
    /// <summary>A visitor asked a question the assistant looked at.</summary>
    QuestionAsked = 1,

    /// <summary>The assistant suggested articles (each counted as shown).</summary>
    Suggested = 2,

    /// <summary>The search found nothing to suggest.</summary>
    NoResult = 3,

    /// <summary>The visitor said the suggestions answered the question (each suggested article counted helpful).</summary>
    Helpful = 4,

    /// <summary>The visitor asked for a person after suggestions (each suggested article counted not helpful).</summary>
    NotHelpful = 5,

    /// <summary>A conversation resolved by the assistant's suggestions, counted once per conversation.</summary>
    Deflected = 6,

    /// <summary>A conversation that waited with the assistant went to the inbox, counted once per conversation.</summary>
    HandedOff = 7,

    /// <summary>The visitor opened a suggested article.</summary>
    Opened = 8,
}

/// <summary>One day's counts.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.day-counts")]
public sealed record FaqDayCounts(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] int QuestionsAsked,
    [property: Id(2)] int Suggested,
    [property: Id(3)] int NoResult,
    [property: Id(4)] int Helpful,
    [property: Id(5)] int NotHelpful,
    [property: Id(6)] int Deflected,
    [property: Id(7)] int HandedOff,
    [property: Id(8)] IReadOnlyList<FaqArticleCounts> Articles);

/// <summary>One article's counts of a day.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.article-counts")]
public sealed record FaqArticleCounts(
    [property: Id(0)] Guid ArticleId,
    [property: Id(1)] int Shown,
    [property: Id(2)] int Opened,
    [property: Id(3)] int Helpful,
    [property: Id(4)] int NotHelpful);

/// <summary>Typed access to the effectiveness grains.</summary>
public static class FaqEffectiveness
{
    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>The counts of <paramref name="tenantId"/> for <paramref name="day"/>.</summary>
    public static IFaqEffectivenessDayGrain FaqEffectivenessDay(this IGrainFactory grains, string tenantId, DateOnly day) =>
        grains.GetGrain<IFaqEffectivenessDayGrain>(Day(tenantId, day));

    /// <summary>The key of a tenant's day, shared by the day's counts and its kept questions.</summary>
    public static string Day(string tenantId, DateOnly day) => $"{tenantId}:{day.ToString(DayFormat, CultureInfo.InvariantCulture)}";

    /// <summary>The tenant and day of a key made by <see cref="Day"/>.</summary>
    public static (string TenantId, DateOnly Day) ParseDay(string key) =>
        key.LastIndexOf(':') is var colon and > 0
        && DateOnly.TryParseExact(key[(colon + 1)..], DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (key[..colon], day)
            : throw new FormatException($"'{key}' is not the key of a tenant's FAQ day.");
}
