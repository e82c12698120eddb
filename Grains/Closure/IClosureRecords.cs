namespace Orbitalyntra.Closure;

/// <summary>The records kept of deleted tenants (docs/privacy.md, "Closing a tenant"): the only thing of them that stays.</summary>
public interface IClosureRecords
{
    /// <summary>Keeps the record; writing it again replaces it (a deletion that resumes after a crash).</summary>
    Task Keep(ClosureRecord record);

    /// <summary>The record of a deleted tenant, or null.</summary>
    Task<ClosureRecord?> Find(string tenantId);
}
