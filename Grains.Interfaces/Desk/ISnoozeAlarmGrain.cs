using Orleans.Concurrency;

namespace Orbitalyntra.Desk;

/// <summary>
/// A tenant's snoozed conversations and when each wakes, on one reminder per tenant however many are snoozed: the
/// reminder runs while anything is snoozed and wakes what is due. Keyed by the tenant id. Conversations call it while
/// it may be calling them, so its changes interleave.
/// </summary>
[Alias("orbitalyntra.desk.ISnoozeAlarmGrain")]
public interface ISnoozeAlarmGrain : IGrainWithStringKey
{
    /// <summary>Wakes <paramref name="conversationId"/> at <paramref name="until"/> (replacing any earlier time).</summary>
    [Alias("Set"), AlwaysInterleave]
    Task Set(Guid conversationId, DateTimeOffset until);

    /// <summary>Forgets the conversation's wake-up (it was opened, resolved or purged); idempotent.</summary>
    [Alias("Clear"), AlwaysInterleave]
    Task Clear(Guid conversationId);
}
