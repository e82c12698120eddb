using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Orbitalyntra.Privacy;

/// <summary>
/// Tenant keys derived (HKDF-SHA256) from the configured <see cref="PrivacyOptions.MasterKey"/>: one secret to keep
/// per deployment, a distinct key per tenant. The default for development and single-operator deployments.
/// </summary>
public sealed class LocalTenantKeyProvider(IOptions<PrivacyOptions> options) : ITenantKeyProvider
{
    private readonly byte[] masterKey = ReadMasterKey(options.Value);
    private readonly ConcurrentDictionary<string, byte[]> tenantKeys = new();
    private readonly ConcurrentDictionary<(string TenantId, string Purpose), byte[]> hashingKeys = new();

    public ValueTask<byte[]> Wrap(string tenantId, byte[] dataKey, string context) =>
        ValueTask.FromResult(Sealing.Seal(TenantKey(tenantId), dataKey, context));

    public ValueTask<byte[]> Unwrap(string tenantId, byte[] wrappedKey, string context) =>
        ValueTask.FromResult(Sealing.Open(TenantKey(tenantId), wrappedKey, context));

    public ValueTask<string> KeyedHash(string tenantId, string purpose, string value) =>
        ValueTask.FromResult(Convert.ToHexStringLower(HMACSHA256.HashData(HashingKey(tenantId, purpose), Encoding.UTF8.GetBytes(value))));

    private byte[] HashingKey(string tenantId, string purpose) => hashingKeys.GetOrAdd((tenantId, purpose), id =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, Sealing.KeyBytes, salt: [], info: Encoding.UTF8.GetBytes($"orbitalyntra/hashing-key/v1/{id.Purpose}/{id.TenantId}")));

    private byte[] TenantKey(string tenantId) => tenantKeys.GetOrAdd(tenantId, id =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, Sealing.KeyBytes, salt: [], info: Encoding.UTF8.GetBytes("orbitalyntra/tenant-key/v1/" + id)));

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
