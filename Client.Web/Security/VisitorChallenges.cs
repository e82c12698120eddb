using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Orbitalyntra.Quotas;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// Proof of work for new visitor tokens (docs/decisions/0050), by the ALTCHA challenge format its widget and altcha-lib
/// read (v1): the salt carries its expiry, the challenge is SHA-256(salt + secret number below <c>maxnumber</c>), and the
/// signature is HMAC-SHA256 of the challenge under <c>Widget:Challenge:Key</c> — so the server keeps nothing until a
/// solution comes back, and then only the challenge, for as long as it could be used.
/// </summary>
public sealed class VisitorChallenges(IConfiguration configuration, TokenSettings tokens, IClusterClient cluster, TimeProvider time)
{
    /// <summary>How many numbers a challenge hides its number among: the work a browser does, on average half of it.</summary>
    public const int DefaultMaxNumber = 100_000;

    /// <summary>How long a challenge may be solved and used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public const string Algorithm = "SHA-256";

    /// <summary>
    /// The HMAC key: <c>Widget:Challenge:Key</c> (base64, at least 32 bytes), or without it one derived from the signing
    /// key, so that every web host of a deployment signs and checks alike.
    /// </summary>
    private readonly byte[] key = configuration["Widget:Challenge:Key"] is { Length: > 0 } configured
        ? Convert.FromBase64String(configured) is { Length: >= 32 } decoded ? decoded
            : throw new InvalidOperationException("Widget:Challenge:Key must be a base64 key of at least 32 bytes (e.g. `openssl rand -base64 32`).")
        : HMACSHA256.HashData(tokens.Key.Key, "altcha-challenge"u8);

    private readonly int maxNumber = configuration.GetValue("Widget:Challenge:MaxNumber", DefaultMaxNumber) is var configuredMax and > 0
        ? configuredMax : throw new InvalidOperationException("Widget:Challenge:MaxNumber must be positive.");

    /// <summary>A challenge as the ALTCHA widget fetches it.</summary>
    public sealed record AltchaChallenge(string Algorithm, string Challenge, int Maxnumber, string Salt, string Signature);

    /// <summary>A solution as the ALTCHA widget sends it (base64 of this JSON).</summary>
    private sealed record Solution(string? Algorithm, string? Challenge, long? Number, string? Salt, string? Signature);

    /// <summary>A new challenge, valid for <see cref="Lifetime"/>.</summary>
    public AltchaChallenge Create()
    {
        var expires = (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        var salt = $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}?expires={expires.ToString(CultureInfo.InvariantCulture)}";
        var challenge = Hash(salt, RandomNumberGenerator.GetInt32(maxNumber + 1));
        return new AltchaChallenge(Algorithm, challenge, maxNumber, salt, Sign(challenge));
    }

    /// <summary>Null when <paramref name="payload"/> solves a challenge of ours, unexpired and not used before (and now used); otherwise what is wrong.</summary>
    public async Task<string?> Problem(string payload)
    {
        Solution? solution;
        try
        {
            solution = JsonSerializer.Deserialize<Solution>(Convert.FromBase64String(payload), JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return "altcha must be the base64 JSON the ALTCHA widget gives once it solved the challenge.";
        }

        if (solution is not { Algorithm: Algorithm, Challenge: { } challenge, Number: { } number, Salt: { } salt, Signature: { } signature }
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(challenge)), Encoding.ASCII.GetBytes(signature))
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(salt, number)), Encoding.ASCII.GetBytes(challenge)))
        {
            return "The challenge's solution is wrong.";
        }

        if (ExpiresAt(salt) is not { } expiresAt || expiresAt <= time.GetUtcNow())
        {
            return "The challenge expired: fetch a new one.";
        }

        return await cluster.GetGrain<ISpentChallengesGrain>(challenge[..2]).Spend(challenge, expiresAt)
            ? null
            : "The challenge was used already: fetch a new one.";
    }

    private static string Hash(string salt, long number) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + number.ToString(CultureInfo.InvariantCulture))));

    private string Sign(string challenge) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(challenge)));

    /// <summary>The expiry the salt carries (<c>…?expires=unix seconds</c>), signed with it through the challenge.</summary>
    private static DateTimeOffset? ExpiresAt(string salt) =>
        salt.Split("?expires=") is [_, var seconds] && long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            && unix < DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : null;
}
