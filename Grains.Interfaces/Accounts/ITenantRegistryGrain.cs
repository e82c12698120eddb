using Orleans.Concurrency;
namespace Orbitalyntra.Accounts;

/// <summary>
/// The list of every tenant's id (one grain, key <see cref="Key"/>), for what reaches all tenants: platform notices.
/// A tenant is registered when it is created (and, idempotently, when a seeded tenant starts).
/// </summary>
[Alias("orbitalyntra.accounts.ITenantRegistryGrain")]
public interface ITenantRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one grain's key.</summary>
    public const string Key = "tenants";

    /// <summary>Adds the tenant; nothing happens when it is registered already.</summary>
    [Alias("Register")]
    Task Register(string tenantId);

    /// <summary>Removes the tenant: part of a closed tenant's deletion. Idempotent.</summary>
    [Alias("Unregister")]
    Task Unregister(string tenantId);

    /// <summary>Every registered tenant id, in ordinal order.</summary>
    [Alias("List"), AlwaysInterleave]
    Task<IReadOnlyList<string>> List();
}
