namespace Orbitalyntra.Retention;

/// <summary>
/// Which holders were active on which day, per tenant: the buckets the purge walks. A holder writes one entry the first
/// time it is active on a day (an idempotent upsert), so a purge finds every holder whose last activity is older than a
/// cutoff among the entries of older days; an entry of a holder active since then finds it kept and is dropped.
/// </summary>
public interface IRetentionIndex
{
    /// <summary>Records that <paramref name="holder"/> was active on <paramref name="day"/>, for each of <paramref name="kinds"/>, in one write.</summary>
    Task Touch(string tenantId, DateOnly day, GrainId holder, IReadOnlyList<RetentionKind> kinds);

    /// <summary>The entries of <paramref name="kind"/> of days before <paramref name="day"/>, oldest day first.</summary>
    IAsyncEnumerable<RetentionEntry> Before(string tenantId, RetentionKind kind, DateOnly day);

    /// <summary>Records that the entry's holder was purged by run <paramref name="runId"/>, and how, before the entry is removed.</summary>
    Task Mark(RetentionEntry entry, Guid runId, PurgeOutcome outcome);

    /// <summary>Removes the entry; idempotent.</summary>
    Task Remove(RetentionEntry entry);
}

/// <summary>One holder active on one day.</summary>
/// <param name="TenantId">Its tenant.</param>
/// <param name="Day">The day (UTC).</param>
/// <param name="Kind">Which lifetime of the policy applies.</param>
/// <param name="Holder">The holder's grain id (an opaque key: a conversation key, a visitor's subject key, a day).</param>
/// <param name="PurgedIn">The purge that purged it, once it has.</param>
/// <param name="Outcome">What that purge did.</param>
public sealed record RetentionEntry(string TenantId, DateOnly Day, RetentionKind Kind, GrainId Holder, Guid? PurgedIn = null, PurgeOutcome? Outcome = null);
