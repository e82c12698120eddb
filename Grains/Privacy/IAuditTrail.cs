namespace Orbitalyntra.Privacy;

/// <summary>Where audit entries are kept: append-only, newest first when read.</summary>
public interface IAuditTrail
{
    Task Append(string tenantId, AuditEntry entry);

    Task<IReadOnlyList<AuditEntry>> Read(string tenantId, DateTimeOffset? before, int limit);

    /// <summary>
    /// Every entry whose actor is <paramref name="actorId"/> (an account holder's own actions, for their export), newest
    /// first: a filtered read of the tenant's trail, which retention bounds; no index of its own.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ReadBy(string tenantId, string actorId);

    /// <summary>Deletes the entries written before <paramref name="before"/> (retention, the only deletion); answers how many.</summary>
    Task<int> Purge(string tenantId, DateTimeOffset before);
}
