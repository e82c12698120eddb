namespace Orbitalyntra.Privacy;

/// <summary>One line of a tenant's audit trail: who did what to whose data, without the data itself.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
/// <param name="Action">What, e.g. <c>subject.read</c>, <c>consent.withdrawn</c>, <c>erasure.completed</c>.</param>
/// <param name="SubjectId">Whose data (an opaque id), when a person's data was touched.</param>
/// <param name="Detail">Non-personal detail: a purpose, a count, a field name.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] Actor By,
    [property: Id(2)] string Action,
    [property: Id(3)] string? SubjectId,
    [property: Id(4)] string? Detail);

/// <summary>A tenant's append-only audit trail of personal-data access and changes (GDPR art. 30, 5(2)).</summary>
[Alias("orbitalyntra.privacy.IAuditTrailGrain")]
public interface IAuditTrailGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry; entries are never changed, and removed only by retention after the tenant's audit lifetime.</summary>
    [Alias("Record")]
    Task Record(AuditEntry entry);

    /// <summary>Up to <paramref name="limit"/> entries older than <paramref name="before"/> (or the newest), newest first.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<AuditEntry>> Read(DateTimeOffset? before, int limit);
}
