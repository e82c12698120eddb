namespace Orbitalyntra.Quotas;

/// <summary>When a new visitor must solve a proof-of-work challenge before getting a visitor token (docs/decisions/0050).</summary>
public enum VisitorChallengeMode
{
    /// <summary>Never: the default.</summary>
    Off = 0,

    /// <summary>Always, for every new visitor.</summary>
    Always = 1,

    /// <summary>While the widget key is under attack: for 10 minutes after its visitor-token limit refused one.</summary>
    Automatic = 2,
}

/// <summary>The tenant's choice, and whether new visitors must solve a challenge now.</summary>
/// <param name="Mode">The administrators' choice.</param>
/// <param name="Active">Whether a new visitor must solve a challenge now (always; or automatic and under attack).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.quotas.visitor-challenge")]
public sealed record VisitorChallenge([property: Id(0)] VisitorChallengeMode Mode, [property: Id(1)] bool Active)
{
    /// <summary>How long after the widget key's last refused visitor token the automatic mode asks for challenges.</summary>
    public static readonly TimeSpan UnderAttackFor = TimeSpan.FromMinutes(10);
}

/// <summary>
/// The challenges already solved, so that each solution is used once (docs/decisions/0050), spread over 256 grains by
/// the challenge's first two hex digits. Kept in memory until the challenge expires: nothing is written.
/// </summary>
[Alias("orbitalyntra.quotas.ISpentChallengesGrain")]
public interface ISpentChallengesGrain : IGrainWithStringKey
{
    /// <summary>Marks <paramref name="challenge"/> as used until <paramref name="expiresAt"/>; false when it was used already.</summary>
    [Alias("Spend")]
    Task<bool> Spend(string challenge, DateTimeOffset expiresAt);
}
