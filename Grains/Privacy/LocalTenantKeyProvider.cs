using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Orbitalyntra.Privacy;

/// <summary>
/// Tenant keys derived (HKDF-SHA256) from the configured <see cref="PrivacyOptions.MasterKey"/> and a random material
/// per tenant (<see cref="ITenantKeyMaterial"/>, stored sealed under the master key): one secret to keep per deployment,
/// a distinct key per tenant, and a key that is destroyed with its material when a closed tenant is deleted. The
/// default for development and single-operator deployments.
/// </summary>
public sealed class LocalTenantKeyProvider(IOptions<PrivacyOptions> options, ITenantKeyMaterial materials) : ITenantKeyProvider
{
    /// <summary>
    /// How long a silo keeps a tenant's keys in memory: after a tenant's key is destroyed on one silo, the others drop
    /// their copy within this time (the tenant's grains are deactivated and its data deleted meanwhile).
    /// </summary>
    private static readonly TimeSpan KeptInMemory = TimeSpan.FromMinutes(5);

    private readonly byte[] masterKey = ReadMasterKey(options.Value);
    private readonly ConcurrentDictionary<string, (byte[] Material, long LoadedAt)> tenantMaterials = new(StringComparer.Ordinal);

    public async ValueTask<byte[]> Wrap(string tenantId, byte[] dataKey, string context) =>
        Sealing.Seal(await TenantKey(tenantId), dataKey, context);

    public async ValueTask<byte[]> Unwrap(string tenantId, byte[] wrappedKey, string context) =>
        Sealing.Open(await TenantKey(tenantId), wrappedKey, context);

    public async ValueTask<string> KeyedHash(string tenantId, string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Derive(await Material(tenantId), $"orbitalyntra/hashing-key/v2/{purpose}/{tenantId}"), Encoding.UTF8.GetBytes(value)));

    public async ValueTask Destroy(string tenantId)
    {
        tenantMaterials.TryRemove(tenantId, out _);
        await materials.Destroy(tenantId);
    }

    private async ValueTask<byte[]> TenantKey(string tenantId) => Derive(await Material(tenantId), "orbitalyntra/tenant-key/v2/" + tenantId);

    private byte[] Derive(byte[] material, string info) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, Sealing.KeyBytes, salt: material, info: Encoding.UTF8.GetBytes(info));

    /// <summary>The tenant's material, made on first use; kept in memory for <see cref="KeptInMemory"/>.</summary>
    private async ValueTask<byte[]> Material(string tenantId)
    {
        if (tenantMaterials.TryGetValue(tenantId, out var kept) && Environment.TickCount64 - kept.LoadedAt < KeptInMemory.TotalMilliseconds)
        {
            return kept.Material;
        }

        var context = "orbitalyntra/tenant-material/" + tenantId;
        var stored = await materials.Read(tenantId) ?? await materials.AddOrRead(tenantId, Sealing.Seal(masterKey, Sealing.NewKey(), context));
        var material = Sealing.Open(masterKey, stored, context);
        tenantMaterials[tenantId] = (material, Environment.TickCount64);
        return material;
    }

    /// <summary>The master key, or a clear error at silo start that says how to provide one.</summary>
    public static byte[] ReadMasterKey(PrivacyOptions options)
    {
        try
        {
            var key = Convert.FromBase64String(options.MasterKey ?? "");
            if (key.Length == Sealing.KeyBytes)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Not base64: the same answer as a key of the wrong length, below.
        }

        throw new InvalidOperationException(
            $"Privacy:MasterKey must be {Sealing.KeyBytes} random bytes in base64 (e.g. `openssl rand -base64 32`), " +
            "given by configuration such as the environment variable Privacy__MasterKey.");
    }
}
