using System.Collections.Immutable;

namespace Orbitalyntra.Faq;

/// <summary>
/// Counts the assistant's effectiveness for one tenant and day. Each count is written at once: counts come with
/// questions and answers to the assistant, far fewer than page views, and only for tenants with published articles.
/// </summary>
public sealed class FaqEffectivenessDayGrain(
    [PersistentState("faq-effectiveness")] IPersistentState<FaqEffectivenessState> state) : Grain, IFaqEffectivenessDayGrain
{
    /// <summary>Most distinct articles counted in a day; later ones are not counted per article (a tenant holds at most 2,000).</summary>
    private const int MaxArticles = FaqRules.MaxArticles;

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
        var day = DateOnly.ParseExact(this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf(':') + 1)..], "yyyy-MM-dd");
        int Of(FaqEvent what) => events.GetValueOrDefault(what);
        return Task.FromResult(new FaqDayCounts(
            day, Of(FaqEvent.QuestionAsked), Of(FaqEvent.Suggested), Of(FaqEvent.NoResult), Of(FaqEvent.Helpful), Of(FaqEvent.NotHelpful),
            Of(FaqEvent.Deflected), Of(FaqEvent.HandedOff), [.. state.State.Articles.Values]));
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
