namespace Orbitalyntra.Bans;

/// <summary>How long an agent bans a visitor for: the console's four choices.</summary>
public enum BanDuration
{
    /// <summary>An hour.</summary>
    OneHour = 1,

    /// <summary>A day.</summary>
    OneDay = 2,

    /// <summary>Seven days.</summary>
    SevenDays = 3,

    /// <summary>Thirty days, the longest.</summary>
    ThirtyDays = 4,
}

/// <summary>The durations a ban can last, in time.</summary>
public static class BanDurations
{
    /// <summary>The length of <paramref name="duration"/>; null when it is not one of the four.</summary>
    public static TimeSpan? Length(BanDuration duration) => duration switch
    {
        BanDuration.OneHour => TimeSpan.FromHours(1),
        BanDuration.OneDay => TimeSpan.FromDays(1),
        BanDuration.SevenDays => TimeSpan.FromDays(7),
        BanDuration.ThirtyDays => TimeSpan.FromDays(30),
        _ => null,
    };

    /// <summary>The longest ban: bans are kept no longer than this (docs/privacy.md, records of processing).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    /// <summary>Longest reason kept.</summary>
    public const int MaxReasonLength = 200;
}

/// <summary>What an agent orders: ban a visitor, and perhaps the network they last wrote from.</summary>
/// <param name="VisitorId">The visitor's opaque id.</param>
/// <param name="NetworkHash">The keyed hash of the visitor's network (IPv4 /24, IPv6 /64), or null for the visitor only.</param>
/// <param name="Until">When the ban ends by itself.</param>
/// <param name="BannedBy">The agent's id.</param>
/// <param name="Reason">Why, optional: for the tenant's staff, never logged.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.bans.ban-order")]
public sealed record BanOrder(
    [property: Id(0)] string VisitorId,
    [property: Id(1)] string? NetworkHash,
    [property: Id(2)] DateTimeOffset Until,
    [property: Id(3)] string BannedBy,
    [property: Id(4)] string? Reason);

/// <summary>A ban as kept. The network is only ever a keyed hash; the visitor id is dropped when the visitor is erased.</summary>
/// <param name="BanId">The ban's opaque id.</param>
/// <param name="VisitorId">The banned visitor, or null once that visitor was erased (a network ban then goes on to its end).</param>
/// <param name="NetworkHash">The banned network's keyed hash, or null for a ban of the visitor only.</param>
/// <param name="At">When it was set.</param>
/// <param name="Until">When it ends by itself.</param>
/// <param name="BannedBy">The agent who set it.</param>
/// <param name="Reason">Why, if the agent said.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.bans.visitor-ban")]
public sealed record VisitorBan(
    [property: Id(0)] string BanId,
    [property: Id(1)] string? VisitorId,
    [property: Id(2)] string? NetworkHash,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] DateTimeOffset Until,
    [property: Id(5)] string BannedBy,
    [property: Id(6)] string? Reason)
{
    /// <summary>The export section a visitor's bans appear in.</summary>
    public const string ExportSection = "bans";

    /// <summary>Whether it covers the network too.</summary>
    public bool CoversNetwork => NetworkHash is not null;

    /// <summary>Whether it holds at <paramref name="now"/> for a request of <paramref name="visitorId"/> from <paramref name="networkHash"/>.</summary>
    public bool Refuses(string? visitorId, string? networkHash, DateTimeOffset now) =>
        now < Until && ((visitorId is not null && visitorId == VisitorId) || (networkHash is not null && networkHash == NetworkHash));
}
