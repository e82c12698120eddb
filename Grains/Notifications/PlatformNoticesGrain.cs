using System.Collections.Immutable;
using Orbitalyntra.Accounts;

namespace Orbitalyntra.Notifications;

/// <summary>
/// The platform's notices and their fan-out: a notice is stored with the fan-out pending and a reminder registered, then
/// queued in every tenant's outbox; the reminder repeats the fan-out after a crash (outboxes ignore an id they know).
/// </summary>
public sealed class PlatformNoticesGrain(
    [PersistentState("notices")] IPersistentState<PlatformNoticesState> state,
    TimeProvider time) : Grain, IPlatformNoticesGrain, IRemindable
{
    private const string FanOutReminder = "fan-out";

    async Task<PlatformNotice> IPlatformNoticesGrain.Publish(NewPlatformNotice notice)
    {
        var published = new PlatformNotice(Guid.NewGuid(), notice.Category, notice.French, notice.English, time.GetUtcNow());
        state.State = state.State with { Notices = state.State.Notices.Insert(0, published), FanOutPending = state.State.FanOutPending.Add(published.NoticeId) };
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(FanOutReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await FanOut();
        return published;
    }

    Task<IReadOnlyList<PlatformNotice>> IPlatformNoticesGrain.List() => Task.FromResult<IReadOnlyList<PlatformNotice>>(state.State.Notices);

    Task<PlatformNotice?> IPlatformNoticesGrain.Get(Guid noticeId) => Task.FromResult(state.State.Notices.FirstOrDefault(n => n.NoticeId == noticeId));

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => reminderName == FanOutReminder ? FanOut() : Task.CompletedTask;

    private async Task FanOut()
    {
        var tenants = await GrainFactory.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).List();
        foreach (var noticeId in state.State.FanOutPending)
        {
            var notification = Notification.ToGroup(noticeId, NotificationKind.PlatformNotice, Audience.AccountHolders, (NotificationValues.NoticeId, noticeId.ToString()));
            await Task.WhenAll(tenants.Select(tenant => GrainFactory.GetGrain<INotificationOutboxGrain>(tenant).Enqueue(notification)));
        }

        state.State = state.State with { FanOutPending = [] };
        await state.WriteStateAsync();
        if (await this.GetReminder(FanOutReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}

/// <summary>The notices (newest first) and those whose fan-out to the tenants' outboxes has not finished.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.platform-notices-state")]
public sealed record PlatformNoticesState(
    [property: Id(0)] ImmutableList<PlatformNotice> Notices,
    [property: Id(1)] ImmutableList<Guid> FanOutPending)
{
    public PlatformNoticesState()
        : this([], [])
    {
    }
}
