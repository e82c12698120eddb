using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Desk;

/// <summary>How often a tenant's snooze alarm looks for conversations to wake (configuration section <c>Desk</c>).</summary>
public sealed class DeskOptions
{
    public const string Section = "Desk";

    /// <summary>The alarm's period: a snoozed conversation opens at most this long after its time.</summary>
    public TimeSpan SnoozeCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed partial class SnoozeAlarmGrain(
    [PersistentState("snoozes")] IPersistentState<SnoozeState> state,
    IOptions<DeskOptions> options,
    TimeProvider time,
    ILogger<SnoozeAlarmGrain> logger) : Grain, ISnoozeAlarmGrain, IRemindable
{
    private const string WakeReminder = "wake";

    // Set and Clear interleave with a tick: writes go one after another, each storing the latest state.
    private Task writing = Task.CompletedTask;

    private ImmutableDictionary<Guid, DateTimeOffset> Snoozes => state.State.Snoozes ?? ImmutableDictionary<Guid, DateTimeOffset>.Empty;

    async Task ISnoozeAlarmGrain.Set(Guid conversationId, DateTimeOffset until)
    {
        await Save(Snoozes.SetItem(conversationId, until));
        if (await this.GetReminder(WakeReminder) is null)
        {
            // Ticks every period while anything is snoozed, from at most a period from now: whichever snooze is set
            // first, each opens within a period of its time.
            var period = options.Value.SnoozeCheckPeriod;
            await this.RegisterOrUpdateReminder(WakeReminder, Clamp(until - time.GetUtcNow(), TimeSpan.Zero, period), period);
        }
    }

    async Task ISnoozeAlarmGrain.Clear(Guid conversationId)
    {
        if (Snoozes.ContainsKey(conversationId))
        {
            await Save(Snoozes.Remove(conversationId));
        }
    }

    /// <summary>Wakes what is due; stops ticking when nothing is snoozed. Idempotent, as ticks may repeat.</summary>
    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WakeReminder)
        {
            return;
        }

        var now = time.GetUtcNow();
        var tenantId = this.GetPrimaryKeyString();
        foreach (var (conversationId, until) in Snoozes.Where(s => s.Value <= now).ToList())
        {
            try
            {
                // The time the alarm holds, not the conversation's clock, decides: silos' clocks may differ by a little.
                await GrainFactory.Conversation(new ConversationKey(tenantId, conversationId)).Wake(until);
            }
            catch (Exception failure)
            {
                // Left in place: the next tick tries again.
                LogWakeFailed(failure, tenantId);
                continue;
            }

            // Unless it was snoozed again meanwhile.
            if (Snoozes.TryGetValue(conversationId, out var current) && current == until)
            {
                await Save(Snoozes.Remove(conversationId));
            }
        }

        if (Snoozes.IsEmpty && await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);

            // A snooze set while the reminder was being removed found it still there and registered none.
            if (!Snoozes.IsEmpty)
            {
                await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.Zero, options.Value.SnoozeCheckPeriod);
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    private Task Save(ImmutableDictionary<Guid, DateTimeOffset> snoozes)
    {
        state.State = new SnoozeState(snoozes);
        writing = WriteAfter(writing);
        return writing;
    }

    private async Task WriteAfter(Task previous)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snooze alarm of tenant {TenantId}: a conversation could not be woken; the next tick retries")]
    private partial void LogWakeFailed(Exception exception, string tenantId);
}

/// <summary>The snoozed conversations of a tenant and when each wakes.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.snooze-state")]
public sealed record SnoozeState([property: Id(0)] ImmutableDictionary<Guid, DateTimeOffset>? Snoozes)
{
    public SnoozeState()
        : this(ImmutableDictionary<Guid, DateTimeOffset>.Empty)
    {
    }
}
