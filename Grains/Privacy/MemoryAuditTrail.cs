using System.Collections.Concurrent;

namespace Orbitalyntra.Privacy;

/// <summary>The audit trail in process memory, for the memory storage mode (benchmarks, quick experiments).</summary>
public sealed class MemoryAuditTrail : IAuditTrail
{
    private readonly ConcurrentDictionary<string, List<AuditEntry>> trails = new();

    public Task Append(string tenantId, AuditEntry entry)
    {
        var trail = trails.GetOrAdd(tenantId, _ => []);
        lock (trail)
        {
            trail.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> Read(string tenantId, DateTimeOffset? before, int limit)
    {
        var trail = trails.GetOrAdd(tenantId, _ => []);
        lock (trail)
        {
            // Newest by time, as the table trail reads: writers stamp entries themselves and may append them out of order.
            IReadOnlyList<AuditEntry> page = trail.AsEnumerable().Reverse().OrderByDescending(e => e.At)
                .Where(e => before is null || e.At < before).Take(limit).ToList();
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ReadBy(string tenantId, string actorId)
    {
        var trail = trails.GetOrAdd(tenantId, _ => []);
        lock (trail)
        {
            IReadOnlyList<AuditEntry> entries = trail.Where(e => e.By.Id == actorId).OrderByDescending(e => e.At).ToList();
            return Task.FromResult(entries);
        }
    }

    public Task<int> Purge(string tenantId, DateTimeOffset before)
    {
        var trail = trails.GetOrAdd(tenantId, _ => []);
        lock (trail)
        {
            return Task.FromResult(trail.RemoveAll(e => e.At < before));
        }
    }
}
