namespace Orbitalyntra.Chat;

/// <summary>
/// The durable, append-only history of conversations, kept outside grain state so that storing a message costs
/// the same whatever the conversation's length.
/// </summary>
public interface IConversationLog
{
    /// <summary>The sequence number of the newest stored message, 0 when there is none.</summary>
    Task<long> ReadLastSequence(ConversationKey conversation);

    /// <summary>
    /// Stores <paramref name="message"/> atomically with its idempotency record. Refuses, storing nothing, when the
    /// sender already used the client message id or when the sequence number is already taken.
    /// </summary>
    Task<AppendResult> Append(ConversationKey conversation, StoredMessage message);

    /// <summary>Up to <paramref name="limit"/> messages after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredMessage>> ReadAfter(ConversationKey conversation, long afterSequence, int limit);

    /// <summary>
    /// Erases every message of the sender with id <paramref name="senderId"/> (see <see cref="StoredMessage.Erased"/>)
    /// and their idempotency records; idempotent. Answers how many messages this call erased, and every file the
    /// sender ever attached here (erased before or not), whose content the caller deletes.
    /// </summary>
    Task<SenderErasure> EraseSender(ConversationKey conversation, string senderId);

    /// <summary>Everyone who wrote in the conversation, by sender id (whose records of it a purge removes first).</summary>
    Task<IReadOnlyList<string>> ReadSenders(ConversationKey conversation);

    /// <summary>
    /// Deletes the whole conversation: messages and idempotency records; idempotent, and a call after a failure
    /// half-way finishes the work. Answers how many messages this call deleted.
    /// </summary>
    Task<int> Delete(ConversationKey conversation);
}

/// <summary>What <see cref="IConversationLog.EraseSender"/> did, and the files whose content is left to delete.</summary>
public sealed record SenderErasure(int Erased, IReadOnlyList<Guid> Files);

/// <summary>What <see cref="IConversationLog.Append"/> did.</summary>
/// <param name="Outcome">Whether the message was stored.</param>
/// <param name="Existing">For <see cref="AppendOutcome.DuplicateClientMessageId"/>: the message stored before.</param>
public sealed record AppendResult(AppendOutcome Outcome, StoredMessage? Existing = null)
{
    public static readonly AppendResult Appended = new(AppendOutcome.Appended);
    public static readonly AppendResult SequenceTaken = new(AppendOutcome.SequenceTaken);
}

public enum AppendOutcome
{
    Appended,
    DuplicateClientMessageId,

    /// <summary>Another writer stored that sequence number first (e.g. a second activation during a failover).</summary>
    SequenceTaken,
}
