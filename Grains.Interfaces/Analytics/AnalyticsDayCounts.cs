using System.Collections.Immutable;

namespace Orbitalyntra.Analytics;

/// <summary>A move from one page to another on the tenant's site.</summary>
/// <param name="From">The path left.</param>
/// <param name="To">The path reached.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.analytics.path-transition")]
public sealed record PathTransition([property: Id(0)] string From, [property: Id(1)] string To);

/// <summary>
/// A day's counters, as kept and as read: bounded in size whatever the traffic (capped paths and transitions, a fixed
/// histogram of durations), and without anything that names or singles out a person.
/// </summary>
/// <param name="PageViews">Page views counted.</param>
/// <param name="UniqueVisitors">The estimated number of distinct visitors (HyperLogLog).</param>
/// <param name="TimedPageViews">Page views that reported a time on page.</param>
/// <param name="TimeOnPageTotalMs">The sum of those times, in milliseconds.</param>
/// <param name="Pages">Views per path: at most <see cref="AnalyticsRules.MaxPaths"/> paths, later ones under <see cref="AnalyticsRules.Other"/>.</param>
/// <param name="Transitions">Moves between paths: at most <see cref="AnalyticsRules.MaxTransitions"/>, later ones under (other) → (other).</param>
/// <param name="ConversationsStarted">Conversations started by visitors.</param>
/// <param name="FirstResponse">Time from a conversation's start to its first answer by an agent.</param>
/// <param name="Resolution">Time from a conversation's start to its first resolution.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.analytics.day-counts")]
public sealed record AnalyticsDayCounts(
    [property: Id(0)] long PageViews,
    [property: Id(1)] long UniqueVisitors,
    [property: Id(2)] long TimedPageViews,
    [property: Id(3)] long TimeOnPageTotalMs,
    [property: Id(4)] ImmutableDictionary<string, long> Pages,
    [property: Id(5)] ImmutableDictionary<PathTransition, long> Transitions,
    [property: Id(6)] long ConversationsStarted,
    [property: Id(7)] Durations FirstResponse,
    [property: Id(8)] Durations Resolution)
{
    /// <summary>A day with nothing counted.</summary>
    public static readonly AnalyticsDayCounts Empty = new(
        0, 0, 0, 0, ImmutableDictionary<string, long>.Empty, ImmutableDictionary<PathTransition, long>.Empty, 0, Durations.None, Durations.None);

    private static readonly PathTransition OtherTransition = new(AnalyticsRules.Other, AnalyticsRules.Other);

    /// <summary>These counters with <paramref name="hit"/> counted (its uniqueness is the sketch's business).</summary>
    public AnalyticsDayCounts With(PageHit hit) => this with
    {
        PageViews = PageViews + 1,
        TimedPageViews = TimedPageViews + (hit.TimeOnPageMs > 0 ? 1 : 0),
        TimeOnPageTotalMs = TimeOnPageTotalMs + Math.Max(0, hit.TimeOnPageMs),
        Pages = Bump(Pages, hit.Path, AnalyticsRules.MaxPaths, AnalyticsRules.Other),
        Transitions = hit.FromPath is { } from
            ? Bump(Transitions, new PathTransition(from, hit.Path), AnalyticsRules.MaxTransitions, OtherTransition)
            : Transitions,
    };

    /// <summary>
    /// One more for <paramref name="key"/>; once <paramref name="cap"/> distinct keys are counted, a new key counts
    /// under <paramref name="other"/>, so that the state stays small whatever a site's (or an attacker's) paths.
    /// </summary>
    private static ImmutableDictionary<TKey, long> Bump<TKey>(ImmutableDictionary<TKey, long> counts, TKey key, int cap, TKey other)
        where TKey : notnull
    {
        var counted = counts.ContainsKey(key) || counts.Count < cap ? key : other;
        return counts.SetItem(counted, counts.GetValueOrDefault(counted) + 1);
    }
}

/// <summary>
/// Durations as count, sum, extremes and a fixed histogram: enough for an average and an approximate median or
/// 90th percentile, in a constant size, and without any single conversation's time kept apart.
/// </summary>
/// <param name="Count">Durations counted.</param>
/// <param name="TotalSeconds">Their sum.</param>
/// <param name="MinSeconds">The shortest (0 when none).</param>
/// <param name="MaxSeconds">The longest (0 when none).</param>
/// <param name="Buckets">How many fell in each bucket of <see cref="BucketBounds"/>, plus one for the longer ones.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.analytics.durations")]
public sealed record Durations(
    [property: Id(0)] long Count,
    [property: Id(1)] double TotalSeconds,
    [property: Id(2)] double MinSeconds,
    [property: Id(3)] double MaxSeconds,
    [property: Id(4)] ImmutableArray<long> Buckets)
{
    /// <summary>The buckets' upper bounds in seconds: 30 s, 1, 2, 5, 10, 30 min, 1, 4 h, 1, 3, 7 days; the last bucket is open.</summary>
    public static readonly ImmutableArray<double> BucketBounds = [30, 60, 120, 300, 600, 1_800, 3_600, 14_400, 86_400, 259_200, 604_800];

    /// <summary>Nothing counted.</summary>
    public static readonly Durations None = new(0, 0, 0, 0, [.. new long[BucketBounds.Length + 1]]);

    /// <summary>These durations and <paramref name="duration"/> (negative ones count as zero).</summary>
    public Durations Add(TimeSpan duration)
    {
        var seconds = Math.Max(0, duration.TotalSeconds);
        var bucket = BucketBounds.Count(bound => bound <= seconds);
        return new Durations(
            Count + 1,
            TotalSeconds + seconds,
            Count == 0 ? seconds : Math.Min(MinSeconds, seconds),
            Math.Max(MaxSeconds, seconds),
            Buckets.SetItem(bucket, Buckets[bucket] + 1));
    }

    /// <summary>These durations and <paramref name="other"/>'s together (days summed into a period).</summary>
    public Durations Plus(Durations other) => other.Count == 0 ? this : Count == 0 ? other : new Durations(
        Count + other.Count,
        TotalSeconds + other.TotalSeconds,
        Math.Min(MinSeconds, other.MinSeconds),
        Math.Max(MaxSeconds, other.MaxSeconds),
        [.. Buckets.Zip(other.Buckets, (a, b) => a + b)]);

    /// <summary>The mean in seconds; null when nothing was counted.</summary>
    public double? AverageSeconds => Count == 0 ? null : TotalSeconds / Count;

    /// <summary>
    /// The approximate <paramref name="fraction"/> quantile in seconds (0.5: the median), interpolated within its
    /// bucket and kept between the shortest and the longest; null when nothing was counted.
    /// </summary>
    public double? Quantile(double fraction)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Clamp(fraction, 0, 1) * Count;
        long before = 0;
        for (var bucket = 0; bucket < Buckets.Length; bucket++)
        {
            var inBucket = Buckets[bucket];
            if (inBucket > 0 && before + inBucket >= rank)
            {
                var lower = Math.Max(bucket == 0 ? 0 : BucketBounds[bucket - 1], MinSeconds);
                var upper = Math.Max(lower, Math.Min(bucket < BucketBounds.Length ? BucketBounds[bucket] : MaxSeconds, MaxSeconds));
                return lower + ((upper - lower) * Math.Max(0, rank - before) / inBucket);
            }

            before += inBucket;
        }

        return MaxSeconds;
    }
}
