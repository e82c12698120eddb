namespace Orbitalyntra.Visitors;

/// <summary>What the widget reports when a visitor leaves a page.</summary>
/// <param name="Url">The page's address; only its path is kept (query strings and fragments often carry personal data).</param>
/// <param name="Title">The page's title.</param>
/// <param name="Referrer">Where the visitor came from; only the host is kept.</param>
/// <param name="TimeOnPageMs">How long the page was open, in milliseconds.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.visitors.page-view-report")]
public sealed record PageViewReport(
    [property: Id(0)] string Url,
    [property: Id(1)] string? Title,
    [property: Id(2)] string? Referrer,
    [property: Id(3)] int? TimeOnPageMs);

/// <summary>A page view as kept: reduced at ingestion.</summary>
/// <param name="At">When it was reported.</param>
/// <param name="Path">The page's path.</param>
/// <param name="Title">The page's title (at most 200 characters).</param>
/// <param name="ReferrerHost">The referrer's host, if any.</param>
/// <param name="TimeOnPageMs">Time on page, capped at a day.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.visitors.page-view")]
public sealed record PageView(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Path,
    [property: Id(2)] string? Title,
    [property: Id(3)] string? ReferrerHost,
    [property: Id(4)] int TimeOnPageMs);

/// <summary>Device and connection data, reduced at ingestion as analytics tools do.</summary>
/// <param name="Browser">Browser family (e.g. "Firefox").</param>
/// <param name="OperatingSystem">Operating-system family (e.g. "Android").</param>
/// <param name="DeviceType">"desktop", "mobile" or "tablet".</param>
/// <param name="NetworkPrefix">The IP address with its last IPv4 octet or last 80 IPv6 bits zeroed.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.visitors.device")]
public sealed record DeviceInfo(
    [property: Id(0)] string Browser,
    [property: Id(1)] string OperatingSystem,
    [property: Id(2)] string DeviceType,
    [property: Id(3)] string? NetworkPrefix);

/// <summary>A visitor's browsing on the tenant's site, as kept.</summary>
/// <param name="FirstSeen">The first page view kept.</param>
/// <param name="LastSeen">The latest page view kept.</param>
/// <param name="Device">The latest device and connection data; null once its retention period has passed.</param>
/// <param name="Pages">The navigation path, oldest first (the newest <see cref="TrackingRules.MaxPageViews"/>).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.visitors.session")]
public sealed record VisitorSession(
    [property: Id(0)] DateTimeOffset FirstSeen,
    [property: Id(1)] DateTimeOffset LastSeen,
    [property: Id(2)] DeviceInfo? Device,
    [property: Id(3)] IReadOnlyList<PageView> Pages)
{
    /// <summary>The export section visitor sessions write.</summary>
    public const string ExportSection = "sessions";
}

/// <summary>Whether a page view was kept, and if not, why.</summary>
/// <param name="Recorded">Kept.</param>
/// <param name="Reason">Why not: no analytics consent, restriction, objection, erasure, or an invalid report.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.visitors.tracking-outcome")]
public sealed record TrackingOutcome([property: Id(0)] bool Recorded, [property: Id(1)] string? Reason = null);

/// <summary>
/// One visitor's browsing on one tenant's site, keyed <c>{tenantId}:{visitorId}</c>. Nothing is kept without the
/// visitor's analytics consent, nor while processing is restricted or objected to; what is kept is reduced first. It
/// holds the visitor's personal data (<see cref="Privacy.IPersonalDataHolder"/>: erased as a whole; the export section
/// <c>sessions</c>) and lives by three lifetimes (<see cref="Retention.IRetentionHolder"/>): the session, its raw page
/// views, its address and device data.
/// </summary>
[Alias("orbitalyntra.visitors.IVisitorSessionGrain")]
public interface IVisitorSessionGrain : IGrainWithStringKey
{
    /// <summary>Keeps a page view with the device and connection data of the request, if the visitor allows it.</summary>
    [Alias("Record")]
    Task<TrackingOutcome> Record(PageViewReport report, string? ipAddress, string? userAgent);

    /// <summary>
    /// Counts a conversation the visitor starts (<paramref name="conversationId"/>), against the visitor's limits and then
    /// the tenant's (docs/decisions/0043); the refusal when one is spent, and then nothing is counted as open. Kept in memory.
    /// </summary>
    [Alias("AdmitConversation")]
    Task<Quotas.QuotaRefusal?> AdmitConversation(Guid conversationId);

    /// <summary>What is kept; null when nothing is.</summary>
    [Alias("Get")]
    Task<VisitorSession?> Get();
}
