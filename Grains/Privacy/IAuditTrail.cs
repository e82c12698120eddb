namespace Orbitalyntra.Privacy;

/// <summary>Where audit entries are kept: append-only, newest first when read.</summary>
public interface IAuditTrail
{
    Task Append(string tenantId, AuditEntry entry);

    Task<IReadOnlyList<AuditEntry>> Read(string tenantId, DateTimeOffset? before, int limit);

    /// <summary>Deletes the entries written before <paramref name="before"/> (retention, the only deletion); answers how many.</summary>
    Task<int> Purge(string tenantId, DateTimeOffset before);
}
