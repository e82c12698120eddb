namespace Orbitalyntra.Retention;

/// <summary>
/// A grain whose data has a lifetime under the tenant's <see cref="RetentionPolicy"/>: a conversation, a visitor session,
/// a day of analytics, the audit trail... It records itself in the retention index (<see cref="IRetentionIndex"/>, by its
/// own grain id) on each day it is active, or is registered as a tenant-wide holder (<see cref="TenantRetentionHolder"/>);
/// the tenant's retention grain calls it by that grain id, never by its type, so a new kind of holder plugs in without a
/// change to Retention.
/// </summary>
[Alias("orbitalyntra.retention.IRetentionHolder")]
public interface IRetentionHolder : IGrain
{
    /// <summary>
    /// Purges what of this holder outlived its lifetime under <paramref name="policy"/> at <paramref name="now"/>, judged
    /// from its own last activity: all of it (deleted), a part (trimmed), or nothing (kept). Idempotent: ticks may repeat,
    /// and a call after a failure half-way finishes the work.
    /// </summary>
    [Alias("Purge")]
    Task<PurgeOutcome> Purge(RetentionPolicy policy, DateTimeOffset now);
}

/// <summary>
/// Where a tenant's retention policy comes from (the tenant's settings), keyed by the tenant id; one grain implements it.
/// </summary>
[Alias("orbitalyntra.retention.IRetentionPolicySource")]
public interface IRetentionPolicySource : IGrainWithStringKey
{
    /// <summary>The policy in force; null when the tenant does not exist (nothing of it is left to purge).</summary>
    [Alias("GetRetentionPolicy")]
    Task<RetentionPolicy?> GetRetentionPolicy();
}

/// <summary>
/// A holder kept once per tenant (keyed by the tenant id) rather than per item, purged on every run of the tenant's
/// purge without an index entry: the audit trail, the closed data-subject requests. Registered in the silo's services
/// by the domain that owns it.
/// </summary>
/// <param name="GrainType">The holder's grain type.</param>
public sealed record TenantRetentionHolder(string GrainType);

/// <summary>
/// A count every purge report shows, zero when nothing of it was removed, so that reports keep one shape. Registered in
/// the silo's services by the domain whose holders count it; reports list counts in the order they were registered.
/// </summary>
/// <param name="Name">The count's name, e.g. <c>conversations</c>.</param>
public sealed record PurgeCounter(string Name);
