using System.Collections.Concurrent;

namespace Orbitalyntra.Retention;

/// <summary>The retention index in process memory, for the memory storage mode.</summary>
public sealed class MemoryRetentionIndex : IRetentionIndex
{
    private readonly ConcurrentDictionary<(string TenantId, DateOnly Day, RetentionKind Kind, GrainId Holder), RetentionEntry> entries = new();

    public Task Touch(string tenantId, DateOnly day, GrainId holder, IReadOnlyList<RetentionKind> kinds)
    {
        foreach (var kind in kinds)
        {
            entries[(tenantId, day, kind, holder)] = new RetentionEntry(tenantId, day, kind, holder);
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<RetentionEntry> Before(string tenantId, RetentionKind kind, DateOnly day) =>
        entries.Values.Where(e => e.TenantId == tenantId && e.Kind == kind && e.Day < day).OrderBy(e => e.Day).ToAsyncEnumerable();

    public Task Mark(RetentionEntry entry, Guid runId, PurgeOutcome outcome)
    {
        entries[(entry.TenantId, entry.Day, entry.Kind, entry.Holder)] = entry with { PurgedIn = runId, Outcome = outcome };
        return Task.CompletedTask;
    }

    public Task Remove(RetentionEntry entry)
    {
        entries.TryRemove((entry.TenantId, entry.Day, entry.Kind, entry.Holder), out _);
        return Task.CompletedTask;
    }
}
