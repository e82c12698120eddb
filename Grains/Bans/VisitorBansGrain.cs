using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Bans;

/// <summary>
/// A tenant's bans (docs/decisions/0049). Expiry is checked on read, so no reminder is needed; expired bans are dropped
/// at the next change, so the state holds at most the bans of the last 30 days. Each banned visitor's record of places
/// names this grain, so an erasure reaches it and takes the visitor id out of their bans.
/// </summary>
[GrainType(GrainTypeName)]
public sealed partial class VisitorBansGrain(
    [PersistentState("bans")] IPersistentState<VisitorBansState> state,
    ISubjectPlaces places,
    TimeProvider time,
    ILogger<VisitorBansGrain> logger) : Grain, IVisitorBansGrain, IPersonalDataHolder
{
    public const string GrainTypeName = "visitorbans";

    private string TenantId => this.GetPrimaryKeyString();

    async Task<VisitorBan> IVisitorBansGrain.Ban(BanOrder order)
    {
        var now = time.GetUtcNow();
        var ban = new VisitorBan(
            $"b{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", order.VisitorId, order.NetworkHash, now, order.Until, order.BannedBy, order.Reason);
        var visitor = new SubjectKey(TenantId, order.VisitorId);
        // Before the ban: an erasure must find its way here for as long as the ban names the visitor.
        await places.Add(visitor, this.GetGrainId());
        await Save(InForce(now).Insert(0, ban));
        BanMetrics.CountSet(ban);
        LogBanned(TenantId, ban.BanId, order.BannedBy, ban.CoversNetwork, ban.Until);
        return ban;
    }

    Task<VisitorBan?> IVisitorBansGrain.Find(string? visitorId, string? networkHash)
    {
        var now = time.GetUtcNow();
        return Task.FromResult(state.State.Bans.FirstOrDefault(ban => ban.Refuses(visitorId, networkHash, now)) is { } ban ? BanMetrics.CountRefusal(ban) : null);
    }

    Task<IReadOnlyList<VisitorBan>> IVisitorBansGrain.List() => Task.FromResult<IReadOnlyList<VisitorBan>>(InForce(time.GetUtcNow()));

    async Task<bool> IVisitorBansGrain.Lift(string banId, string liftedBy)
    {
        var bans = InForce(time.GetUtcNow());
        if (bans.FirstOrDefault(ban => ban.BanId == banId) is not { } lifted)
        {
            return false;
        }

        await Save(bans.Remove(lifted));
        LogLifted(TenantId, banId, liftedBy);
        return true;
    }

    /// <summary>The visitor's visitor-only bans go; their network bans stay to their end, without the visitor id.</summary>
    async Task IPersonalDataHolder.EraseSubject(SubjectKey subject)
    {
        var bans = InForce(time.GetUtcNow())
            .Select(ban => ban.VisitorId == subject.SubjectId ? ban with { VisitorId = null, Reason = null } : ban)
            .Where(ban => ban.VisitorId is not null || ban.NetworkHash is not null)
            .ToImmutableList();
        if (!bans.SequenceEqual(state.State.Bans))
        {
            await Save(bans);
        }

        await places.Remove(subject, this.GetGrainId());
    }

    Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject) => Task.FromResult<IReadOnlyList<ExportItem>>(
        [.. state.State.Bans.Where(ban => ban.VisitorId == subject.SubjectId)
            .Select(ban => ExportItem.Of(VisitorBan.ExportSection, ban.At, new ExportedBan(ban.At, ban.Until, ban.CoversNetwork, ban.Reason)))]);

    private ImmutableList<VisitorBan> InForce(DateTimeOffset now) => state.State.Bans.RemoveAll(ban => ban.Until <= now);

    private async Task Save(ImmutableList<VisitorBan> bans)
    {
        state.State = new VisitorBansState(bans);
        await state.WriteStateAsync();
    }

    /// <summary>A ban as its visitor sees it in their export: no agent id, no network hash.</summary>
    private sealed record ExportedBan(DateTimeOffset At, DateTimeOffset Until, bool CoversNetwork, string? Reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: ban {BanId} set by agent {AgentId} (network: {Network}) until {Until:O}")]
    private partial void LogBanned(string tenantId, string banId, string agentId, bool network, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: ban {BanId} lifted by {AgentId}")]
    private partial void LogLifted(string tenantId, string banId, string agentId);
}

/// <summary>The bans of a tenant, newest first; the expired ones until the next change.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.bans.state")]
public sealed record VisitorBansState([property: Id(0)] ImmutableList<VisitorBan> Bans)
{
    public VisitorBansState()
        : this(ImmutableList<VisitorBan>.Empty)
    {
    }
}
