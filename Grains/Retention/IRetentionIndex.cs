namespace Orbitalyntra.Retention;

/// <summary>
/// Which items were active on which day, per tenant: the buckets the purge walks. An item writes one entry the first
/// time it is active on a day (an idempotent upsert), so a purge finds every item whose last activity is older than a
/// cutoff among the entries of older days; an entry of an item active since then finds the item kept and is dropped.
/// </summary>
public interface IRetentionIndex
{
    /// <summary>Records that <paramref name="itemId"/> was active on <paramref name="day"/>, for each of <paramref name="kinds"/>, in one write.</summary>
    Task Touch(string tenantId, DateOnly day, string itemId, IReadOnlyList<RetentionKind> kinds);

    /// <summary>The entries of <paramref name="kind"/> of days before <paramref name="day"/>, oldest day first.</summary>
    IAsyncEnumerable<RetentionEntry> Before(string tenantId, RetentionKind kind, DateOnly day);

    /// <summary>Records that the entry's item was purged by run <paramref name="runId"/>, and how, before the entry is removed.</summary>
    Task Mark(RetentionEntry entry, Guid runId, PurgeOutcome outcome);

    /// <summary>Removes the entry; idempotent.</summary>
    Task Remove(RetentionEntry entry);
}

/// <summary>One item active on one day.</summary>
/// <param name="TenantId">Its tenant.</param>
/// <param name="Day">The day (UTC).</param>
/// <param name="Kind">What it is.</param>
/// <param name="ItemId">Its opaque id: a conversation id, a visitor id, a day.</param>
/// <param name="PurgedIn">The purge that purged it, once it has.</param>
/// <param name="Outcome">What that purge did.</param>
public sealed record RetentionEntry(string TenantId, DateOnly Day, RetentionKind Kind, string ItemId, Guid? PurgedIn = null, PurgeOutcome? Outcome = null);
