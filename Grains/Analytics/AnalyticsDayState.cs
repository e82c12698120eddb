namespace Orbitalyntra.Analytics;

/// <summary>
/// A tenant's day of analytics as stored: counters, the unique-visitor sketch, and the day's salt while the day is
/// current (null after it, for good: see <see cref="AnalyticsDayGrain"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.analytics.day-state")]
public sealed record AnalyticsDayState(
    [property: Id(0)] AnalyticsDayCounts Counts,
    [property: Id(1)] byte[]? Sketch,
    [property: Id(2)] byte[]? DailySalt)
{
    public AnalyticsDayState()
        : this(AnalyticsDayCounts.Empty, null, null)
    {
    }
}
