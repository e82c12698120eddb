namespace Orbitalyntra.Analytics;

/// <summary>Configuration section <c>Analytics</c>.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>
    /// How often a day grain persists the counts it holds in memory: the most counts a silo crash can lose. Counting
    /// in memory keeps page views from costing a storage write each.
    /// </summary>
    public TimeSpan FlushPeriod { get; set; } = TimeSpan.FromSeconds(10);
}
