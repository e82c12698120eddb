namespace Orbitalyntra.Storage;

/// <summary>
/// A store outside grain state that keeps rows or items of many tenants (a table, a blob container). When a closed
/// tenant's grace period is over, the tenant's deletion asks each one to remove everything of that tenant; each store
/// knows its own key layout. Idempotent: the deletion repeats until every store answers 0 (docs/decisions/0033).
/// </summary>
public interface ITenantStorage
{
    /// <summary>What the deletion report calls this store, e.g. <c>table messages</c>.</summary>
    string Name { get; }

    /// <summary>Removes every row or item of <paramref name="tenantId"/>; answers how many it removed.</summary>
    Task<int> DeleteTenant(string tenantId);
}
