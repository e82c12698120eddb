using Microsoft.AspNetCore.Identity;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// A password check for an account that does not exist, costing the same hashing as a real one, so that the time a
/// sign-in takes does not tell a known name or e-mail from an unknown one.
/// </summary>
public static class DecoyPassword
{
    private static readonly PasswordHasher<string> Hasher = new();
    private static readonly string Hash = Hasher.HashPassword("decoy", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    /// <summary>Hashes <paramref name="password"/> as a real check would; always fails.</summary>
    public static bool Verify(string password)
    {
        Hasher.VerifyHashedPassword("decoy", Hash, password);
        return false;
    }
}
