using System.Text.Json.Serialization;

namespace Orbitalyntra.Analytics;

/// <summary>A tenant's analytics over a period: a row per UTC day and the period's totals. Nothing per person.</summary>
/// <param name="From">The first day, included.</param>
/// <param name="To">The last day, included.</param>
/// <param name="Days">One row per day, oldest first, days without traffic included.</param>
/// <param name="Totals">The period's figures; its visitors are <see cref="AnalyticsFigures.VisitorDays"/>, not unique visitors.</param>
public sealed record AnalyticsReport(DateOnly From, DateOnly To, IReadOnlyList<AnalyticsFigures> Days, AnalyticsFigures Totals)
{
    /// <summary>How many pages and transitions a report lists, the most viewed first.</summary>
    public const int TopCount = 10;

    /// <summary>The report of <paramref name="days"/>, the counters of each day from <paramref name="from"/> on.</summary>
    public static AnalyticsReport Of(DateOnly from, IReadOnlyList<AnalyticsDayCounts> days) => new(
        from,
        from.AddDays(Math.Max(0, days.Count - 1)),
        [.. days.Select((counts, i) => AnalyticsFigures.Of([counts]) with { Day = from.AddDays(i), UniqueVisitors = counts.UniqueVisitors })],
        AnalyticsFigures.Of(days) with { VisitorDays = days.Sum(d => d.UniqueVisitors) });
}

/// <summary>The figures of a day, or of a period.</summary>
/// <param name="Day">The day of a row; absent in the totals.</param>
/// <param name="PageViews">Page views counted.</param>
/// <param name="UniqueVisitors">A day's estimated distinct visitors (about ±2 %); absent in the totals.</param>
/// <param name="VisitorDays">
/// The totals' sum of the days' unique visitors: someone who came on three days counts three times. A period's
/// distinct visitors cannot be known, on purpose: each day's estimate uses that day's salt, which is destroyed after it.
/// </param>
/// <param name="AverageTimeOnPageSeconds">The mean time on page of the views that reported one; null when none did.</param>
/// <param name="TopPages">The most viewed paths.</param>
/// <param name="TopTransitions">The most frequent moves between pages.</param>
/// <param name="ConversationsStarted">Conversations started by visitors.</param>
/// <param name="FirstResponse">Time from start to the first answer by an agent.</param>
/// <param name="Resolution">Time from start to the first resolution.</param>
public sealed record AnalyticsFigures(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Day,
    long PageViews,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? UniqueVisitors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? VisitorDays,
    double? AverageTimeOnPageSeconds,
    IReadOnlyList<TopPage> TopPages,
    IReadOnlyList<TopTransition> TopTransitions,
    long ConversationsStarted,
    DurationFigures FirstResponse,
    DurationFigures Resolution)
{
    /// <summary>The figures of <paramref name="days"/> together, without day or visitors (the caller says which it gives).</summary>
    public static AnalyticsFigures Of(IReadOnlyCollection<AnalyticsDayCounts> days)
    {
        var timed = days.Sum(d => d.TimedPageViews);
        return new AnalyticsFigures(
            null,
            days.Sum(d => d.PageViews),
            null,
            null,
            timed == 0 ? null : Math.Round(days.Sum(d => d.TimeOnPageTotalMs) / 1000.0 / timed, 1),
            [.. Top(days.SelectMany(d => d.Pages), path => path).Select(p => new TopPage(p.Key, p.Count))],
            [.. Top(days.SelectMany(d => d.Transitions), t => $"{t.From}\n{t.To}").Select(t => new TopTransition(t.Key.From, t.Key.To, t.Count))],
            days.Sum(d => d.ConversationsStarted),
            DurationFigures.Of(days.Aggregate(Durations.None, (all, d) => all.Plus(d.FirstResponse))),
            DurationFigures.Of(days.Aggregate(Durations.None, (all, d) => all.Plus(d.Resolution))));
    }

    /// <summary>The <see cref="AnalyticsReport.TopCount"/> keys with the highest summed counts; ties in a stable order.</summary>
    private static IEnumerable<(TKey Key, long Count)> Top<TKey>(IEnumerable<KeyValuePair<TKey, long>> counts, Func<TKey, string> order)
        where TKey : notnull =>
        counts.GroupBy(c => c.Key)
            .Select(g => (g.Key, Count: g.Sum(c => c.Value)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => order(c.Key), StringComparer.Ordinal)
            .Take(AnalyticsReport.TopCount);
}

/// <summary>A path and its views.</summary>
/// <param name="Path">The page's path.</param>
/// <param name="Views">Its views.</param>
public sealed record TopPage(string Path, long Views);

/// <summary>A move between two pages and how often it was made.</summary>
/// <param name="From">The path left.</param>
/// <param name="To">The path reached.</param>
/// <param name="Count">How often.</param>
public sealed record TopTransition(string From, string To, long Count);

/// <summary>Durations summarised: how many, their mean, and their approximate median and 90th percentile, in seconds.</summary>
/// <param name="Count">How many.</param>
/// <param name="AverageSeconds">The mean; null when none.</param>
/// <param name="MedianSeconds">The approximate median (from a histogram); null when none.</param>
/// <param name="P90Seconds">The approximate 90th percentile; null when none.</param>
public sealed record DurationFigures(long Count, double? AverageSeconds, double? MedianSeconds, double? P90Seconds)
{
    /// <summary>The summary of <paramref name="durations"/>, to a tenth of a second.</summary>
    public static DurationFigures Of(Durations durations) =>
        new(durations.Count, Round(durations.AverageSeconds), Round(durations.Quantile(0.5)), Round(durations.Quantile(0.9)));

    private static double? Round(double? seconds) => seconds is { } value ? Math.Round(value, 1) : null;
}
