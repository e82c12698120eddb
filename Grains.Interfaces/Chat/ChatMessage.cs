namespace Orbitalyntra.Chat;

/// <summary>Who wrote a message: the website visitor, one of the tenant's agents, or the FAQ assistant.</summary>
public enum SenderRole
{
    /// <summary>The visitor on the tenant's website.</summary>
    Visitor = 1,

    /// <summary>An agent of the tenant.</summary>
    Agent = 2,

    /// <summary>
    /// The FAQ assistant: the conversation itself, suggesting the tenant's articles (docs/decisions/0025). Nobody else
    /// posts as it.
    /// </summary>
    Assistant = 3,
}

/// <summary>The author of a message, by opaque id (never a name or an e-mail).</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.sender")]
public sealed record Sender([property: Id(0)] SenderRole Role, [property: Id(1)] string Id);

/// <summary>A message as durably stored in a conversation's log.</summary>
/// <param name="Sequence">Position in the conversation, starting at 1, without gaps.</param>
/// <param name="ClientMessageId">
/// The id the sender chose; a retry with the same id stores nothing new while fewer than 100 messages followed it
/// (docs/decisions/0021).
/// </param>
/// <param name="Sender">The author.</param>
/// <param name="Text">The message text.</param>
/// <param name="SentAt">When the conversation accepted the message.</param>
/// <param name="IsNote">A private note of the tenant's staff: never sent or shown to the visitor.</param>
/// <param name="Erased">
/// The author's data was erased: the text (and client message id) are gone for good, the place in the sequence stays.
/// </param>
/// <param name="File">A file sent as this message (the text is its name); download it by the message's sequence number.</param>
/// <param name="Suggestions">The articles an assistant's message suggests (its text says the same to a person).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.message")]
public sealed record ChatMessage(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string ClientMessageId,
    [property: Id(2)] Sender Sender,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset SentAt,
    [property: Id(5)] bool IsNote = false,
    [property: Id(6)] bool Erased = false,
    [property: Id(7)] FileAttachment? File = null,
    [property: Id(8)] IReadOnlyList<Faq.FaqSuggestion>? Suggestions = null);

/// <summary>A request to add a message to a conversation.</summary>
/// <param name="ClientMessageId">The sender's id for it, for idempotent retries.</param>
/// <param name="Sender">The author.</param>
/// <param name="Text">The text.</param>
/// <param name="IsNote">A private note of the staff, which visitors never receive.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.post-message")]
public sealed record PostMessage(
    [property: Id(0)] string ClientMessageId,
    [property: Id(1)] Sender Sender,
    [property: Id(2)] string Text,
    [property: Id(3)] bool IsNote = false);

/// <summary>What became of a <see cref="PostMessage"/>.</summary>
public enum PostStatus
{
    /// <summary>The message was new and is now durably stored.</summary>
    Stored = 1,

    /// <summary>The sender had already posted this client message id; the stored message is returned.</summary>
    AlreadyStored = 2,

    /// <summary>The conversation has not been started.</summary>
    ConversationNotFound = 3,

    /// <summary>The message breaks a rule of <see cref="ChatRules"/>; nothing was stored.</summary>
    Rejected = 4,

    /// <summary>Another writer kept taking the next sequence number (a failover in progress); nothing was stored, retry.</summary>
    Busy = 5,

    /// <summary>The sender went over a limit of <see cref="Quotas.QuotaLimits"/>; nothing was stored, the same post may succeed after the refusal's wait.</summary>
    TooMany = 6,
}

/// <summary>The answer to a <see cref="PostMessage"/>.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.post-outcome")]
public sealed record PostOutcome(
    [property: Id(0)] PostStatus Status,
    [property: Id(1)] ChatMessage? Message,
    [property: Id(2)] string? Error = null,
    [property: Id(3)] Quotas.QuotaRefusal? Quota = null);

/// <summary>A page of a conversation's history, in sequence order.</summary>
/// <param name="Messages">Messages after the requested sequence number, oldest first.</param>
/// <param name="LastSequence">The sequence number of the newest message in the conversation (0 when empty).</param>
/// <param name="NextAfter">Where the next page starts: the last sequence number this page covered, shown or not.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.message-page")]
public sealed record MessagePage(
    [property: Id(0)] IReadOnlyList<ChatMessage> Messages,
    [property: Id(1)] long LastSequence,
    [property: Id(2)] long NextAfter)
{
    /// <summary>This page as a visitor sees it: without the staff's private notes, its cursor unchanged.</summary>
    public MessagePage WithoutNotes() => Messages.Any(m => m.IsNote) ? this with { Messages = Messages.Where(m => !m.IsNote).ToList() } : this;
}

/// <summary>What a conversation is, without its messages.</summary>
/// <param name="TenantId">The conversation's tenant.</param>
/// <param name="ConversationId">The conversation's id.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="LastSequence">The sequence number of its newest message (0 when empty).</param>
/// <param name="VisitorId">The visitor who started it and alone may reach it, if a visitor started it.</param>
/// <param name="Status">Where it stands in the support desk.</param>
/// <param name="SnoozedUntil">When a snoozed conversation opens again by itself.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.conversation-summary")]
public sealed record ConversationSummary(
    [property: Id(0)] string TenantId,
    [property: Id(1)] Guid ConversationId,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] long LastSequence,
    [property: Id(4)] string? VisitorId = null,
    [property: Id(5)] ConversationStatus Status = ConversationStatus.Open,
    [property: Id(6)] DateTimeOffset? SnoozedUntil = null);

/// <summary>Where a conversation stands in the support desk.</summary>
public enum ConversationStatus
{
    /// <summary>Waiting for, or being handled by, an agent.</summary>
    Open = 1,

    /// <summary>Waiting for the visitor or a third party.</summary>
    Pending = 2,

    /// <summary>Done.</summary>
    Resolved = 3,

    /// <summary>Set aside until a given time, when it opens again by itself.</summary>
    Snoozed = 4,
}

/// <summary>A change of status; <paramref name="SnoozeUntil"/> is required for, and only for, <see cref="ConversationStatus.Snoozed"/>.</summary>
/// <param name="Status">The new status.</param>
/// <param name="SnoozeUntil">When a snoozed conversation opens again: in the future, at most <see cref="ChatRules.MaxSnooze"/> away.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.status-change")]
public sealed record StatusChange([property: Id(0)] ConversationStatus Status, [property: Id(1)] DateTimeOffset? SnoozeUntil = null);
