using System.Collections.Concurrent;

namespace Orbitalyntra.Closure;

/// <summary>Closure records in process memory, for the memory storage mode.</summary>
public sealed class MemoryClosureRecords : IClosureRecords
{
    private readonly ConcurrentDictionary<string, ClosureRecord> records = new(StringComparer.Ordinal);

    public Task Keep(ClosureRecord record)
    {
        records[record.TenantId] = record;
        return Task.CompletedTask;
    }

    public Task<ClosureRecord?> Find(string tenantId) => Task.FromResult(records.GetValueOrDefault(tenantId));
}
