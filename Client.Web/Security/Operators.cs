using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// The people who run the cluster (configuration section <c>Operators</c>): <c>Accounts</c> maps an operator's name to the
/// hash of their password in ASP.NET Core Identity's format (PBKDF2; <c>scripts/run.sh</c> makes one for the local
/// operator). Operators belong to no tenant: they see the Orleans Dashboard, never a tenant's data.
/// </summary>
public sealed class OperatorOptions
{
    public const string Section = "Operators";

    public Dictionary<string, string> Accounts { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Checks operators' passwords; an unknown name costs the same hashing as a known one.</summary>
public sealed class OperatorAccounts(IOptions<OperatorOptions> options)
{
    public const int MaxNameLength = 64;
    public const int MaxPasswordLength = 256;

    private static readonly PasswordHasher<string> Hasher = new();

    /// <summary>True when <paramref name="name"/> is a configured operator and <paramref name="password"/> is theirs.</summary>
    public bool Verify(string name, string password)
    {
        return options.Value.Accounts.TryGetValue(name, out var hash)
            ? Hasher.VerifyHashedPassword(name, hash, password) != PasswordVerificationResult.Failed
            : DecoyPassword.Verify(password);
    }

    /// <summary>The operator as the session cookie carries them: a role and a name, no tenant.</summary>
    public static ClaimsPrincipal Principal(string scheme, string name) =>
        new(new ClaimsIdentity([new Claim(Caller.RoleClaim, Caller.OperatorRole), new Claim(Caller.SubjectClaim, $"operator:{name}")], scheme, Caller.SubjectClaim, Caller.RoleClaim));
}
