using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Accounts;
using Orbitalyntra.Analytics;
using Orbitalyntra.Chat;
using Orbitalyntra.Operations;
using Orbitalyntra.Retention;
using Orbitalyntra.Privacy;
using Orbitalyntra.Storage;
using Orleans.Core.Internal;
using Orleans.Timers;

namespace Orbitalyntra.Closure;

/// <summary>
/// A closed tenant's deletion (docs/decisions/0033), on one reminder. When the grace period is over, the first tick
/// stops the tenant's grains (its reminders unregistered through the reminder service, every grain with a stored state
/// deactivated), destroys the tenant's key, keeps the closure record and takes the tenant out of the registry; the next
/// ticks delete, through every <see cref="ITenantStorage"/>, the grain states, pub-sub states, table rows and blobs of
/// the tenant, and unregister any reminder left, until a pass finds nothing (a grain that flushed on deactivation after
/// a pass is caught by the next one). Then the grain clears its own state and reminder: only the closure record stays.
/// </summary>
[GrainType(GrainTypeName)]
public sealed partial class TenantClosureGrain(
    [PersistentState("closure")] IPersistentState<ClosureState> state,
    ITenantKeyProvider keys,
    IClosureRecords records,
    IEnumerable<ITenantStorage> stores,
    IRetentionIndex index,
    IReminderTable reminderTable,
    IReminderRegistry reminderRegistry,
    IOptions<ClosureOptions> options,
    TimeProvider time,
    ILogger<TenantClosureGrain> logger) : Grain, ITenantClosureGrain, IRemindable
{
    /// <summary>The grain type, which the deletion leaves to the grain itself.</summary>
    public const string GrainTypeName = "tenantclosure";

    private const string DeletionReminder = "deletion";

    // The holders' grain types are stored names (docs/decisions/0014): the inventory reads them from the index.
    private const string ConversationGrainType = "conversation";
    private const string VisitorSessionGrainType = "visitorsession";
    private const string AnalyticsDayGrainType = "analyticsday";

    private string TenantId => this.GetPrimaryKeyString();

    async Task<DateTimeOffset> ITenantClosureGrain.Schedule(DateTimeOffset closedAt, string? billingReference)
    {
        if (state.State.DeleteAt is not { } deleteAt)
        {
            deleteAt = closedAt + options.Value.GracePeriod;
            state.State = new ClosureState(closedAt, deleteAt, billingReference);
            await state.WriteStateAsync();
        }

        await this.RegisterOrUpdateReminder(DeletionReminder, options.Value.CheckPeriod, options.Value.CheckPeriod);
        return deleteAt;
    }

    async Task<bool> ITenantClosureGrain.Cancel()
    {
        if (state.State.KeyDestroyedAt is not null)
        {
            return false;
        }

        await StopReminder();
        await state.ClearStateAsync();
        return true;
    }

    Task<TimeSpan> ITenantClosureGrain.GracePeriod() => Task.FromResult(options.Value.GracePeriod);

    Task<DateTimeOffset?> ITenantClosureGrain.DeletionHeldSince() => Task.FromResult(state.State.HeldSince);

    async Task<TenantInventory> ITenantClosureGrain.Inventory()
    {
        // Every holder of the tenant is in the index under at least one kind, on the days it was active.
        var after = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(2);
        var holders = new HashSet<GrainId>();
        foreach (var kind in Enum.GetValues<RetentionKind>())
        {
            await foreach (var entry in index.Before(TenantId, kind, after))
            {
                holders.Add(entry.Holder);
            }
        }

        string[] KeysOf(string grainType) =>
            [.. holders.Where(h => h.Type.ToString() == grainType).Select(h => h.Key.ToString()!).Order(StringComparer.Ordinal)];
        return new TenantInventory(
            [.. KeysOf(ConversationGrainType).Select(key => ConversationKey.Parse(key).ConversationId)],
            [.. KeysOf(VisitorSessionGrainType).Select(key => SubjectKey.Parse(key).SubjectId)],
            [.. KeysOf(AnalyticsDayGrainType).Select(key => AnalyticsDayKey.Parse(key).Day)]);
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.DeleteAt is not { } deleteAt)
        {
            await StopReminder();
        }
        else if (time.GetUtcNow() < deleteAt)
        {
            return;
        }
        else if (state.State.KeyDestroyedAt is null)
        {
            if (!await WaitsForHold())
            {
                await Begin();
            }
        }
        else if (await Sweep() is var removed and > 0)
        {
            LogPass(TenantId, removed);
        }
        else
        {
            await StopReminder();
            await state.ClearStateAsync();
            LogDeleted(TenantId);
            this.DeactivateOnIdle();
        }
    }

    /// <summary>
    /// A legal hold in force on anything of the tenant keeps all of it: destroying the key would make the held data
    /// unreadable. The deletion waits, checked at every tick, and starts with the first tick after the last lift.
    /// </summary>
    private async Task<bool> WaitsForHold()
    {
        var held = (await GrainFactory.GetGrain<ILegalHoldsGrain>(TenantId).List()).Count > 0;
        if (held != state.State.HeldSince is not null)
        {
            state.State = state.State with { HeldSince = held ? time.GetUtcNow() : null };
            await state.WriteStateAsync();
            LogHeld(TenantId, held);
        }

        return held;
    }

    /// <summary>Stops the tenant's grains, then destroys its key: from here on nothing sealed of the tenant opens.</summary>
    private async Task Begin()
    {
        await UnregisterReminders();
        foreach (var store in stores.OfType<BlobGrainStates>())
        {
            await foreach (var (grain, _) in store.Grains(TenantId))
            {
                await Deactivate(grain);
            }
        }

        await keys.Destroy(TenantId);
        var now = time.GetUtcNow();
        await records.Keep(new ClosureRecord(TenantId, state.State.ClosedAt, now, state.State.BillingReference));
        await GrainFactory.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Unregister(TenantId);
        state.State = state.State with { KeyDestroyedAt = now };
        await state.WriteStateAsync();
        LogKeyDestroyed(TenantId);
    }

    private async Task Deactivate(GrainId grain)
    {
        try
        {
            await GrainFactory.GetGrain(grain).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            // A grain that cannot even activate holds nothing in memory to flush: its stored state is deleted all the same.
            LogNotDeactivated(problem, TenantId, grain.Type.ToString()!);
        }
    }

    /// <summary>One deletion pass: answers how many reminders, states, rows and blobs it removed (0: nothing was left).</summary>
    private async Task<int> Sweep()
    {
        var removed = await UnregisterReminders();
        removed += await GrainFactory.GetGrain<IBacklogsGrain>(IBacklogsGrain.Key).Forget(TenantId);
        foreach (var store in stores)
        {
            try
            {
                removed += await store.DeleteTenant(TenantId);
            }
            catch (Azure.RequestFailedException problem)
            {
                // Counted as work left: the next pass tries again.
                LogStoreFailed(problem, TenantId, store.Name);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Unregisters every reminder of the tenant's grains but this one, through the reminder service that runs it.</summary>
    private async Task<int> UnregisterReminders()
    {
        var count = 0;
        var table = await reminderTable.ReadRows(0, 0);
        foreach (var entry in table.Reminders.Where(r => r.GrainId != this.GetGrainId() && TenantIds.Owns(TenantId, r.GrainId.Key.ToString()!)))
        {
            if (await reminderRegistry.GetReminder(entry.GrainId, entry.ReminderName) is { } reminder)
            {
                await reminderRegistry.UnregisterReminder(entry.GrainId, reminder);
            }

            count++;
        }

        return count;
    }

    private async Task StopReminder()
    {
        if (await this.GetReminder(DeletionReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} closed and past its grace period: its key is destroyed; deleting its data.")]
    private partial void LogKeyDestroyed(string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: its deletion is due; waits for a legal hold: {Held}")]
    private partial void LogHeld(string tenantId, bool held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: a deletion pass removed {Removed} items; another pass follows.")]
    private partial void LogPass(string tenantId, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} deleted: only its closure record is kept.")]
    private partial void LogDeleted(string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: a grain of type {GrainType} could not be deactivated before the deletion.")]
    private partial void LogNotDeactivated(Exception problem, string tenantId, string grainType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: deleting from {Store} failed; the next pass tries again.")]
    private partial void LogStoreFailed(Exception problem, string tenantId, string store);
}

/// <summary>A scheduled deletion; empty when none is.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.closure.closure-state")]
public sealed record ClosureState(
    [property: Id(0)] DateTimeOffset ClosedAt,
    [property: Id(1)] DateTimeOffset? DeleteAt,
    [property: Id(2)] string? BillingReference,
    [property: Id(3)] DateTimeOffset? KeyDestroyedAt = null,
    [property: Id(4)] DateTimeOffset? HeldSince = null)
{
    public ClosureState()
        : this(default, null, null)
    {
    }
}
