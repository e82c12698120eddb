namespace Orbitalyntra.Bans;

/// <summary>
/// A tenant's bans of visitors, keyed by the tenant id (docs/decisions/0049): by visitor id, or by the keyed hash of a
/// network. A ban ends by itself: expired bans are ignored on every read and dropped at the next change. It holds
/// visitors' personal data (<see cref="Privacy.IPersonalDataHolder"/>): an erased visitor's bans lose their visitor id.
/// </summary>
[Alias("orbitalyntra.bans.IVisitorBansGrain")]
public interface IVisitorBansGrain : IGrainWithStringKey
{
    /// <summary>Bans a visitor (and perhaps their network) until <see cref="BanOrder.Until"/>; the ban as kept.</summary>
    [Alias("Ban")]
    Task<VisitorBan> Ban(BanOrder order);

    /// <summary>The ban that refuses <paramref name="visitorId"/> or <paramref name="networkHash"/> now, or null: checked on every visitor request.</summary>
    [Alias("Find"), Orleans.Concurrency.ReadOnly]
    Task<VisitorBan?> Find(string? visitorId, string? networkHash);

    /// <summary>The bans in force, newest first.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<VisitorBan>> List();

    /// <summary>Lifts a ban before its end; false when no ban in force has that id.</summary>
    [Alias("Lift")]
    Task<bool> Lift(string banId, string liftedBy);
}

/// <summary>Finding a tenant's bans by tenant id.</summary>
public static class VisitorBansGrains
{
    /// <summary>The bans of <paramref name="tenantId"/>.</summary>
    public static IVisitorBansGrain VisitorBans(this IGrainFactory grains, string tenantId) => grains.GetGrain<IVisitorBansGrain>(tenantId);
}
