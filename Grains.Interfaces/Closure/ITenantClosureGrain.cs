namespace Orbitalyntra.Closure;

/// <summary>
/// A closed tenant's deletion, keyed by the tenant id: scheduled when the tenant is closed, cancelled when it is
/// reopened, carried out by a reminder once the grace period is over (docs/decisions/0033). It destroys the tenant's key
/// first, then deletes every grain state, reminder, pub-sub state, table row and blob of the tenant, repeating until a
/// pass finds nothing, and leaves only the closure record (docs/privacy.md).
/// </summary>
[Alias("orbitalyntra.closure.ITenantClosureGrain")]
public interface ITenantClosureGrain : IGrainWithStringKey
{
    /// <summary>
    /// Schedules the deletion a grace period after <paramref name="closedAt"/>, keeping <paramref name="billingReference"/>
    /// for the closure record; answers when the deletion will happen. Idempotent: a scheduled deletion keeps its date.
    /// </summary>
    [Alias("Schedule")]
    Task<DateTimeOffset> Schedule(DateTimeOffset closedAt, string? billingReference);

    /// <summary>Cancels the scheduled deletion (the tenant was reopened); false once the deletion has begun.</summary>
    [Alias("Cancel")]
    Task<bool> Cancel();

    /// <summary>How long closed tenants of this deployment stay before they are deleted (configuration <c>Closure:GracePeriod</c>).</summary>
    [Alias("GracePeriod")]
    Task<TimeSpan> GracePeriod();

    /// <summary>
    /// Since when the deletion, due, waits because an operator's legal hold on the tenant, one of its conversations or
    /// subjects is in force (docs/decisions/0036); null when it does not wait.
    /// </summary>
    [Alias("DeletionHeldSince")]
    Task<DateTimeOffset?> DeletionHeldSince();

    /// <summary>What the tenant's full export walks: its conversations, visitors and days of analytics, from the retention index.</summary>
    [Alias("Inventory")]
    Task<TenantInventory> Inventory();
}

/// <summary>The things of a tenant that its export covers, by opaque id.</summary>
/// <param name="Conversations">Its conversations' ids.</param>
/// <param name="Visitors">Its visitors' subject ids (those with a session).</param>
/// <param name="AnalyticsDays">The days it has analytics for, oldest first.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.closure.tenant-inventory")]
public sealed record TenantInventory(
    [property: Id(0)] IReadOnlyList<Guid> Conversations,
    [property: Id(1)] IReadOnlyList<string> Visitors,
    [property: Id(2)] IReadOnlyList<DateOnly> AnalyticsDays);

/// <summary>What is kept of a deleted tenant, by law (docs/privacy.md): no personal data, no content.</summary>
/// <param name="TenantId">The tenant's id.</param>
/// <param name="ClosedAt">When an administrator closed it.</param>
/// <param name="DeletedAt">When its data was deleted (its key destroyed).</param>
/// <param name="BillingReference">The payment provider's token, for the invoices that must be kept.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.closure.closure-record")]
public sealed record ClosureRecord(
    [property: Id(0)] string TenantId,
    [property: Id(1)] DateTimeOffset ClosedAt,
    [property: Id(2)] DateTimeOffset DeletedAt,
    [property: Id(3)] string? BillingReference);
