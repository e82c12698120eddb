using System.Globalization;

namespace Orbitalyntra.Analytics;

/// <summary>The identity of one tenant's analytics for one UTC day: nothing about any person.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Day">The UTC day.</param>
public readonly record struct AnalyticsDayKey(string TenantId, DateOnly Day)
{
    /// <summary>The format of <see cref="Day"/> in the key and in the report's query.</summary>
    public const string DayFormat = "yyyy-MM-dd";

    /// <summary>The key of <paramref name="tenantId"/>'s day that contains <paramref name="at"/>, in UTC.</summary>
    public static AnalyticsDayKey For(string tenantId, DateTimeOffset at) => new(tenantId, DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>The key as one string: <c>{tenantId}:{yyyy-MM-dd}</c>.</summary>
    public override string ToString() => $"{TenantId}:{Day.ToString(DayFormat, CultureInfo.InvariantCulture)}";

    /// <summary>Parses the string form made by <see cref="ToString"/>.</summary>
    public static AnalyticsDayKey Parse(string key)
    {
        var separator = key.LastIndexOf(':');
        if (separator <= 0 || !DateOnly.TryParseExact(key[(separator + 1)..], DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new FormatException($"'{key}' is not an analytics day key.");
        }

        return new AnalyticsDayKey(key[..separator], day);
    }
}

/// <summary>A page view as the day's aggregates count it: a path, where the visitor came from on the same site, and a time.</summary>
/// <param name="Path">The page's path (no query string or fragment).</param>
/// <param name="FromPath">The path of the page the visitor came from on the same site, if known.</param>
/// <param name="TimeOnPageMs">Time on the page in milliseconds; 0 when it was not reported.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.analytics.page-hit")]
public sealed record PageHit([property: Id(0)] string Path, [property: Id(1)] string? FromPath, [property: Id(2)] int TimeOnPageMs);

/// <summary>
/// One tenant's aggregated, anonymous analytics for one UTC day, keyed <see cref="AnalyticsDayKey"/>
/// (<c>{tenantId}:{yyyy-MM-dd}</c>): counters only, nothing per person. Unique visitors are estimated from a sketch fed
/// with salted hashes; the identifiers themselves are never kept. Counts are held in memory and persisted
/// periodically, so a silo crash loses at most one flush period of counts (docs/decisions/0011). Deleted after the
/// tenant's analytics lifetime (<see cref="Retention.IRetentionHolder"/>).
/// </summary>
[Alias("orbitalyntra.analytics.IAnalyticsDayGrain")]
public interface IAnalyticsDayGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts a page view kept for a visitor who allows it; <paramref name="visitorId"/> only feeds the unique-visitor
    /// estimate through a hash salted with the day's secret salt, and is never stored.
    /// </summary>
    [Alias("CountPageView")]
    Task CountPageView(PageHit hit, string visitorId);

    /// <summary>
    /// Counts a page view without any identifier (cookieless mode): uniqueness comes from a hash of the day's secret
    /// salt, the tenant, the address and the user agent, made here; neither the address nor the user agent is stored.
    /// </summary>
    [Alias("CountAnonymousPageView")]
    Task CountAnonymousPageView(PageHit hit, string? ipAddress, string? userAgent);

    /// <summary>Counts a conversation started by a visitor.</summary>
    [Alias("CountConversationStarted")]
    Task CountConversationStarted();

    /// <summary>Counts a conversation's first answer by an agent, <paramref name="after"/> its start.</summary>
    [Alias("CountFirstResponse")]
    Task CountFirstResponse(TimeSpan after);

    /// <summary>Counts a conversation's first resolution, <paramref name="after"/> its start.</summary>
    [Alias("CountResolution")]
    Task CountResolution(TimeSpan after);

    /// <summary>The day's counters as they are now, including those not yet persisted.</summary>
    [Alias("GetCounts")]
    Task<AnalyticsDayCounts> GetCounts();
}

/// <summary>Finding a tenant's day grain.</summary>
public static class AnalyticsDays
{
    /// <summary>The day grain of <paramref name="tenantId"/> for <paramref name="day"/>.</summary>
    public static IAnalyticsDayGrain AnalyticsDay(this IGrainFactory grains, string tenantId, DateOnly day) =>
        grains.GetGrain<IAnalyticsDayGrain>(new AnalyticsDayKey(tenantId, day).ToString());

    /// <summary>The day grain of <paramref name="tenantId"/> for the UTC day of <paramref name="at"/>.</summary>
    public static IAnalyticsDayGrain AnalyticsDay(this IGrainFactory grains, string tenantId, DateTimeOffset at) =>
        grains.GetGrain<IAnalyticsDayGrain>(AnalyticsDayKey.For(tenantId, at).ToString());
}
