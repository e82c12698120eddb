using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Accounts;
using Orbitalyntra.Operations;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Notifications;

/// <summary>
/// A tenant's outbox (docs/decisions/0023-mail-outbox.md). A timer delivers what is due while mail waits; a reminder
/// brings the outbox back after a crash. State changes go through one gate because queueing interleaves with a delivery
/// that awaits SMTP or another grain: the grain causing a notification may be the one the delivery is asking.
/// </summary>
[GrainType(GrainTypeName)]
public sealed partial class NotificationOutboxGrain(
    [PersistentState("outbox")] IPersistentState<OutboxState> state,
    IMailSender sender,
    MailComposer composer,
    MailLinks links,
    ISubjectPlaces places,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationOutboxGrain> logger) : Grain, INotificationOutboxGrain, IPersonalDataHolder, IRetentionHolder, IRemindable
{
    /// <summary>The grain type, by which retention finds this tenant-wide holder.</summary>
    public const string GrainTypeName = "notificationoutbox";

    /// <summary>What a purge report counts of this holder.</summary>
    public const string LogEntriesCounter = "mailLogEntries";

    private const string RetryReminder = "deliver";

    private readonly SemaphoreSlim gate = new(1, 1);
    private IGrainTimer? timer;
    private bool reminderRegistered;

    private string TenantId => this.GetPrimaryKeyString();

    private NotificationOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Pending.IsEmpty)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    async Task INotificationOutboxGrain.Enqueue(Notification notification)
    {
        if (state.State.Knows(notification.Id))
        {
            return;
        }

        if (notification.RecipientId is { } recipient)
        {
            // Listed among the person's places before anything of them is kept, so their erasure reaches this outbox.
            await places.Add(new SubjectKey(TenantId, recipient), this.GetGrainId());
        }

        var added = await Change(current => current.Knows(notification.Id)
            ? current
            : current with { Pending = current.Pending.Add(new Delivery(notification, time.GetUtcNow(), 0, time.GetUtcNow() + Options.FirstAttemptDelay, false)) });
        if (added)
        {
            await EnsureReminder();
            StartTimer();
        }
    }

    Task<IReadOnlyList<PendingMail>> INotificationOutboxGrain.Pending() => Task.FromResult<IReadOnlyList<PendingMail>>(
        [.. state.State.Pending.Select(d => new PendingMail(d.Notification.Id, d.Notification.Kind, d.Notification.Audience, d.Notification.RecipientId, d.Attempts, d.NextAttemptAt))]);

    Task<IReadOnlyList<MailLogEntry>> INotificationOutboxGrain.Log() => Task.FromResult<IReadOnlyList<MailLogEntry>>(state.State.Log);

    Task<bool> INotificationOutboxGrain.VerifyUnsubscribe(string recipientId, MailTopic topic, string token) =>
        links.IsUnsubscribe(TenantId, recipientId, topic, token);

    /// <summary>Cancels what waits for the subject and takes their id out of the log: nothing links them to mail any more.</summary>
    async Task IPersonalDataHolder.EraseSubject(SubjectKey subject)
    {
        var cancelled = state.State.Pending.Where(d => d.Notification.RecipientId == subject.SubjectId).ToList();
        await Change(current => current with
        {
            Pending = current.Pending.RemoveAll(d => d.Notification.RecipientId == subject.SubjectId),
            Log = current.Log
                .Select(e => e.RecipientId == subject.SubjectId ? e with { RecipientId = null } : e)
                .Concat(cancelled.Select(d => Ended(d, MailOutcome.NoRecipient) with { RecipientId = null }))
                .ToImmutableList(),
        });
    }

    /// <summary>Account holders' own export comes with their self-service rights (issue 17); the log holds only ids and outcomes.</summary>
    Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject) => Task.FromResult<IReadOnlyList<ExportItem>>([]);

    async Task<PurgeOutcome> IRetentionHolder.Purge(RetentionPolicy policy, DateTimeOffset now)
    {
        var lifetime = TimeSpan.FromTicks(Math.Min(Options.LogLifetime.Ticks, policy.LifetimeOf(RetentionKind.Audit).Ticks));
        var expired = state.State.Log.Count(e => e.At < now - lifetime);
        if (expired == 0)
        {
            return PurgeOutcome.Kept;
        }

        await Change(current => current with { Log = current.Log.RemoveAll(e => e.At < now - lifetime) });
        return PurgeOutcome.Trimmed(new PurgeCount(LogEntriesCounter, expired));
    }

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetryReminder)
        {
            reminderRegistered = true;
            StartTimer();
        }

        return Task.CompletedTask;
    }

    private void StartTimer() =>
        timer ??= this.RegisterGrainTimer(DeliverDue, new GrainTimerCreationOptions(TimeSpan.Zero, Options.PollPeriod) { Interleave = false, KeepAlive = true });

    private async Task EnsureReminder()
    {
        if (!reminderRegistered)
        {
            await this.RegisterOrUpdateReminder(RetryReminder, Options.RetryCheckPeriod, Options.RetryCheckPeriod);
            reminderRegistered = true;
        }
    }

    /// <summary>Delivers every due mail in queueing order, unless the tenant is closed; when none waits, stops the timer and the reminder.</summary>
    private async Task DeliverDue(CancellationToken cancellationToken)
    {
        if (await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetClosure() is not null)
        {
            // A closed tenant sends nothing: its mail waits for a reopening, or goes with the tenant's deletion. The
            // reminder, registered while mail waits, starts the timer again to look.
            timer?.Dispose();
            timer = null;
            return;
        }

        var now = time.GetUtcNow();
        foreach (var due in state.State.Pending.Where(d => d.NextAttemptAt <= now).Select(d => d.Notification.Id).ToList())
        {
            if (state.State.Pending.FirstOrDefault(d => d.Notification.Id == due) is { } delivery)
            {
                await (delivery.Notification.Audience is Audience.Person or Audience.Visitor ? Deliver(delivery, cancellationToken) : Expand(delivery));
            }
        }

        if (state.State.Pending.IsEmpty)
        {
            timer?.Dispose();
            timer = null;
            if (await this.GetReminder(RetryReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            reminderRegistered = false;
        }
    }

    /// <summary>A group becomes one delivery per person as the tenant is now, each with an id of its own (its Message-ID).</summary>
    private async Task Expand(Delivery group)
    {
        var notification = group.Notification;
        var people = new List<string>();
        foreach (var agentId in await GrainFactory.GetGrain<ITenantGrain>(TenantId).ListAgentIds())
        {
            if (notification.Audience == Audience.AccountHolders
                || await GrainFactory.MailRecipient(TenantId, Audience.Person, agentId).GetMailRecipient() is { IsAdmin: true })
            {
                await places.Add(new SubjectKey(TenantId, agentId), this.GetGrainId());
                people.Add(agentId);
            }
        }

        var now = time.GetUtcNow();
        await Change(current => current with
        {
            Pending = current.Pending.Remove(group).AddRange(people
                .Select(person => notification with { Id = Notification.IdOf(notification.Id.ToString(), person), Audience = Audience.Person, RecipientId = person })
                .Where(person => !current.Knows(person.Id))
                .Select(person => new Delivery(person, group.QueuedAt, 0, now, false))),
            Log = Trimmed(current.Log.Add(Ended(group, MailOutcome.Expanded))),
        });
    }

    private async Task Deliver(Delivery delivery, CancellationToken cancellationToken)
    {
        var notification = delivery.Notification;
        var recipient = await GrainFactory.MailRecipient(TenantId, notification.Audience, notification.RecipientId!).GetMailRecipient();
        if (recipient is { AddressConfirmed: false } && MailAudiences.CarriesConversation(notification.Kind))
        {
            // Double opt-in: conversation content goes only to an address its owner confirmed.
            await End(delivery, MailOutcome.Unconfirmed);
            return;
        }

        var composed = recipient is null ? null : await composer.Compose(TenantId, notification, recipient);
        if (composed is null)
        {
            await End(delivery, MailOutcome.NoRecipient);
            return;
        }

        if (!recipient!.Preferences.Wants(composed.Topic))
        {
            await End(delivery, MailOutcome.OptedOut);
            return;
        }

        if (delivery.Sending)
        {
            LogResending(TenantId, delivery.Notification.Id);
        }

        var sending = delivery with { Attempts = delivery.Attempts + 1, Sending = true };
        await Change(current => current with { Pending = current.Pending.Replace(delivery, sending) });
        try
        {
            await sender.Send(composed.Message, cancellationToken);
        }
        catch (Exception problem) when (problem is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(problem, TenantId, delivery.Notification.Id, sending.Attempts);
            if (sending.Attempts >= Options.MaxAttempts)
            {
                await End(sending, MailOutcome.Failed);
                return;
            }

            var retry = sending with { Sending = false, NextAttemptAt = time.GetUtcNow() + Backoff.Delay(sending.Attempts, Options.BaseBackoff, Options.MaxBackoff, Random.Shared.NextDouble()) };
            await Change(current => current with { Pending = current.Pending.Replace(sending, retry) });
            return;
        }

        await End(sending, MailOutcome.Sent);
    }

    private Task End(Delivery delivery, MailOutcome outcome) => Change(current => current with
    {
        Pending = current.Pending.Remove(delivery),
        Log = Trimmed(current.Log.Add(Ended(delivery, outcome))),
    });

    private MailLogEntry Ended(Delivery delivery, MailOutcome outcome) =>
        new(delivery.Notification.Id, delivery.Notification.Kind, delivery.Notification.RecipientId, outcome, time.GetUtcNow(), delivery.Attempts);

    private ImmutableList<MailLogEntry> Trimmed(ImmutableList<MailLogEntry> log) =>
        log.Count > Options.LogEntriesKept ? log.RemoveRange(0, log.Count - Options.LogEntriesKept) : log;

    /// <summary>Applies a change and writes it, one at a time; true when something changed.</summary>
    private async Task<bool> Change(Func<OutboxState, OutboxState> change)
    {
        await gate.WaitAsync();
        try
        {
            var next = change(state.State);
            if (ReferenceEquals(next, state.State))
            {
                return false;
            }

            state.State = next;
            await state.WriteStateAsync();
            GrainFactory.Report(Backlog.PendingMail, TenantId, next.Pending.Count);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {TenantId}: mail {NotificationId} was being sent when the outbox stopped; sending it again with the same Message-ID.")]
    private partial void LogResending(string tenantId, Guid notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {TenantId}: mail {NotificationId} not accepted (attempt {Attempts}); retrying later.")]
    private partial void LogFailed(Exception problem, string tenantId, Guid notificationId, int attempts);
}
