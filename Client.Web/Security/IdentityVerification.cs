using System.Security.Cryptography;
using System.Text;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// Identity verification of visitors, as Intercom and Chatwoot do it: the tenant's own server signs its user's id with
/// the tenant's identity secret (HMAC-SHA256, hex), and the widget presents both. A verified user is the same visitor on
/// every device. The secret is derived from the signing key and the tenant id, so it is never stored; the user id is
/// only ever an HMAC input, never stored or logged (it may be an e-mail).
/// </summary>
public sealed class IdentityVerification(TokenSettings tokens)
{
    public const int MaxUserIdLength = 256;

    /// <summary>The tenant's identity secret, for its administrators to put on their server.</summary>
    public string SecretFor(string tenantId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(tokens.Key.Key, Encoding.UTF8.GetBytes($"identity-verification:{tenantId}")));

    /// <summary>True when <paramref name="userHash"/> is the tenant's HMAC of <paramref name="userId"/>.</summary>
    public bool Verify(string tenantId, string userId, string userHash)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(SecretFor(tenantId), userId));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(userHash.Trim().ToLowerInvariant()));
    }

    /// <summary>The opaque visitor id of a verified user: stable, and not the user id.</summary>
    public string VisitorIdFor(string tenantId, string userId) =>
        "u" + Sign(SecretFor(tenantId), $"visitor:{userId}")[..24];

    /// <summary>HMAC-SHA256 of <paramref name="value"/> under <paramref name="secret"/>, in lower-case hex: what the tenant's server computes.</summary>
    public static string Sign(string secret, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(value)));
}
