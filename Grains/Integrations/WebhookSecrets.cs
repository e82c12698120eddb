using System.Security.Cryptography;

namespace Orbitalyntra.Integrations;

/// <summary>Secrets in the Standard Webhooks form: <c>whsec_</c> and the base64 of 32 random bytes.</summary>
public static class WebhookSecrets
{
    private const string Prefix = "whsec_";

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public static string Format(byte[] key) => Prefix + Convert.ToBase64String(key);

    /// <summary>The key bytes of a <c>whsec_</c> secret.</summary>
    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);

    /// <summary>A random opaque id (of an endpoint, a secret).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
