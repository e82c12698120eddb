using System.Collections.Concurrent;

namespace Orbitalyntra.Privacy;

/// <summary>Tenants' key material in process memory, for the memory storage mode and unit tests.</summary>
public sealed class MemoryTenantKeyMaterial : ITenantKeyMaterial
{
    private readonly ConcurrentDictionary<string, byte[]> materials = new(StringComparer.Ordinal);

    public Task<byte[]?> Read(string tenantId) => Task.FromResult(materials.GetValueOrDefault(tenantId));

    public Task<byte[]> AddOrRead(string tenantId, byte[] sealedMaterial) => Task.FromResult(materials.GetOrAdd(tenantId, sealedMaterial));

    public Task<bool> Destroy(string tenantId) => Task.FromResult(materials.TryRemove(tenantId, out _));
}
