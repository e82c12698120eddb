using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Retention;

/// <summary>
/// A tenant's legal holds. It calls the request queue and the rights grains only when a hold is lifted (to carry out
/// the erasures that waited); the rights grain asks it whether a subject is held through an interleaved read, so the
/// call back during a lift cannot deadlock.
/// </summary>
public sealed class LegalHoldsGrain(
    [PersistentState("holds")] IPersistentState<LegalHoldsState> state,
    IAuditTrail audit,
    ISubjectPlaces places,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<LegalHoldsGrain> logger) : Grain, ILegalHoldsGrain, IRemindable
{
    /// <summary>Registered while a lift's released erasures are not all carried out: a failure half-way is tried again.</summary>
    private const string ReleaseReminder = "release-held-erasures";

    private string TenantId => this.GetPrimaryKeyString();

    async Task<LegalHold> ILegalHoldsGrain.Place(NewHold hold, Actor by)
    {
        var placed = new LegalHold(Guid.NewGuid(), hold.Scope, hold.TargetId, hold.Holder, hold.Reason, by, time.GetUtcNow());
        state.State = new LegalHoldsState(state.State.Holds.Add(placed));
        await state.WriteStateAsync();
        await Audit(by, "hold.placed", placed);
        return placed;
    }

    async Task<bool> ILegalHoldsGrain.Lift(Guid holdId, Actor by)
    {
        if (state.State.Holds.FirstOrDefault(h => h.HoldId == holdId) is not { } hold)
        {
            return false;
        }

        state.State = new LegalHoldsState(state.State.Holds.Remove(hold));
        await state.WriteStateAsync();
        await Audit(by, "hold.lifted", hold);
        var retry = options.Value.HeldErasureRetryPeriod;
        await this.RegisterOrUpdateReminder(ReleaseReminder, retry, retry);
        await ReleaseHeldErasures();
        return true;
    }

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReleaseReminder ? ReleaseHeldErasures() : Task.CompletedTask;

    /// <summary>
    /// Carries out the erasures that waited and no hold keeps any more, then drops the reminder; a failure leaves it to
    /// try again. Each erasure is filed before its request loses its hold reason, so one that failed is still found as
    /// held the next time (erasing twice is harmless, and the filing completes the request).
    /// </summary>
    private async Task ReleaseHeldErasures()
    {
        try
        {
            var requests = GrainFactory.GetGrain<IPrivacyRequestsGrain>(TenantId);
            var lifted = Actor.System("legal-hold");
            foreach (var waiting in (await requests.List(openOnly: true)).Where(r => r is { Kind: RequestKind.Erasure, HeldBecause: not null }))
            {
                if (await Holding(waiting.SubjectId) is null)
                {
                    await GrainFactory.SubjectRights(new SubjectKey(TenantId, waiting.SubjectId)).File(RequestKind.Erasure, lifted);
                    await requests.Hold(waiting.RequestId, null, lifted);
                }
            }

            if (await this.GetReminder(ReleaseReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception failure)
        {
            logger.LogWarning("Tenant {TenantId}: erasures released by a lifted legal hold failed ({Failure}); tried again in {Period}",
                TenantId, failure.GetType().Name, options.Value.HeldErasureRetryPeriod);
        }
    }

    Task<IReadOnlyList<LegalHold>> ILegalHoldsGrain.List() => Task.FromResult<IReadOnlyList<LegalHold>>(state.State.Holds);

    Task<LegalHold?> ILegalHoldsGrain.HoldingSubject(string subjectId) => Holding(subjectId);

    /// <summary>
    /// A tenant hold, the subject's own, or a held conversation among the subject's places: erasing them would remove
    /// their part of a conversation kept for a dispute.
    /// </summary>
    private async Task<LegalHold?> Holding(string subjectId)
    {
        var holds = state.State.Holds;
        if (holds.FirstOrDefault(h => h.Scope == HoldScope.Tenant || (h.Scope == HoldScope.Subject && h.TargetId == subjectId)) is { } direct)
        {
            return direct;
        }

        var conversations = holds.Where(h => h.Scope == HoldScope.Conversation && h.Holder is not null).ToList();
        if (conversations.Count == 0)
        {
            return null;
        }

        var held = (await places.List(new SubjectKey(TenantId, subjectId))).Select(DataPlace.Of).ToHashSet();
        return conversations.FirstOrDefault(h => held.Contains(h.Holder!));
    }

    /// <summary>The trail names the hold, its target (opaque ids) and its reason, which the rules keep free of personal data.</summary>
    private Task Audit(Actor by, string action, LegalHold hold) => audit.Append(TenantId, new AuditEntry(
        time.GetUtcNow(), by, action, hold.Scope == HoldScope.Subject ? hold.TargetId : null,
        $"hold {hold.HoldId:N}: {hold.Scope.ToString().ToLowerInvariant()}{(hold.Scope == HoldScope.Conversation ? " " + hold.TargetId : "")}; {hold.Reason}"));
}

/// <summary>A tenant's holds in force (opaque ids and reasons only).</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.holds-state")]
public sealed record LegalHoldsState([property: Id(0)] ImmutableList<LegalHold> Holds)
{
    public LegalHoldsState()
        : this(ImmutableList<LegalHold>.Empty)
    {
    }
}
