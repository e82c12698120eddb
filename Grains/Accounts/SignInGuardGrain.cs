using System.Security.Cryptography;
using System.Text;

namespace Orbitalyntra.Accounts;

/// <summary>
/// Counts a tenant's failed sign-ins per e-mail address and network (docs/decisions/0042). Addresses and networks are
/// held as HMACs under a key drawn at activation, in memory only: nothing of them is stored, and a known address is
/// counted exactly as an unknown one.
/// </summary>
[GrainType("signinguard")]
public sealed class SignInGuardGrain(TimeProvider time) : Grain, ISignInGuardGrain
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, Followed> addresses = new(StringComparer.Ordinal);

    Task<SignInVerdict> ISignInGuardGrain.Attempt(string email, string network, bool knownNetwork, bool passwordMatched)
    {
        var now = time.GetUtcNow();
        var address = Hash(email.Trim().ToUpperInvariant());
        var from = Hash(network);
        if (!addresses.TryGetValue(address, out var followed))
        {
            Forget(now);
            followed = addresses[address] = new Followed();
        }

        followed.Prune(now - SignInLimits.Window);
        if (followed.PausedFor(from, knownNetwork) is { } since)
        {
            return Task.FromResult(new SignInVerdict(false, since + SignInLimits.Window - now, false));
        }

        if (passwordMatched)
        {
            followed.Failures.RemoveAll(f => f.Network == from);
            return Task.FromResult(new SignInVerdict(true, null, false));
        }

        followed.Failures.Add((from, now));
        DelayDeactivation(SignInLimits.Window);
        var pausing = followed.FromNetwork(from) == SignInLimits.PerNetwork || followed.Failures.Count == SignInLimits.PerAddress;
        return Task.FromResult(new SignInVerdict(false, null, pausing));
    }

    /// <summary>Makes room for one more address: the expired first, then the least recently failing.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (address, followed) in addresses.Where(a => a.Value.Prune(now - SignInLimits.Window) == 0).ToList())
        {
            addresses.Remove(address);
        }

        while (addresses.Count >= SignInLimits.AddressesFollowed)
        {
            addresses.Remove(addresses.MinBy(a => a.Value.Failures[^1].At).Key);
        }
    }

    private string Hash(string value) => Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));

    /// <summary>An address's failures within the window, oldest first.</summary>
    private sealed class Followed
    {
        public List<(string Network, DateTimeOffset At)> Failures { get; } = [];

        public int Prune(DateTimeOffset before)
        {
            Failures.RemoveAll(f => f.At <= before);
            return Failures.Count;
        }

        public int FromNetwork(string network) => Failures.Count(f => f.Network == network);

        /// <summary>Since when the address is paused for <paramref name="network"/>: the failure that paused it; null when it is not.</summary>
        public DateTimeOffset? PausedFor(string network, bool knownNetwork)
        {
            var ofNetwork = Failures.Where(f => f.Network == network).ToList();
            DateTimeOffset? paused = ofNetwork.Count >= SignInLimits.PerNetwork ? ofNetwork[^SignInLimits.PerNetwork].At : null;
            if (!knownNetwork && Failures.Count >= SignInLimits.PerAddress)
            {
                var all = Failures[^SignInLimits.PerAddress].At;
                paused = paused is { } p && p > all ? p : all;
            }

            return paused;
        }
    }
}
