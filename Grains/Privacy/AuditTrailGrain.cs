using Orleans.Concurrency;

namespace Orbitalyntra.Privacy;

/// <summary>A tenant's audit trail as a grain, so that Client.Web reads and records through the cluster; stateless.</summary>
[StatelessWorker]
public sealed class AuditTrailGrain(IAuditTrail trail) : Grain, IAuditTrailGrain
{
    public const int MaxPageSize = 200;

    private string TenantId => this.GetPrimaryKeyString();

    public Task Record(AuditEntry entry) => trail.Append(TenantId, entry);

    public Task<IReadOnlyList<AuditEntry>> Read(DateTimeOffset? before, int limit) =>
        trail.Read(TenantId, before, Math.Clamp(limit, 1, MaxPageSize));
}
