namespace Orbitalyntra.Quotas;

/// <summary>
/// Challenges used, in memory until they expire (a few minutes): a silo restart forgets them, which lets a solution
/// still within its lifetime be used once more — a bounded gain for an attacker, against a write per new visitor.
/// </summary>
public sealed class SpentChallengesGrain(TimeProvider time) : Grain, ISpentChallengesGrain
{
    private readonly Dictionary<string, DateTimeOffset> spent = [];

    Task<bool> ISpentChallengesGrain.Spend(string challenge, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        foreach (var expired in spent.Where(entry => entry.Value <= now).Select(entry => entry.Key).ToList())
        {
            spent.Remove(expired);
        }

        return Task.FromResult(spent.TryAdd(challenge, expiresAt));
    }
}
