namespace Orbitalyntra.Chat;

/// <summary>
/// One conversation between a tenant's website visitor and its agents. Keyed by <see cref="ConversationKey"/>
/// (tenant id and conversation id). Messages are acknowledged only after they are durably written to the
/// conversation's log, then published on its stream (<see cref="ChatStreams"/>). It holds its authors' personal data
/// (<see cref="Privacy.IPersonalDataHolder"/>: erasure keeps each erased message's place, without text or file; the export
/// section <c>conversations</c>) and lives as long as the tenant's conversation lifetime after its last activity
/// (<see cref="Retention.IRetentionHolder"/>: its messages, notes and files, its authors' records of it, its place in the
/// inbox and the snooze alarm and its stream's stored pub-sub state go with it).
/// </summary>
[Alias("orbitalyntra.chat.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the conversation, owned by <paramref name="visitorId"/> when a visitor starts it (only that visitor may
    /// reach it); starting it again returns it as it is. Null when the tenant does not exist.
    /// </summary>
    [Alias("Start")]
    Task<ConversationSummary?> Start(string? visitorId);

    /// <summary>
    /// Moves the conversation to another status; snoozing tells the tenant's <see cref="Desk.ISnoozeAlarmGrain"/> to open
    /// it again at the given time.
    /// Null when it has not been started; throws <see cref="ArgumentException"/> for a change <see cref="ChatRules"/> refuses.
    /// </summary>
    [Alias("SetStatus")]
    Task<ConversationSummary?> SetStatus(StatusChange change);

    /// <summary>
    /// Opens the conversation if it is snoozed until <paramref name="due"/> or earlier (the snooze alarm calls it with the
    /// time it holds); idempotent, and nothing happens for a conversation snoozed again until later or no longer snoozed.
    /// </summary>
    [Alias("Wake")]
    Task Wake(DateTimeOffset due);

    /// <summary>Tells the conversation's watchers that <paramref name="sender"/> is typing; nothing is stored.</summary>
    [Alias("Typing")]
    Task Typing(Sender sender);

    /// <summary>
    /// Tells the watchers that <paramref name="reader"/> received or read every message up to
    /// <paramref name="upToSequence"/>; false (and nothing published) when that is beyond the newest message.
    /// </summary>
    [Alias("Acknowledge")]
    Task<bool> Acknowledge(Sender reader, ReceiptKind kind, long upToSequence);

    /// <summary>The conversation without its messages; null when it has not been started.</summary>
    [Alias("GetSummary")]
    Task<ConversationSummary?> GetSummary();

    /// <summary>
    /// Stores a message durably, then publishes it. Idempotent by the sender and its client message id:
    /// a retry returns the message stored the first time.
    /// </summary>
    [Alias("Post")]
    Task<PostOutcome> Post(PostMessage message);

    /// <summary>
    /// Up to <paramref name="limit"/> messages with a sequence number above <paramref name="afterSequence"/>,
    /// oldest first (limit is clamped to 1..<see cref="ChatRules.MaxPageSize"/>). Null when the conversation has
    /// not been started.
    /// </summary>
    [Alias("ReadAfter")]
    Task<MessagePage?> ReadAfter(long afterSequence, int limit);

    /// <summary>
    /// Stores a file sent by <c>post.Sender</c> (its name as <c>post.Text</c>) sealed with the sender's key, then posts it
    /// as a message carrying a <see cref="FileAttachment"/>; idempotent by sender and client message id, like
    /// <see cref="Post"/>. Rejected when the file breaks a rule of <see cref="FileRules"/>.
    /// </summary>
    [Alias("PostFile")]
    Task<PostOutcome> PostFile(PostMessage post, string contentType, byte[] content);

    /// <summary>
    /// The file sent as message <paramref name="sequence"/>; null when there is none, it was erased, or it was sent
    /// as a private note and <paramref name="seesNotes"/> is false.
    /// </summary>
    [Alias("ReadFile")]
    Task<FileContent?> ReadFile(long sequence, bool seesNotes);

    /// <summary>
    /// What follows a visitor's message once it is acknowledged: the conversation calls it on itself, one way, so the
    /// visitor's answer never waits for it. A further message of a conversation waiting with the assistant hands it off
    /// to the inbox; a question may get the FAQ assistant's suggestions (docs/decisions/0025), posted once per question
    /// (client message id <c>assistant-{sequence}</c>). Idempotent.
    /// </summary>
    [Alias("FollowVisitorMessage"), Orleans.Concurrency.OneWay]
    Task FollowVisitorMessage(long sequence);

    /// <summary>
    /// What follows an agent's reply once it is acknowledged, called by the conversation on itself, one way: a visitor who
    /// asked for mail has the reply watched, and mailed if they do not read it in time (docs/decisions/0027). Nothing is
    /// told about a visitor who did not ask for mail.
    /// </summary>
    [Alias("FollowAgentReply"), Orleans.Concurrency.OneWay]
    Task FollowAgentReply(long sequence, DateTimeOffset sentAt);

    /// <summary>What follows the visitor's read receipt, called by the conversation on itself, one way: those replies are not mailed.</summary>
    [Alias("FollowVisitorRead"), Orleans.Concurrency.OneWay]
    Task FollowVisitorRead(long upToSequence);

    /// <summary>
    /// The visitor says the assistant's suggestions answered the question: the conversation is resolved as deflected,
    /// counted once however often this is called.
    /// </summary>
    [Alias("ConfirmAnswered")]
    Task<AssistantAnswer> ConfirmAnswered(Sender visitor);

    /// <summary>
    /// The visitor asks for a person after the assistant's suggestions: the conversation goes to the inbox with the
    /// normal routing (once; calling again changes nothing), and opens again if it was resolved.
    /// </summary>
    [Alias("HandOff")]
    Task<AssistantAnswer> HandOff(Sender visitor);

    /// <summary>The visitor opened <paramref name="articleId"/>, one of the articles the assistant suggested here: counted as opened.</summary>
    [Alias("OpenedSuggestion")]
    Task<AssistantAnswer> OpenedSuggestion(Sender visitor, Guid articleId);
}

/// <summary>What became of a visitor's answer to the assistant.</summary>
public enum AssistantAnswer
{
    /// <summary>Taken (or taken before: nothing counted twice).</summary>
    Done = 1,

    /// <summary>The conversation has not been started, or the sender is not its visitor.</summary>
    ConversationNotFound = 2,

    /// <summary>The assistant has suggested nothing in this conversation.</summary>
    NothingSuggested = 3,
}
