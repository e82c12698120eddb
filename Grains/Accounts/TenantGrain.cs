namespace Orbitalyntra.Accounts;

public sealed class TenantGrain(
    [PersistentState("tenant")] IPersistentState<TenantState> state,
    TimeProvider time) : Grain, ITenantGrain
{
    async Task<TenantProfile> ITenantGrain.EnsureCreated(string organisationName)
    {
        if (!state.RecordExists)
        {
            state.State = new TenantState(organisationName, time.GetUtcNow());
            await state.WriteStateAsync();
        }

        return Profile(state.State);
    }

    Task<TenantProfile?> ITenantGrain.GetProfile() => Task.FromResult(state.RecordExists ? Profile(state.State) : null);

    private TenantProfile Profile(TenantState tenant) => new(this.GetPrimaryKeyString(), tenant.OrganisationName, tenant.CreatedAt);
}

[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.tenant-state")]
public sealed record TenantState([property: Id(0)] string OrganisationName, [property: Id(1)] DateTimeOffset CreatedAt);
