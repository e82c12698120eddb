using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Chat;
using Orbitalyntra.Operations;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Integrations;

/// <summary>
/// One endpoint's deliveries of one conversation, or of the tenant's events of no conversation (docs/decisions/0031).
/// Message events are read from the conversation's log behind <see cref="WebhookDeliveryState.Cursor"/>; other events
/// wait in <see cref="WebhookDeliveryState.Queue"/>, each after the message that was last when it happened. One event is
/// in flight at a time and the next waits for it, so the receiver sees the conversation in order, retries included.
/// Calls that add work interleave with a delivery in flight (which may take the whole timeout); state changes go
/// through one gate.
/// </summary>
[GrainType(GrainTypeName)]
public sealed partial class WebhookDeliveryGrain(
    [PersistentState(WebhookDeliveryGrain.StateName)] IPersistentState<WebhookDeliveryState> state,
    WebhookSender sender,
    WebhookThrottle throttle,
    ISubjectPlaces subjectPlaces,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain, IRemindable
{
    /// <summary>The grain type, by which a removed endpoint's deliveries are found in storage.</summary>
    public const string GrainTypeName = "webhookdelivery";

    /// <summary>The name of its state.</summary>
    public const string StateName = "webhookdelivery";

    private const string RetryReminder = "webhook-retry";

    /// <summary>How many messages told with their content are kept in memory while they wait for delivery.</summary>
    private const int ToldKept = 64;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<string> subjectsRecorded = [];

    // Messages given with their telling, in memory only: read from the conversation only when missing here.
    private readonly SortedDictionary<long, ChatMessage> told = [];
    private WebhookDeliveryKey key;
    private long knownLast;
    private bool refreshed;
    private string? visitorId;
    private IGrainTimer? timer;
    private IGrainTimer? cursorWriteDue;
    private int? reportedBacklog;
    private bool reminderRegistered;
    private bool dropReminderWhenIdle;
    private bool discarded;

    private WebhookOptions Options => options.Value;

    private WebhookDeliveryState Current => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = WebhookDeliveryKey.Parse(this.GetPrimaryKeyString());
        if (!state.RecordExists)
        {
            state.State = WebhookDeliveryState.Empty;
        }

        knownLast = Current.KnownLast;
        if (state.RecordExists && !Current.GaveUp && (Current.Queue.Count > 0 || Current.Attempts > 0))
        {
            EnsurePumping();
        }

        return Task.CompletedTask;
    }

    Task IWebhookDeliveryGrain.MessagesStored(long sequence, ChatMessage? message)
    {
        if (message is not null && message.Sequence == sequence && sequence > Current.Cursor)
        {
            told[sequence] = message;
            if (told.Count > ToldKept)
            {
                told.Remove(told.Keys.First());
            }
        }

        if (!state.RecordExists && knownLast == 0 && Current.Cursor == 0)
        {
            // Delivery to this endpoint starts with the message it was first told of, not with the conversation's history.
            state.State = Current with { Cursor = sequence - 1 };
        }

        knownLast = Math.Max(knownLast, sequence);
        EnsurePumping();
        return Task.CompletedTask;
    }

    async Task IWebhookDeliveryGrain.Enqueue(WebhookEvent webhookEvent)
    {
        // Recorded outside the conversation: after the messages told so far, the conversation's order as this delivery knows it.
        if (webhookEvent.AfterSequence == WebhookEvent.AfterToldMessages)
        {
            webhookEvent = webhookEvent with { AfterSequence = Math.Max(knownLast, Current.Cursor) };
        }

        await Change(current => current.Queue.Any(e => e.EventId == webhookEvent.EventId) || (current.RecentlyDone?.Contains(webhookEvent.EventId) ?? false)
            ? current
            : current with { Queue = current.Queue.Add(webhookEvent) });
        EnsurePumping();
    }

    async Task IWebhookDeliveryGrain.Resume()
    {
        await Change(current => current with { GaveUp = false, Attempts = 0, FailingSince = null, NextAttemptAt = null });
        EnsurePumping();
    }

    Task IWebhookDeliveryGrain.Wake()
    {
        refreshed = false;
        EnsurePumping();
        return Task.CompletedTask;
    }

    async Task IWebhookDeliveryGrain.Discard()
    {
        discarded = true;
        StopPumping();
        await DropReminder(evenIfNotSeen: true);
        await gate.WaitAsync();
        try
        {
            if (state.RecordExists)
            {
                await state.ClearStateAsync();
            }
        }
        finally
        {
            gate.Release();
        }

        ReportBacklog(0);
        this.DeactivateOnIdle();
    }

    Task<WebhookDeliveryProgress> IWebhookDeliveryGrain.Progress() =>
        Task.FromResult(new WebhookDeliveryProgress(Current.Cursor, Current.Queue.Count, Current.Attempts, state.RecordExists));

    /// <summary>
    /// Brings the delivery back after a crash: it asks the conversation how far its log goes, delivers what is missing, and
    /// removes the reminder once a tick finds nothing to do.
    /// </summary>
    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        reminderRegistered = true;
        refreshed = false;
        dropReminderWhenIdle = true;
        EnsurePumping();
        return Task.CompletedTask;
    }

    private void EnsurePumping()
    {
        if (!discarded)
        {
            timer ??= this.RegisterGrainTimer(Pump, new GrainTimerCreationOptions(TimeSpan.Zero, Options.PollPeriod) { Interleave = false, KeepAlive = true });
        }
    }

    private void StopPumping()
    {
        timer?.Dispose();
        timer = null;
    }

    /// <summary>Delivers what is due, in order, until something fails or nothing is left; each event under one of the endpoint's permits.</summary>
    private async Task Pump()
    {
        while (!discarded && !Current.GaveUp && (Current.NextAttemptAt is not { } due || due <= time.GetUtcNow()))
        {
            using var permit = await throttle.Enter(key.TenantId, key.EndpointId);
            if (!await DeliverNext())
            {
                return;
            }
        }
    }

    /// <summary>Delivers or passes over the event at the head; false when pumping stops (nothing left, a failure, the endpoint paused).</summary>
    private async Task<bool> DeliverNext()
    {
        if (await Endpoints.Target(key.EndpointId) is not { } target)
        {
            return !await Paused();
        }

        if (await Next(target) is not { } next)
        {
            StopPumping();
            if (dropReminderWhenIdle)
            {
                if (cursorWriteDue is not null)
                {
                    await WriteCursor();
                }

                await DropReminder();
            }

            return false;
        }

        // Before the first attempt, the reminder that survives this silo, and where delivery starts: a silo dying
        // between the message's acknowledgement and its delivery leaves the reminder to bring it back.
        dropReminderWhenIdle = false;
        await EnsureReminder();
        if (!state.RecordExists)
        {
            await Change(current => current);
        }

        if (!next.Send || !await MaySend(next))
        {
            await Done(next);
            return true;
        }

        var at = time.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        var body = WebhookPayloads.Body(next.Type, next.At, next.Data);
        var result = await sender.Send(target.Url, next.EventId, timestamp, body, WebhookSigner.Sign(target.Secrets, next.EventId, timestamp, body));
        if (result.Delivered)
        {
            var attempt = Current.Attempts + 1;
            await Done(next);
            await Record(next, DeliveryStatus.Delivered, attempt, result);
            return true;
        }

        await Failed(next, result);
        return false;
    }

    /// <summary>
    /// The endpoint gave no target. Removed: this delivery forgets everything. Disabled, or the tenant closed: what waits
    /// stays, the endpoints grain records this delivery to wake it, and no reminder ticks meanwhile. False when the endpoint
    /// works again after all.
    /// </summary>
    private async Task<bool> Paused()
    {
        var waiting = !Current.Queue.IsEmpty || knownLast > Current.Cursor;
        var availability = waiting ? await Endpoints.Park(key.EndpointId, key.ConversationId) : EndpointAvailability.Paused;
        switch (availability)
        {
            case EndpointAvailability.Active:
                return false;
            case EndpointAvailability.Removed:
                await ((IWebhookDeliveryGrain)this).Discard();
                return true;
            default:
                StopPumping();
                await DropReminder(evenIfNotSeen: true);
                return true;
        }
    }

    /// <summary>The event at the head: a queued event whose message has been delivered, else the next message's.</summary>
    private async Task<Outgoing?> Next(WebhookTarget target)
    {
        var current = Current;
        var head = current.Queue.FirstOrDefault();

        // The event was recorded after its message was stored: that message goes first, even when its telling is still on
        // the way (it waits behind this pump while the event's interleaves).
        knownLast = Math.Max(knownLast, head?.AfterSequence ?? 0);
        if (head is not null && (head.AfterSequence <= current.Cursor || !await MoreMessagesThan(current.Cursor)))
        {
            return Queued(head, target, await SubjectOf(head));
        }

        if (key.ConversationId is not { } conversationId || !await MoreMessagesThan(current.Cursor))
        {
            return null;
        }

        foreach (var passed in told.Keys.Where(s => s <= current.Cursor).ToList())
        {
            told.Remove(passed);
        }

        if (!told.TryGetValue(current.Cursor + 1, out var message))
        {
            var conversation = GrainFactory.GetGrain<IConversationGrain>(new ConversationKey(key.TenantId, conversationId).ToString());
            if ((await conversation.ReadAfter(current.Cursor, 1))?.Messages is not [var read, ..])
            {
                knownLast = current.Cursor;
                return head is null ? null : Queued(head, target, await SubjectOf(head));
            }

            message = read;
        }

        var send = !message.IsNote && !message.Erased && target.EventTypes.Contains(WebhookEvents.MessageCreated, StringComparer.Ordinal);
        return new Outgoing(
            WebhookPayloads.MessageEventId(conversationId, message.Sequence), WebhookEvents.MessageCreated, message.SentAt,
            send ? WebhookPayloads.MessageData(conversationId, message, target.IncludeMessageText) : "{}", visitorId, message.Sequence, send);
    }

    private static Outgoing Queued(WebhookEvent queued, WebhookTarget target, string? subjectId) => new(
        queued.EventId, queued.Type, queued.At, queued.Data, subjectId, null,
        queued.Type == WebhookEvents.Test || target.EventTypes.Contains(queued.Type, StringComparer.Ordinal));

    /// <summary>
    /// Whom a queued event is about: its subject, or for an event of the conversation recorded outside it (an assignment),
    /// the conversation's visitor, so that consent and erasure apply to it as to the conversation's own events.
    /// </summary>
    private async Task<string?> SubjectOf(WebhookEvent queued)
    {
        if (queued.SubjectId is not null || queued.ConversationId is null)
        {
            return queued.SubjectId;
        }

        if (visitorId is null)
        {
            await MoreMessagesThan(Current.Cursor);
        }

        return visitorId;
    }

    /// <summary>Whether the conversation has messages after <paramref name="cursor"/>, asking it once per activation or reminder tick.</summary>
    private async Task<bool> MoreMessagesThan(long cursor)
    {
        if (key.ConversationId is not { } conversationId)
        {
            return false;
        }

        if (!refreshed || visitorId is null)
        {
            var summary = await GrainFactory.GetGrain<IConversationGrain>(new ConversationKey(key.TenantId, conversationId).ToString()).GetSummary();
            knownLast = Math.Max(knownLast, summary?.LastSequence ?? 0);
            visitorId = summary?.VisitorId ?? "";
            refreshed = true;
        }

        return knownLast > cursor;
    }

    /// <summary>
    /// Events about a person go out only while their record allows processing for the CRM (consent given, no restriction,
    /// no objection, not erased); <c>subject.erased</c> itself always goes. The first event about a person records the
    /// tenant's webhooks among their places, so that their erasure reaches the CRM.
    /// </summary>
    private async Task<bool> MaySend(Outgoing next)
    {
        if (next.SubjectId is not { Length: > 0 } subjectId || next.Type == WebhookEvents.SubjectErased)
        {
            return true;
        }

        var subject = new SubjectKey(key.TenantId, subjectId);
        if (!await GrainFactory.DataSubject(subject).MayProcess(ConsentPurpose.CrmSync))
        {
            return false;
        }

        if (subjectsRecorded.Add(subjectId))
        {
            await subjectPlaces.Add(subject, Endpoints.GetGrainId());
        }

        return true;
    }

    /// <summary>
    /// A queued event done with is written at once (the queue is its only record); a message's is only moved in memory when
    /// nothing else changes, and written within <see cref="WebhookOptions.CursorWritePeriod"/>: at least once allows a
    /// crash to send again, under the same <c>webhook-id</c>, what was delivered since the last write.
    /// </summary>
    private Task Done(Outgoing done)
    {
        var next = (done.Sequence is { } sequence
            ? Current with { Cursor = Math.Max(Current.Cursor, sequence) }
            : Current with { Queue = Current.Queue.RemoveAll(e => e.EventId == done.EventId), RecentlyDone = Remembered(Current.RecentlyDone, done.EventId) })
            with { KnownLast = knownLast, Attempts = 0, FailingSince = null, NextAttemptAt = null };
        if (done.Sequence is null || !state.RecordExists || next with { Cursor = Current.Cursor, KnownLast = Current.KnownLast } != Current)
        {
            return Change(_ => next);
        }

        state.State = next;
        cursorWriteDue ??= this.RegisterGrainTimer(WriteCursor, new GrainTimerCreationOptions(Options.CursorWritePeriod, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = false });
        return Task.CompletedTask;
    }

    private Task WriteCursor()
    {
        cursorWriteDue?.Dispose();
        cursorWriteDue = null;
        return Change(current => current, evenIfUnchanged: true);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        cursorWriteDue is null ? Task.CompletedTask : WriteCursor();

    private static ImmutableList<string> Remembered(ImmutableList<string>? recentlyDone, string eventId)
    {
        var done = (recentlyDone ?? []).Add(eventId);
        return done.Count > WebhookDeliveryState.RecentlyDoneKept ? done.RemoveAt(0) : done;
    }

    private async Task Failed(Outgoing next, SendResult result)
    {
        var now = time.GetUtcNow();
        var attempt = Current.Attempts + 1;
        var failingSince = Current.FailingSince ?? now;
        if (now - failingSince >= Options.GiveUpAfter)
        {
            await Change(current => current with { Attempts = attempt, GaveUp = true, KnownLast = knownLast });
            StopPumping();
            await DropReminder();
            await Record(next, DeliveryStatus.DeadLettered, attempt, result);
            LogGaveUp(key.ToString(), attempt);
            await Endpoints.GiveUp(key.EndpointId, failingSince);
            return;
        }

        var retryAt = now + Backoff.Delay(attempt, Options.BaseBackoff, Options.MaxBackoff, Random.Shared.NextDouble());
        await Change(current => current with { Attempts = attempt, FailingSince = failingSince, NextAttemptAt = retryAt, KnownLast = knownLast });
        await Record(next, DeliveryStatus.Failed, attempt, result);
        await EnsureReminder();
    }

    private Task Record(Outgoing sent, DeliveryStatus status, int attempt, SendResult result) =>
        GrainFactory.GetGrain<IWebhookLogGrain>(key.TenantId).Record(key.EndpointId, key.ToString(), new WebhookDelivery(
            sent.EventId, sent.Type, time.GetUtcNow(), status, attempt, result.HttpStatus, (long)result.Latency.TotalMilliseconds, result.Error));

    private async Task EnsureReminder()
    {
        if (!reminderRegistered && !discarded)
        {
            await this.RegisterOrUpdateReminder(RetryReminder, Options.RetryCheckPeriod, Options.RetryCheckPeriod);
            reminderRegistered = true;
        }
    }

    private async Task DropReminder(bool evenIfNotSeen = false)
    {
        if (reminderRegistered || evenIfNotSeen)
        {
            if (await this.GetReminder(RetryReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            reminderRegistered = false;
        }
    }

    private IWebhookEndpointsGrain Endpoints => GrainFactory.GetGrain<IWebhookEndpointsGrain>(key.TenantId);

    private async Task Change(Func<WebhookDeliveryState, WebhookDeliveryState> change, bool evenIfUnchanged = false)
    {
        await gate.WaitAsync();
        try
        {
            var next = change(Current);
            if (!discarded && (next != Current || !state.RecordExists || evenIfUnchanged))
            {
                state.State = next;
                await state.WriteStateAsync();
                ReportBacklog(next.Queue.Count + (int)Math.Max(0, next.KnownLast - next.Cursor));
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reports the gauge when it moved: a delivery that keeps up reports nothing per message.</summary>
    private void ReportBacklog(int count)
    {
        if (count != reportedBacklog)
        {
            reportedBacklog = count;
            GrainFactory.Report(Backlog.PendingWebhookEvents, key.ToString(), count);
        }
    }

    /// <summary>An event about to be sent, or passed over (<paramref name="Send"/> false: a note, an erased message, a type not subscribed).</summary>
    private sealed record Outgoing(string EventId, string Type, DateTimeOffset At, string Data, string? SubjectId, long? Sequence, bool Send);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Delivery} gave up after {Attempts} attempts; its endpoint is disabled")]
    private partial void LogGaveUp(string delivery, int attempts);
}
