namespace Orbitalyntra.Privacy;

/// <summary>
/// The random material each tenant's keys are derived from, stored sealed under the master key. Deleting it destroys
/// the tenant's key: every data key it wrapped, so every sealed value of the tenant, can no longer be opened
/// (crypto-shredding of a whole tenant, docs/decisions/0033).
/// </summary>
public interface ITenantKeyMaterial
{
    /// <summary>The tenant's stored (sealed) material, or null when it has none (never made, or destroyed).</summary>
    Task<byte[]?> Read(string tenantId);

    /// <summary>Stores <paramref name="sealedMaterial"/> unless the tenant has material already; answers the one stored.</summary>
    Task<byte[]> AddOrRead(string tenantId, byte[] sealedMaterial);

    /// <summary>Deletes the tenant's material; idempotent. Answers whether there was any.</summary>
    Task<bool> Destroy(string tenantId);
}
