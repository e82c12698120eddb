using System.Collections.Immutable;

namespace Orbitalyntra.Accounts;

/// <summary>Every tenant's id in one small state: tenants are created rarely, and ids are short.</summary>
public sealed class TenantRegistryGrain([PersistentState("registry")] IPersistentState<TenantRegistryState> state) : Grain, ITenantRegistryGrain
{
    async Task ITenantRegistryGrain.Register(string tenantId)
    {
        if (!state.State.TenantIds.Contains(tenantId))
        {
            state.State = new TenantRegistryState(state.State.TenantIds.Add(tenantId));
            await state.WriteStateAsync();
        }
    }

    async Task ITenantRegistryGrain.Unregister(string tenantId)
    {
        if (state.State.TenantIds.Contains(tenantId))
        {
            state.State = new TenantRegistryState(state.State.TenantIds.Remove(tenantId));
            await state.WriteStateAsync();
        }
    }

    Task<IReadOnlyList<string>> ITenantRegistryGrain.List() => Task.FromResult<IReadOnlyList<string>>([.. state.State.TenantIds]);
}

[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.tenant-registry-state")]
public sealed record TenantRegistryState([property: Id(0)] ImmutableSortedSet<string> TenantIds)
{
    public TenantRegistryState()
        : this(ImmutableSortedSet.Create<string>(StringComparer.Ordinal))
    {
    }
}
