using Orleans.Concurrency;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Retention;

/// <summary>What a legal hold keeps.</summary>
public enum HoldScope
{
    /// <summary>Everything of the tenant.</summary>
    Tenant = 1,

    /// <summary>One conversation: its messages and files.</summary>
    Conversation = 2,

    /// <summary>Every place of one data subject's data.</summary>
    Subject = 3,
}

/// <summary>A hold to place.</summary>
/// <param name="Scope">What it keeps.</param>
/// <param name="TargetId">The conversation or subject id (opaque); null for the tenant.</param>
/// <param name="Holder">For a conversation, the holder that keeps it (by grain id), as retention knows it.</param>
/// <param name="Reason">Why, as told to a requester whose erasure waits for it (no personal data).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.new-hold")]
public sealed record NewHold(
    [property: Id(0)] HoldScope Scope,
    [property: Id(1)] string? TargetId,
    [property: Id(2)] DataPlace? Holder,
    [property: Id(3)] string Reason);

/// <summary>A legal hold in force.</summary>
/// <param name="HoldId">Its id.</param>
/// <param name="Scope">What it keeps.</param>
/// <param name="TargetId">The conversation or subject id; null for the tenant.</param>
/// <param name="Holder">For a conversation, its holder's grain id.</param>
/// <param name="Reason">Why.</param>
/// <param name="PlacedBy">The operator who placed it.</param>
/// <param name="PlacedAt">When.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.legal-hold")]
public sealed record LegalHold(
    [property: Id(0)] Guid HoldId,
    [property: Id(1)] HoldScope Scope,
    [property: Id(2)] string? TargetId,
    [property: Id(3)] DataPlace? Holder,
    [property: Id(4)] string Reason,
    [property: Id(5)] Actor PlacedBy,
    [property: Id(6)] DateTimeOffset PlacedAt);

/// <summary>Rules for legal holds.</summary>
public static class HoldRules
{
    /// <summary>Longest reason accepted.</summary>
    public const int MaxReasonLength = 300;
}

/// <summary>
/// A tenant's legal holds (keyed by the tenant id), placed and lifted by operators for legal requests and disputes: what
/// a hold covers is skipped by retention purges (counted as held) and a data subject's erasure waits for the lift
/// (docs/decisions/0036). Every change is audited in the tenant's trail.
/// </summary>
[Alias("orbitalyntra.retention.ILegalHoldsGrain")]
public interface ILegalHoldsGrain : IGrainWithStringKey
{
    /// <summary>Places a hold.</summary>
    [Alias("Place")]
    Task<LegalHold> Place(NewHold hold, Actor by);

    /// <summary>
    /// Lifts a hold; then every erasure that waited for it and waits for no other is carried out. False when there is no
    /// such hold.
    /// </summary>
    [Alias("Lift")]
    Task<bool> Lift(Guid holdId, Actor by);

    /// <summary>The holds in force, oldest first.</summary>
    [Alias("List"), AlwaysInterleave]
    Task<IReadOnlyList<LegalHold>> List();

    /// <summary>The hold that keeps the subject's data (a tenant's or the subject's own), or null.</summary>
    [Alias("HoldingSubject"), AlwaysInterleave]
    Task<LegalHold?> HoldingSubject(string subjectId);
}
