using System.Collections.Immutable;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Faq;

/// <summary>
/// Counts the assistant's effectiveness for one tenant and day. Each count is written at once: counts come with
/// questions and answers to the assistant, far fewer than page views, and only for tenants with published articles.
/// The day is an aggregate like a day of analytics, and lives as long (the policy's <c>analyticsDays</c>): it records
/// itself in the retention index before its first write of an activation, and its purge deletes it.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class FaqEffectivenessDayGrain(
    [PersistentState("faq-effectiveness")] IPersistentState<FaqEffectivenessState> state,
    IRetentionIndex retention) : Grain, IFaqEffectivenessDayGrain, IRetentionHolder
{
    /// <summary>The grain type, stored in index rows: never to change (it is the name Orleans gave the class before it was fixed here).</summary>
    public const string GrainTypeName = "faqeffectivenessday";

    /// <summary>What a purge report counts of effectiveness days.</summary>
    public const string DaysCounter = "faqEffectivenessDays";

    /// <summary>Most distinct articles counted in a day; later ones are not counted per article (a tenant holds at most 2,000).</summary>
    private const int MaxArticles = FaqRules.MaxArticles;

    private bool indexed;

    private (string TenantId, DateOnly Day) Key => FaqEffectiveness.ParseDay(this.GetPrimaryKeyString());

    async Task IFaqEffectivenessDayGrain.Count(FaqEvent what, IReadOnlyList<Guid> articles)
    {
        if (!Enum.IsDefined(what))
        {
            return;
        }

        var current = state.State;
        var perArticle = current.Articles;
        foreach (var articleId in articles.Distinct())
        {
            if (perArticle.Count >= MaxArticles && !perArticle.ContainsKey(articleId))
            {
                continue;
            }

            var counts = perArticle.GetValueOrDefault(articleId) ?? new FaqArticleCounts(articleId, 0, 0, 0, 0);
            perArticle = perArticle.SetItem(articleId, what switch
            {
                FaqEvent.Suggested => counts with { Shown = counts.Shown + 1 },
                FaqEvent.Opened => counts with { Opened = counts.Opened + 1 },
                FaqEvent.Helpful => counts with { Helpful = counts.Helpful + 1 },
                FaqEvent.NotHelpful => counts with { NotHelpful = counts.NotHelpful + 1 },
                _ => counts,
            });
        }

        // In the retention index before the first write of an activation, so that no stored day escapes its purge.
        if (!indexed)
        {
            await retention.Touch(Key.TenantId, Key.Day, this.GetGrainId(), [RetentionKind.Analytics]);
            indexed = true;
        }

        state.State = current with
        {
            Events = current.Events.SetItem(what, current.Events.GetValueOrDefault(what) + 1),
            Articles = perArticle,
        };
        await state.WriteStateAsync();
    }

    Task<FaqDayCounts> IFaqEffectivenessDayGrain.Read()
    {
        var events = state.State.Events;
        int Of(FaqEvent what) => events.GetValueOrDefault(what);
        return Task.FromResult(new FaqDayCounts(
            Key.Day, Of(FaqEvent.QuestionAsked), Of(FaqEvent.Suggested), Of(FaqEvent.NoResult), Of(FaqEvent.Helpful), Of(FaqEvent.NotHelpful),
            Of(FaqEvent.Deflected), Of(FaqEvent.HandedOff), [.. state.State.Articles.Values]));
    }

    /// <summary>Deletes the day's counts once the day is past the analytics lifetime.</summary>
    async Task<PurgeOutcome> IRetentionHolder.Purge(RetentionPolicy policy, DateTimeOffset now)
    {
        if (Key.Day >= DateOnly.FromDateTime((now - policy.LifetimeOf(RetentionKind.Analytics)).UtcDateTime))
        {
            return PurgeOutcome.Kept;
        }

        if (!state.RecordExists)
        {
            return PurgeOutcome.Gone;
        }

        await state.ClearStateAsync();
        indexed = false;
        return PurgeOutcome.Deleted(new PurgeCount(DaysCounter, 1));
    }
}

/// <summary>A day's counts as stored: per event, and per article; no person, no text.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.effectiveness-state")]
public sealed record FaqEffectivenessState(
    [property: Id(0)] ImmutableDictionary<FaqEvent, int> Events,
    [property: Id(1)] ImmutableDictionary<Guid, FaqArticleCounts> Articles)
{
    public FaqEffectivenessState()
        : this(ImmutableDictionary<FaqEvent, int>.Empty, ImmutableDictionary<Guid, FaqArticleCounts>.Empty)
    {
    }
}
