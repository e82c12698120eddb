namespace Orbitalyntra.Accounts;

/// <summary>
/// A tenant's sign-in attempts, counted per e-mail address and client network without telling known addresses from
/// unknown ones (docs/decisions/0042): too many failures for an address from one network pause that network for it;
/// too many from several networks pause every network the account never signed in from. Nobody is locked out of the
/// account from a network where they signed in before. Memory only: a restarted silo forgets the counts.
/// </summary>
[Alias("orbitalyntra.accounts.ISignInGuardGrain")]
public interface ISignInGuardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Decides an attempt whose password was checked (<paramref name="passwordMatched"/>): refused while the address is
    /// paused for the network, whatever the password; otherwise a failure is counted and a success clears the network's.
    /// </summary>
    [Alias("Attempt")]
    Task<SignInVerdict> Attempt(string email, string network, bool knownNetwork, bool passwordMatched);
}

/// <summary>An attempt's verdict.</summary>
/// <param name="Admitted">The password matched and nothing pauses the attempt.</param>
/// <param name="RetryAfter">Set when the attempt was refused without regard to its password: when to try again.</param>
/// <param name="TellOwner">This failure is the one that paused the address for a network: its owner, if any, is told.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.sign-in-verdict")]
public sealed record SignInVerdict(
    [property: Id(0)] bool Admitted,
    [property: Id(1)] TimeSpan? RetryAfter,
    [property: Id(2)] bool TellOwner);

/// <summary>The limits of <see cref="ISignInGuardGrain"/>.</summary>
public static class SignInLimits
{
    /// <summary>Failures for one address from one network, within <see cref="Window"/>, that pause that network for it.</summary>
    public const int PerNetwork = 5;

    /// <summary>Failures for one address from all networks, within <see cref="Window"/>, that pause the networks it never signed in from.</summary>
    public const int PerAddress = 20;

    /// <summary>How long a failure counts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Addresses followed at once per tenant (a flood of random addresses forgets the oldest).</summary>
    public const int AddressesFollowed = 10_000;
}
