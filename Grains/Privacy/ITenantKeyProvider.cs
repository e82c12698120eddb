namespace Orbitalyntra.Privacy;

/// <summary>
/// Wraps and unwraps subjects' data keys with a tenant's key-encryption key, and makes keyed hashes with a tenant's
/// hashing keys; no key ever leaves the provider.
/// <see cref="LocalTenantKeyProvider"/> derives it from configured key material; in production an Azure Key Vault
/// key per tenant (CryptographyClient.WrapKey/UnwrapKey) takes its place behind this interface.
/// </summary>
public interface ITenantKeyProvider
{
    /// <summary>Seals <paramref name="dataKey"/> for <paramref name="tenantId"/>, bound to <paramref name="context"/>.</summary>
    ValueTask<byte[]> Wrap(string tenantId, byte[] dataKey, string context);

    /// <summary>Opens what <see cref="Wrap"/> sealed with the same tenant and context; throws when it was altered.</summary>
    ValueTask<byte[]> Unwrap(string tenantId, byte[] wrappedKey, string context);

    /// <summary>
    /// A keyed hash (HMAC-SHA256, hex) of <paramref name="value"/> under a key of <paramref name="tenantId"/>'s made for
    /// <paramref name="purpose"/>: what a lookup or an index holds instead of a personal value (a blind index). Comparable,
    /// not reversible, and not linkable across tenants or purposes.
    /// </summary>
    ValueTask<string> KeyedHash(string tenantId, string purpose, string value);

    /// <summary>
    /// Destroys the tenant's key: nothing it wrapped opens any more, and its keyed hashes can no longer be recomputed.
    /// The first step of a closed tenant's deletion (docs/decisions/0033).
    /// </summary>
    ValueTask Destroy(string tenantId);
}
