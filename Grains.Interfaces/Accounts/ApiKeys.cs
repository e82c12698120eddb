using System.Security.Cryptography;

namespace Orbitalyntra.Accounts;

/// <summary>
/// The form of an administrator API key: <c>oly_{tenantId}_{keyId}_{secret}</c>, with a random 8-hex-digit key id and
/// a random 256-bit secret in hex. The tenant and key id say where to look; only a hash of the secret is stored.
/// </summary>
public static class ApiKeys
{
    private const string Prefix = "oly";

    /// <summary>A random key id.</summary>
    public static string NewKeyId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>A random secret.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key as its owner presents it.</summary>
    public static string Format(string tenantId, string keyId, string secret) => $"{Prefix}_{tenantId}_{keyId}_{secret}";

    /// <summary>Splits a presented key; false when it is not of the form at all.</summary>
    public static bool TryParse(string? key, out string tenantId, out string keyId, out string secret)
    {
        tenantId = keyId = secret = "";
        var parts = key?.Split('_');
        if (parts is not [Prefix, var tenant, var id, var hex] || !TenantIds.IsValid(tenant) || id.Length != 8 || hex.Length != 64)
        {
            return false;
        }

        (tenantId, keyId, secret) = (tenant, id, hex);
        return true;
    }

    /// <summary>The stored form of a secret. A fast hash suffices: the secret is 256 random bits, not a password.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret)));

    /// <summary>Compares a presented secret with a stored hash in constant time.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Hash(secret)), System.Text.Encoding.ASCII.GetBytes(storedHash));
}
