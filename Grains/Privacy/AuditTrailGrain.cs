using Orbitalyntra.Retention;
using Orleans.Concurrency;

namespace Orbitalyntra.Privacy;

/// <summary>
/// A tenant's audit trail as a grain, so that Client.Web reads and records through the cluster, and retention purges
/// its entries after the tenant's audit lifetime; stateless.
/// </summary>
[StatelessWorker, GrainType(GrainTypeName)]
public sealed class AuditTrailGrain(IAuditTrail trail) : Grain, IAuditTrailGrain, IRetentionHolder
{
    public const int MaxPageSize = 200;

    /// <summary>The grain type, by which retention finds this tenant-wide holder.</summary>
    public const string GrainTypeName = "audittrail";

    /// <summary>What a purge report counts of this holder.</summary>
    public const string AuditEntriesCounter = "auditEntries";

    private string TenantId => this.GetPrimaryKeyString();

    public Task Record(AuditEntry entry) => trail.Append(TenantId, entry);

    public Task<IReadOnlyList<AuditEntry>> Read(DateTimeOffset? before, int limit) =>
        trail.Read(TenantId, before, Math.Clamp(limit, 1, MaxPageSize));

    async Task<PurgeOutcome> IRetentionHolder.Purge(RetentionPolicy policy, DateTimeOffset now) =>
        await trail.Purge(TenantId, now - policy.LifetimeOf(RetentionKind.Audit)) is var purged and > 0
            ? PurgeOutcome.Trimmed(new PurgeCount(AuditEntriesCounter, purged))
            : PurgeOutcome.Kept;
}
