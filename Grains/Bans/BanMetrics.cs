using System.Diagnostics.Metrics;

namespace Orbitalyntra.Bans;

/// <summary>The bans' meter (docs/decisions/0029): bans set and requests refused, by scope; no tenant or person in any tag.</summary>
internal static class BanMetrics
{
    private static readonly Meter Meter = new("Orbitalyntra.Bans");

    private static readonly Counter<long> Set = Meter.CreateCounter<long>("orbitalyntra.bans.set", "{ban}", "Visitors banned by agents.");

    private static readonly Counter<long> Refusals =
        Meter.CreateCounter<long>("orbitalyntra.bans.refusals", "{request}", "Visitor requests refused because of a ban (403).");

    public static void CountSet(VisitorBan ban) => Set.Add(1, Scope(ban));

    public static VisitorBan CountRefusal(VisitorBan ban)
    {
        Refusals.Add(1, Scope(ban));
        return ban;
    }

    private static KeyValuePair<string, object?> Scope(VisitorBan ban) => new("scope", ban.CoversNetwork ? "network" : "visitor");
}
