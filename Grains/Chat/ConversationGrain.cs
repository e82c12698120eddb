using Microsoft.Extensions.Logging;
using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;
using Orleans.Streams;

namespace Orbitalyntra.Chat;

[GrainType("conversation")]
public sealed partial class ConversationGrain(
    [PersistentState("conversation")] IPersistentState<ConversationState> state,
    IConversationLog log,
    IFileStore files,
    ISubjectPlaces subjectPlaces,
    IRetentionIndex retention,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain, IPersonalDataHolder, IRetentionHolder
{
    /// <summary>What a purge report counts of conversations.</summary>
    public static readonly string[] PurgeCounters = [ConversationsCounter, MessagesCounter, FilesCounter];

    private const string ConversationsCounter = "conversations";
    private const string MessagesCounter = "messages";
    private const string FilesCounter = "files";

    /// <summary>
    /// How many of the newest messages the grain keeps, for reads and to recognise a retried post by its client message
    /// id: a retry is recognised while fewer than this many messages were stored after its original (docs/decisions/0021).
    /// </summary>
    private const int TailCapacity = 100;
    private const int MaxAppendAttempts = 3;

    private readonly RecentMessages tail = new(TailCapacity);
    private ConversationKey key;
    private long lastSequence;
    private IAsyncStream<ChannelEvent> channel = null!;
    private AuthorKeys? authorKeys;
    private DateOnly activeDayRecorded;

    private bool Started => state.RecordExists;

    // Made on first use: an idle activation holds no keys, and memory per idle activation bounds a silo.
    private AuthorKeys Keys => authorKeys ??= new AuthorKeys(key, this.GetGrainId(), GrainFactory, subjectPlaces);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = ConversationKey.Parse(this.GetPrimaryKeyString());
        channel = this.GetStreamProvider(ChatStreams.Provider).GetStream<ChannelEvent>(ChatStreams.ForChannelOf(key));
        if (Started)
        {
            await LoadTail();
            AnnounceStored(lastSequence);
            await HandOverWebhookEvents();
        }

        // Counted once activated, so that an activation that failed is never counted down by a deactivation it never had.
        ChatMetrics.ActiveConversations.Add(1);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ChatMetrics.ActiveConversations.Add(-1);
        return Task.CompletedTask;
    }

    async Task<ConversationSummary?> IConversationGrain.Start(string? visitorId)
    {
        if (!Started)
        {
            if (await GrainFactory.GetGrain<ITenantGrain>(key.TenantId).GetProfile() is null)
            {
                return null;
            }

            var now = time.GetUtcNow();
            await RecordActivity(now);
            state.State = await WithWebhookEvent(new ConversationState(now, visitorId), Integrations.WebhookEvents.ConversationCreated, $"created_{key.ConversationId:N}", now, new
            {
                conversationId = key.ConversationId,
                visitorId,
                startedAt = now,
            });
            await state.WriteStateAsync();
            await HandOverWebhookEvents();
            LogStarted(key);
            await CountStarted(visitorId);
            if (visitorId is not null)
            {
                await Inbox.Enqueue(key.ConversationId);
            }
        }

        return Summary();
    }

    async Task<ConversationSummary?> IConversationGrain.SetStatus(StatusChange change)
    {
        if (!Started)
        {
            return null;
        }

        if (ChatRules.Check(change, time.GetUtcNow()) is { } problem)
        {
            throw new ArgumentException(problem, nameof(change));
        }

        // The alarm is set before the snooze is stored and cleared after it is lifted: a wake-up that finds the
        // conversation not snoozed (any more, or yet) does nothing, while a snooze without its alarm would never end.
        var now = time.GetUtcNow();
        await RecordActivity(now);
        var wasSnoozed = state.State.SnoozedUntil is not null;
        if (change.SnoozeUntil is { } until)
        {
            await SnoozeAlarm.Set(key.ConversationId, until);
        }

        state.State = await WithStatusEvent(state.State with { Status = change.Status, SnoozedUntil = change.SnoozeUntil, StatusChangedAt = now }, now);
        await state.WriteStateAsync();
        await HandOverWebhookEvents();
        if (change.SnoozeUntil is null && wasSnoozed)
        {
            await SnoozeAlarm.Clear(key.ConversationId);
        }

        LogStatusChanged(key, change.Status);
        await Route(change.Status);
        await CountResolution(change.Status);
        return Summary();
    }

    async Task IConversationGrain.Wake(DateTimeOffset due)
    {
        if (state.State is { Status: ConversationStatus.Snoozed, SnoozedUntil: { } until } && until <= due)
        {
            var now = time.GetUtcNow();
            state.State = await WithStatusEvent(state.State with { Status = ConversationStatus.Open, SnoozedUntil = null }, now);
            await state.WriteStateAsync();
            await HandOverWebhookEvents();
            LogStatusChanged(key, ConversationStatus.Open);
            await Route(ConversationStatus.Open);
        }
    }

    /// <summary>Tells the conversation's watchers, through its channel's stream (docs/decisions/0020).</summary>
    private Task Publish(ConversationEvent news) => channel.OnNextAsync(new ChannelEvent(key, news));

    private Desk.ISnoozeAlarmGrain SnoozeAlarm => GrainFactory.GetGrain<Desk.ISnoozeAlarmGrain>(key.TenantId);

    Task IConversationGrain.Typing(Sender sender) => Started ? Publish(new ParticipantTyping(sender)) : Task.CompletedTask;

    async Task<bool> IConversationGrain.Acknowledge(Sender reader, ReceiptKind kind, long upToSequence)
    {
        if (!Started || upToSequence < 1 || upToSequence > lastSequence || !Enum.IsDefined(kind))
        {
            return false;
        }

        await Publish(new MessagesAcknowledged(reader, kind, upToSequence));
        FollowVisitorRead(reader, kind, upToSequence);
        return true;
    }

    Task<ConversationSummary?> IConversationGrain.GetSummary() => Task.FromResult(Started ? Summary() : null);

    Task<PostOutcome> IConversationGrain.Post(PostMessage post) => Append(post, file: null);

    async Task<PostOutcome> IConversationGrain.PostFile(PostMessage post, string contentType, byte[] content)
    {
        if (FileRules.Problem(post.Text, contentType, content) is { } problem)
        {
            return new PostOutcome(PostStatus.Rejected, null, problem);
        }

        if (!Started || ChatRules.Check(post).Count > 0 || tail.Find(post.Sender, post.ClientMessageId) is not null)
        {
            return await Append(post, file: null);
        }

        if (await Admit(post, content.Length) is { } refusal)
        {
            return TooMany(refusal);
        }

        var file = new FileAttachment(Guid.NewGuid(), contentType, content.Length);
        if (await Keys.KeyToSeal(post.Sender.Id) is not { } sealingKey)
        {
            return ErasedAuthor;
        }

        await files.Write(FileName(file.FileId), Sealing.Seal(sealingKey, content, FileContext(file.FileId)));
        var outcome = await Append(post, file);
        if (outcome.Message?.File?.FileId != file.FileId)
        {
            // A retry of a file stored before, or a post refused: this copy is not referenced by any message.
            await files.Delete(FileName(file.FileId));
        }

        return outcome;
    }

    async Task<FileContent?> IConversationGrain.ReadFile(long sequence, bool seesNotes)
    {
        if (!Started || sequence < 1 || sequence > lastSequence)
        {
            return null;
        }

        var message = (tail.After(sequence - 1, 1) ?? await Keys.Open(await log.ReadAfter(key, sequence - 1, 1))).FirstOrDefault();
        return message is not null && message.Sequence == sequence && (!message.IsNote || seesNotes) ? await FileOf(message) : null;
    }

    /// <summary>The file sent as <paramref name="message"/>, opened; null when there is none or it was erased.</summary>
    private async Task<FileContent?> FileOf(ChatMessage message)
    {
        if (message is not { File: { } file, Erased: false })
        {
            return null;
        }

        var sealedContent = await files.Read(FileName(file.FileId));
        var openingKey = await Keys.KeyToRead(message.Sender.Id);
        return sealedContent is null || openingKey is null
            ? null
            : new FileContent(message.Text, file.ContentType, Sealing.Open(openingKey, sealedContent, FileContext(file.FileId)));
    }

    private static readonly PostOutcome ErasedAuthor =
        new(PostStatus.Rejected, null, "This person's data has been erased; they cannot write here again under the same identity.");

    private string FilePrefix => $"{key.TenantId}/{key.ConversationId:N}/";

    private string FileName(Guid fileId) => FilePrefix + fileId.ToString("N");

    private string FileContext(Guid fileId) => $"{key}/file/{fileId:N}";

    /// <param name="post">What to store.</param>
    /// <param name="file">The file it carries, stored already.</param>
    /// <param name="suggestions">The assistant's suggestions, for the assistant's own post alone (which callers may not make).</param>
    private async Task<PostOutcome> Append(PostMessage post, FileAttachment? file, IReadOnlyList<Faq.FaqSuggestion>? suggestions = null)
    {
        if (!Started)
        {
            return new PostOutcome(PostStatus.ConversationNotFound, null);
        }

        var problems = suggestions is null ? ChatRules.Check(post) : new Dictionary<string, string[]>();
        if (problems.Count > 0)
        {
            return new PostOutcome(PostStatus.Rejected, null, string.Join(" ", problems.Values.SelectMany(p => p)));
        }

        if (tail.Find(post.Sender, post.ClientMessageId) is { } recent)
        {
            return await Republish(recent);
        }

        // A file's post was counted with its file, before the file was stored; the assistant's posts are not counted.
        if (file is null && suggestions is null && await Admit(post, fileBytes: null) is { } refusal)
        {
            return TooMany(refusal);
        }

        // One clock reading for the activity day and the message: the index entry and the stored time agree at midnight.
        var now = time.GetUtcNow();
        await RecordActivity(now);
        for (var attempt = 1; attempt <= MaxAppendAttempts; attempt++)
        {
            var message = new ChatMessage(lastSequence + 1, post.ClientMessageId, post.Sender, post.Text, now, post.IsNote, File: file, Suggestions: suggestions);
            if (await Keys.Seal(message) is not { } sealedMessage)
            {
                return ErasedAuthor;
            }

            var result = await log.Append(key, sealedMessage);
            switch (result.Outcome)
            {
                case AppendOutcome.Appended:
                    lastSequence = message.Sequence;
                    tail.Add(message);
                    ChatMetrics.Acknowledged.Add(1);
                    await Publish(new MessageAdded(message));
                    await CountFirstResponse(message);
                    FollowUp(message);
                    FollowAgentReply(message);
                    AnnounceStored(message.Sequence, message);
                    return new PostOutcome(PostStatus.Stored, message);
                case AppendOutcome.DuplicateClientMessageId:
                    if (result.Existing!.Sequence > lastSequence)
                    {
                        // Our own write committed but its answer was lost (the SDK retried it): catch up with the log.
                        await LoadTail();
                    }

                    return await Republish(await Keys.Open(result.Existing));
                case AppendOutcome.PreviousMissing:
                    await RestoreLostMessages();
                    break;
                case AppendOutcome.SequenceTaken:
                    LogSequenceTaken(key, message.Sequence);
                    await LoadTail();
                    if (tail.Find(post.Sender, post.ClientMessageId) is { } stored)
                    {
                        // Another activation (during a failover) stored this post, and its answer never came back.
                        return await Republish(stored);
                    }

                    break;
            }
        }

        LogAppendGaveUp(key, MaxAppendAttempts);
        return new PostOutcome(PostStatus.Busy, null, "The conversation is busy moving between servers; retry with the same client message id.");
    }

    async Task<MessagePage?> IConversationGrain.ReadAfter(long afterSequence, int limit)
    {
        if (!Started)
        {
            return null;
        }

        afterSequence = Math.Max(0, afterSequence);
        var messages = await Page(afterSequence, Math.Clamp(limit, 1, ChatRules.MaxPageSize));
        return new MessagePage(messages, lastSequence, messages.Count > 0 ? messages[^1].Sequence : afterSequence);
    }

    /// <summary>Up to <paramref name="limit"/> messages after <paramref name="afterSequence"/>, from the tail when it holds them.</summary>
    private async Task<IReadOnlyList<ChatMessage>> Page(long afterSequence, int limit) => afterSequence >= lastSequence
        ? []
        : tail.After(afterSequence, limit) ?? await Keys.Open(await log.ReadAfter(key, afterSequence, limit));

    /// <summary>
    /// A retried post returns what was stored and publishes it again: the first publish may be what failed, and
    /// receivers drop what they have already seen by sequence number.
    /// </summary>
    private async Task<PostOutcome> Republish(ChatMessage stored)
    {
        await Publish(new MessageAdded(stored));
        return new PostOutcome(PostStatus.AlreadyStored, stored);
    }

    private async Task LoadTail()
    {
        lastSequence = await log.ReadLastSequence(key);
        var from = Math.Max(0, lastSequence - TailCapacity);
        tail.Reset(lastSequence == 0 ? [] : await Keys.Open(await log.ReadAfter(key, from, TailCapacity)));
    }

    /// <summary>
    /// Erases what the subject wrote here: each of their messages keeps its place in the sequence, marked erased, without
    /// text, client message id or file; other participants' messages stay.
    /// </summary>
    async Task IPersonalDataHolder.EraseSubject(SubjectKey subject)
    {
        var erasure = await log.EraseSender(key, subject.SubjectId);
        foreach (var fileId in erasure.Files)
        {
            await files.Delete(FileName(fileId));
        }

        Keys.Forget(subject.SubjectId);
        if (Started)
        {
            await LoadTail();
        }

        LogSubjectErased(key, erasure.Erased);
    }

    /// <summary>
    /// The conversation as the subject may see it: for its visitor, staff notes left out; for staff, their own messages
    /// only; the subject's own files with their content.
    /// </summary>
    async Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject)
    {
        if (!Started)
        {
            return [];
        }

        // The staff who wrote here get their own messages only: the rest is the visitor's and colleagues' (decision 0034).
        var staff = state.State.VisitorId != subject.SubjectId;
        var messages = new List<ExportedMessage>();
        for (var after = 0L; after < lastSequence;)
        {
            var page = await Page(after, ChatRules.MaxPageSize);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var message in page.Where(m => m.Sender.Id == subject.SubjectId || (!staff && !m.IsNote)))
            {
                var byYou = message.Sender.Id == subject.SubjectId;
                var file = message.File is { } attachment
                    ? new ExportedFile(attachment.ContentType, attachment.Size, byYou && await FileOf(message) is { } content ? Convert.ToBase64String(content.Content) : null)
                    : null;
                messages.Add(new ExportedMessage(message.Sequence, message.SentAt, message.Sender.Role, byYou, message.Text, message.Erased, file));
            }

            after = page[^1].Sequence;
        }

        var conversation = new ExportedConversation(key.ConversationId, state.State.StartedAt, state.State.Status, messages);
        return [ExportItem.Of(ExportedConversation.Section, conversation.StartedAt, conversation)];
    }

    /// <summary>
    /// Puts today in the retention index before anything of today is stored (once a day per activation), so that a purge
    /// finds the conversation in the bucket of its last active day.
    /// </summary>
    private async Task RecordActivity(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != activeDayRecorded)
        {
            await retention.Touch(key.TenantId, today, this.GetGrainId(), [RetentionKind.Conversation]);
            activeDayRecorded = today;
        }
    }

    private DateTimeOffset LastActivity =>
        new[] { state.State.StartedAt, state.State.StatusChangedAt ?? default, tail.Newest?.SentAt ?? default }.Max();

    /// <summary>
    /// Deletes the conversation once its conversation lifetime has passed since its last activity: its messages, notes and
    /// files, its authors' records of it, its place in the inbox and the snooze alarm, then its state.
    /// </summary>
    async Task<PurgeOutcome> IRetentionHolder.Purge(RetentionPolicy policy, DateTimeOffset now)
    {
        if (Started && LastActivity >= now - policy.LifetimeOf(RetentionKind.Conversation))
        {
            return PurgeOutcome.Kept;
        }

        // Each author's record of this place goes first, while the log still names them: a purge that fails half-way
        // leaves rows that the retry finds, never a log without its authors' records.
        foreach (var author in (await log.ReadSenders(key)).Append(state.State?.VisitorId).OfType<string>().Distinct().Where(a => a != AssistantSender.Id))
        {
            await subjectPlaces.Remove(new SubjectKey(key.TenantId, author), this.GetGrainId());
        }

        var deletedFiles = await files.DeleteAll(FilePrefix);
        var deletedMessages = await log.Delete(key);
        await Inbox.Release(key.ConversationId);
        await SnoozeAlarm.Clear(key.ConversationId);

        var existed = Started || deletedMessages > 0 || deletedFiles > 0;
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        lastSequence = 0;
        tail.Reset([]);
        authorKeys = null;
        answered = false;
        this.DeactivateOnIdle();
        LogPurged(key, deletedMessages, deletedFiles);
        return existed
            ? PurgeOutcome.Deleted(new PurgeCount(ConversationsCounter, 1), new PurgeCount(MessagesCounter, deletedMessages), new PurgeCount(FilesCounter, deletedFiles))
            : PurgeOutcome.Gone;
    }

    private Desk.IInboxGrain Inbox => GrainFactory.GetGrain<Desk.IInboxGrain>(key.TenantId);

    /// <summary>A resolved conversation leaves the inbox; an open one goes (back) into it. The inbox never calls back.</summary>
    private Task Route(ConversationStatus status) => status switch
    {
        ConversationStatus.Resolved => Inbox.Release(key.ConversationId),
        ConversationStatus.Open => Inbox.Enqueue(key.ConversationId),
        _ => Task.CompletedTask,
    };

    private ConversationSummary Summary() =>
        new(key.TenantId, key.ConversationId, state.State.StartedAt, lastSequence, state.State.VisitorId, state.State.Status, state.State.SnoozedUntil);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {Conversation} is now {Status}")]
    private partial void LogStatusChanged(ConversationKey conversation, ConversationStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {Conversation}: a data subject's {Count} messages erased")]
    private partial void LogSubjectErased(ConversationKey conversation, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {Conversation} purged after its retention period: {Messages} messages, {Files} files")]
    private partial void LogPurged(ConversationKey conversation, int messages, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {Conversation} started")]
    private partial void LogStarted(ConversationKey conversation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {Conversation}: gave up appending after {Attempts} sequence conflicts")]
    private partial void LogAppendGaveUp(ConversationKey conversation, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {Conversation}: sequence {Sequence} was taken by another writer; reloading")]
    private partial void LogSequenceTaken(ConversationKey conversation, long sequence);
}
