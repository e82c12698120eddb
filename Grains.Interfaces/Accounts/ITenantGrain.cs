namespace Orbitalyntra.Accounts;

/// <summary>A tenant: the organisation whose website and agents use Orbitalyntra. Keyed by the tenant id.</summary>
[Alias("orbitalyntra.accounts.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant if it does not exist yet; returns its profile either way.</summary>
    [Alias("EnsureCreated")]
    Task<TenantProfile> EnsureCreated(string organisationName);

    /// <summary>The tenant's profile; null when no such tenant exists.</summary>
    [Alias("GetProfile")]
    Task<TenantProfile?> GetProfile();
}

/// <summary>What identifies a tenant to its own people.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.tenant-profile")]
public sealed record TenantProfile(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string OrganisationName,
    [property: Id(2)] DateTimeOffset CreatedAt);
