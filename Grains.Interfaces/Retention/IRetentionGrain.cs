using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Orleans.Concurrency;

namespace Orbitalyntra.Retention;

/// <summary>
/// A tenant's retention: one reminder per tenant runs the purge of everything past the tenant's
/// <see cref="RetentionPolicy"/>, whatever the amount of data, by walking an index of items bucketed by the day of their
/// last activity. Keyed by the tenant id. Purges are idempotent and resume where a crash left them.
/// </summary>
[Alias("orbitalyntra.retention.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes sure the tenant's purge reminder is registered; idempotent (a new tenant calls it). Interleaves with a running
    /// purge, which reads the tenant's settings: the tenant calls this and <see cref="PolicyChanged"/>.
    /// </summary>
    [Alias("Schedule"), AlwaysInterleave]
    Task Schedule();

    /// <summary>The policy changed: runs a purge soon, so that a shortened lifetime applies without waiting for the hour.</summary>
    [Alias("PolicyChanged"), AlwaysInterleave]
    Task PolicyChanged();

    /// <summary>What will be purged when, over the next <paramref name="days"/> days (what is already due included).</summary>
    [Alias("Preview"), AlwaysInterleave]
    Task<PurgePreview> Preview(int days);

    /// <summary>The reports of the latest purges, newest first: counts only.</summary>
    [Alias("Reports"), AlwaysInterleave]
    Task<IReadOnlyList<PurgeReport>> Reports();
}

/// <summary>How many items of a kind fall due on a day.</summary>
/// <param name="Kind">The kind of data.</param>
/// <param name="Due">The day from which it is purged (the first purge after the start of that day, UTC).</param>
/// <param name="Items">How many items: conversations, sessions, or days of aggregates.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.due-items")]
public sealed record DueItems([property: Id(0)] RetentionKind Kind, [property: Id(1)] DateOnly Due, [property: Id(2)] int Items);

/// <summary>What the tenant's retention will purge, by kind and day.</summary>
/// <param name="Policy">The policy in force.</param>
/// <param name="At">When the preview was made.</param>
/// <param name="Upcoming">Items falling due until the end of the window, earliest first; a day before today is overdue and goes in the next purge.</param>
/// <param name="NextPurgeAt">About when the next purge runs (a period after the last one started), once one has run.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.purge-preview")]
public sealed record PurgePreview(
    [property: Id(0)] RetentionPolicy Policy,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] IReadOnlyList<DueItems> Upcoming,
    [property: Id(3)] DateTimeOffset? NextPurgeAt);

/// <summary>What one purge removed: counts, never what they were.</summary>
/// <param name="RunId">The purge; a purge interrupted by a crash is finished under the same id.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="CompletedAt">When it finished.</param>
/// <param name="Removed">What it removed, counted by each kind of holder (conversations, messages, files, visitorSessions...).</param>
/// <param name="Failed">Items that could not be purged this time; the next purge retries them.</param>
/// <param name="Held">Items due but kept by a legal hold (<see cref="ILegalHoldsGrain"/>); the first purge after the lift takes them.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.purge-report")]
[JsonConverter(typeof(PurgeReportJsonConverter))]
public sealed record PurgeReport(
    [property: Id(0)] Guid RunId,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset CompletedAt,
    [property: Id(3)] ImmutableList<PurgeCount> Removed,
    [property: Id(4)] int Failed,
    [property: Id(5)] int Held = 0)
{
    /// <summary>How many <paramref name="counter"/> the purge removed.</summary>
    public int Count(string counter) => Removed.Where(c => c.Counter == counter).Sum(c => c.Count);
}

/// <summary>How many of one thing a purge removed.</summary>
/// <param name="Counter">What was counted, e.g. <c>conversations</c>, <c>pageViews</c>.</param>
/// <param name="Count">How many.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.purge-count")]
public sealed record PurgeCount([property: Id(0)] string Counter, [property: Id(1)] int Count);

/// <summary>What purging one item did.</summary>
/// <param name="Result">Whether it was deleted, trimmed, kept (still in use) or already gone.</param>
/// <param name="Removed">What was removed, counted by the holder (e.g. a conversation: 1 conversation, its messages and files).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.purge-outcome")]
public sealed record PurgeOutcome([property: Id(0)] PurgeResult Result, [property: Id(1)] ImmutableList<PurgeCount> Removed)
{
    /// <summary>Still in use: active after the cutoff.</summary>
    public static readonly PurgeOutcome Kept = new(PurgeResult.Kept, []);

    /// <summary>Nothing was there.</summary>
    public static readonly PurgeOutcome Gone = new(PurgeResult.Gone, []);

    /// <summary>Deleted, with what was removed.</summary>
    public static PurgeOutcome Deleted(params PurgeCount[] removed) => new(PurgeResult.Deleted, [.. removed]);

    /// <summary>Partly expired, with what was removed.</summary>
    public static PurgeOutcome Trimmed(params PurgeCount[] removed) => new(PurgeResult.Trimmed, [.. removed]);
}

/// <summary>What purging one item did.</summary>
public enum PurgeResult
{
    /// <summary>Deleted, with everything that belonged to it.</summary>
    Deleted = 1,

    /// <summary>Partly expired: what expired was removed, the rest stays.</summary>
    Trimmed = 2,

    /// <summary>Active after the cutoff: nothing removed.</summary>
    Kept = 3,

    /// <summary>Nothing was there (purged before).</summary>
    Gone = 4,
}

/// <summary>The moments before which each part of a visitor session expires.</summary>
/// <param name="Session">A session last active before this is deleted.</param>
/// <param name="PageViews">Page views viewed before this are removed.</param>
/// <param name="DeviceData">Address and device data of a session last active before this are removed.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.session-cutoffs")]
public sealed record SessionCutoffs(
    [property: Id(0)] DateTimeOffset Session,
    [property: Id(1)] DateTimeOffset PageViews,
    [property: Id(2)] DateTimeOffset DeviceData)
{
    /// <summary>The cutoffs of <paramref name="policy"/> at <paramref name="now"/>.</summary>
    public static SessionCutoffs Of(RetentionPolicy policy, DateTimeOffset now) => new(
        now - policy.LifetimeOf(RetentionKind.VisitorSession),
        now - policy.LifetimeOf(RetentionKind.PageViews),
        now - policy.LifetimeOf(RetentionKind.DeviceData));
}
