using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Notifications;

/// <summary>
/// One visitor's mail (docs/decisions/0027-visitor-mail.md). The address and its double opt-in are the data-subject
/// record's; this grain queues the confirmation link, the transcripts and the replies the visitor did not read, in the
/// tenant's outbox, by ids. A timer fires when the first watched reply is due while the grain is active; a reminder
/// (every <see cref="NotificationOptions.RetryCheckPeriod"/> while a reply is watched) brings it back after a crash or a
/// deactivation, and one far apart expires what waits for a confirmation that never comes. A watched reply becomes one
/// mail whose id is made of its first sequence number: queued twice (a crash between queueing and the state write), the
/// outbox keeps it once.
/// </summary>
[GrainType(GrainTypeName)]
public sealed partial class VisitorMailGrain(
    [PersistentState("visitormail")] IPersistentState<VisitorMailState> state,
    MailLinks links,
    ISubjectPlaces places,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<VisitorMailGrain> logger) : Grain, IVisitorMailGrain, IPersonalDataHolder, IRemindable
{
    /// <summary>The grain type, as the subjects' places name this holder.</summary>
    public const string GrainTypeName = "visitormail";

    private const string DueReminder = "due";

    private SubjectKey key;
    private IGrainTimer? timer;
    private bool reminderKnown;
    private TimeSpan? reminderPeriod;
    private bool placed;

    private Actor Visitor => new("visitor", key.SubjectId);

    private IMailRecipient Recipient => GrainFactory.MailRecipient(key.TenantId, Audience.Visitor, key.SubjectId);

    private INotificationOutboxGrain Outbox => GrainFactory.GetGrain<INotificationOutboxGrain>(key.TenantId);

    private NotificationOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = SubjectKey.Parse(this.GetPrimaryKeyString());
        if (!state.State.IsEmpty())
        {
            await Schedule();
        }
    }

    async Task<VisitorMailStatus?> IVisitorMailGrain.GiveAddress(string email, string language)
    {
        if (await GrainFactory.DataSubject(key).SetMailAddress(email, language, Visitor) is not { } change)
        {
            return null;
        }

        if (change.ConfirmationDue)
        {
            await Outbox.Enqueue(Notification.ToVisitor(
                Notification.IdOf(key.TenantId, key.SubjectId, "confirm", change.Version.ToString(CultureInfo.InvariantCulture)),
                NotificationKind.VisitorAddressConfirmation,
                key.SubjectId));
        }

        return await Status();
    }

    Task<VisitorMailStatus?> IVisitorMailGrain.GetStatus() => Status();

    async Task<bool> IVisitorMailGrain.Confirm(long expires, string token)
    {
        if (await Recipient.GetMailRecipient() is not { } recipient
            || !await links.IsConfirmation(key.TenantId, key.SubjectId, recipient.Address, expires, token)
            || !await GrainFactory.DataSubject(key).ConfirmMailAddress(recipient.Address, Visitor))
        {
            return false;
        }

        LogConfirmed(key);
        await SendDue();
        return true;
    }

    async Task<TranscriptRequestOutcome> IVisitorMailGrain.RequestTranscript(Guid conversationId)
    {
        var summary = await GrainFactory.Conversation(new ConversationKey(key.TenantId, conversationId)).GetSummary();
        if (summary?.VisitorId != key.SubjectId)
        {
            return TranscriptRequestOutcome.ConversationNotFound;
        }

        if (summary.LastSequence == 0)
        {
            return TranscriptRequestOutcome.NothingToSend;
        }

        if (await Recipient.GetMailRecipient() is not { } recipient)
        {
            return TranscriptRequestOutcome.NoAddress;
        }

        var request = new TranscriptRequest(conversationId, summary.LastSequence, time.GetUtcNow());
        if (recipient.AddressConfirmed)
        {
            await QueueTranscript(request);
            return TranscriptRequestOutcome.Queued;
        }

        await Save(state.State with { Transcripts = state.State.Transcripts.RemoveAll(t => t.ConversationId == conversationId).Add(request) });
        await Schedule();
        return TranscriptRequestOutcome.AwaitingConfirmation;
    }

    async Task IVisitorMailGrain.AgentReplied(Guid conversationId, long sequence, DateTimeOffset sentAt)
    {
        var watch = state.State.Watch(conversationId);
        if (watch is not null && sequence <= watch.LastUnread)
        {
            return;
        }

        await Save(state.State.WithWatch(conversationId, watch is null ? new ReplyWatch(conversationId, sequence, sequence, sentAt) : watch with { LastUnread = sequence }));
        await Schedule();
    }

    async Task IVisitorMailGrain.VisitorRead(Guid conversationId, long upToSequence)
    {
        if (state.State.Watch(conversationId) is not { } watch || upToSequence < watch.FirstUnread)
        {
            return;
        }

        // Read in part: the visitor is here, so what they have not read yet waits the delay again from now.
        var left = upToSequence >= watch.LastUnread ? null : watch with { FirstUnread = upToSequence + 1, Since = time.GetUtcNow() };
        await Save(state.State.WithWatch(conversationId, left));
        await Schedule();
    }

    async Task<bool> IVisitorMailGrain.VerifyResume(Guid conversationId, long expires, string token) =>
        await links.IsConversation(key.TenantId, key.SubjectId, conversationId, expires, token) && await Recipient.GetMailRecipient() is not null;

    Task<IReadOnlyList<ReplyWatch>> IVisitorMailGrain.Watches() => Task.FromResult<IReadOnlyList<ReplyWatch>>(state.State.Watches);

    /// <summary>Drops every watch and waiting transcript: nothing of the visitor is left to send.</summary>
    async Task IPersonalDataHolder.EraseSubject(SubjectKey subject)
    {
        await Save(new VisitorMailState());
        await Schedule();
    }

    /// <summary>
    /// Nothing of its own: the address and its confirmation are exported with the subject's record, and what this grain
    /// keeps (which replies wait to be mailed) lasts minutes.
    /// </summary>
    Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject) => Task.FromResult<IReadOnlyList<ExportItem>>([]);

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => reminderName == DueReminder ? SendDue() : Task.CompletedTask;

    private async Task<VisitorMailStatus?> Status() => await Recipient.GetMailRecipient() is { } recipient
        ? new VisitorMailStatus(recipient.Address, recipient.AddressConfirmed, recipient.Preferences.Language, recipient.Preferences.OptedOut)
        : null;

    /// <summary>
    /// Mails the watched replies whose delay has passed and the transcripts asked for, when the address is confirmed; keeps
    /// them while it is not, until <see cref="NotificationOptions.ConfirmationWait"/> has passed; drops them when there is
    /// no address any more. Then schedules what is left.
    /// </summary>
    private async Task SendDue()
    {
        var now = time.GetUtcNow();
        var delay = await Delay();
        var recipient = await Recipient.GetMailRecipient();
        var next = state.State;
        foreach (var watch in next.Watches.Where(w => w.AwaitingConfirmation || w.Since + delay <= now))
        {
            var keep = recipient is { AddressConfirmed: false } && watch.Since + delay + Options.ConfirmationWait > now;
            if (recipient is { AddressConfirmed: true })
            {
                await Outbox.Enqueue(Notification.ToVisitor(
                    Notification.IdOf(key.TenantId, key.SubjectId, watch.ConversationId.ToString("N"), "reply", Invariant(watch.FirstUnread)),
                    NotificationKind.UnseenReply,
                    key.SubjectId,
                    (NotificationValues.ConversationId, watch.ConversationId.ToString()),
                    (NotificationValues.FromSequence, Invariant(watch.FirstUnread)),
                    (NotificationValues.UpToSequence, Invariant(watch.LastUnread))));
                LogRepliesQueued(key, watch.ConversationId, watch.FirstUnread, watch.LastUnread);
            }

            next = next.WithWatch(watch.ConversationId, keep ? watch with { AwaitingConfirmation = true } : null);
        }

        foreach (var request in next.Transcripts)
        {
            if (recipient is { AddressConfirmed: true })
            {
                await QueueTranscript(request);
            }

            if (recipient is not { AddressConfirmed: false } || request.RequestedAt + Options.ConfirmationWait <= now)
            {
                next = next with { Transcripts = next.Transcripts.Remove(request) };
            }
        }

        await Save(next);
        await Schedule();
    }

    private Task QueueTranscript(TranscriptRequest request) => Outbox.Enqueue(Notification.ToVisitor(
        // One a day for the same messages: a retried request is not mailed twice, a lost mail can be asked for again tomorrow.
        Notification.IdOf(
            key.TenantId, key.SubjectId, request.ConversationId.ToString("N"), "transcript", Invariant(request.UpToSequence),
            DateOnly.FromDateTime(request.RequestedAt.UtcDateTime).ToString("O", CultureInfo.InvariantCulture)),
        NotificationKind.Transcript,
        key.SubjectId,
        (NotificationValues.ConversationId, request.ConversationId.ToString()),
        (NotificationValues.UpToSequence, Invariant(request.UpToSequence))));

    /// <summary>The tenant's delay before an unread reply is mailed.</summary>
    private async Task<TimeSpan> Delay() =>
        (await GrainFactory.GetGrain<ITenantGrain>(key.TenantId).GetSettings() ?? TenantSettings.Default).UnseenReplyMailDelay();

    /// <summary>
    /// Arms the timer for the first reply due, and keeps the reminder that stands in for it after a crash (often while a
    /// reply is watched; rarely while only confirmations are awaited; none when nothing is kept).
    /// </summary>
    private async Task Schedule()
    {
        timer?.Dispose();
        timer = null;
        var watched = state.State.Watches.Where(w => !w.AwaitingConfirmation).ToList();
        if (watched.Count > 0)
        {
            var due = watched.Min(w => w.Since) + await Delay() - time.GetUtcNow();
            timer = this.RegisterGrainTimer(
                _ => SendDue(), new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }

        TimeSpan? period = watched.Count > 0 ? Options.RetryCheckPeriod : state.State.IsEmpty() ? null : Options.ConfirmationWait;
        if (reminderKnown && period == reminderPeriod)
        {
            return;
        }

        if (period is { } every)
        {
            await this.RegisterOrUpdateReminder(DueReminder, every, every);
        }
        else if (await this.GetReminder(DueReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        (reminderKnown, reminderPeriod) = (true, period);
    }

    /// <summary>Stores <paramref name="next"/>, after recording this grain among the visitor's places; nothing at all once it is empty.</summary>
    private async Task Save(VisitorMailState next)
    {
        if (ReferenceEquals(next, state.State) || (next.IsEmpty() && state.State.IsEmpty() && !state.RecordExists))
        {
            return;
        }

        if (!placed && !next.IsEmpty())
        {
            await places.Add(key, this.GetGrainId());
            placed = true;
        }

        state.State = next;
        if (next.IsEmpty())
        {
            await state.ClearStateAsync();
        }
        else
        {
            await state.WriteStateAsync();
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Visitor {Subject} confirmed their mail address")]
    private partial void LogConfirmed(SubjectKey subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Visitor {Subject}: unread replies {From}-{UpTo} of conversation {ConversationId} queued for mail")]
    private partial void LogRepliesQueued(SubjectKey subject, Guid conversationId, long from, long upTo);
}
