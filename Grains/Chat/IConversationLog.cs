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
    /// Stores <paramref name="message"/> with its sender and client message id, one record. Refuses, storing nothing,
    /// when its sequence number is taken: as <see cref="AppendOutcome.DuplicateClientMessageId"/> with the stored message
    /// when that is this sender's message with this client message id (an earlier attempt committed but its answer was
    /// lost), otherwise as <see cref="AppendOutcome.SequenceTaken"/>; and as <see cref="AppendOutcome.PreviousMissing"/>
    /// when the message numbered one less is not stored. A client message id used at an earlier sequence
    /// number is not looked for: the grain recognises those among its recent messages (docs/decisions/0021).
    /// </summary>
    Task<AppendResult> Append(ConversationKey conversation, StoredMessage message);

    /// <summary>Up to <paramref name="limit"/> messages after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredMessage>> ReadAfter(ConversationKey conversation, long afterSequence, int limit);

    /// <summary>
    /// Erases every message of the sender with id <paramref name="senderId"/> (see <see cref="StoredMessage.Erased"/>),
    /// client message ids included; idempotent. Answers how many messages this call erased, and every file the
    /// sender ever attached here (erased before or not), whose content the caller deletes.
    /// </summary>
    Task<SenderErasure> EraseSender(ConversationKey conversation, string senderId);

    /// <summary>Everyone who wrote in the conversation, by sender id (whose records of it a purge removes first).</summary>
    Task<IReadOnlyList<string>> ReadSenders(ConversationKey conversation);

    /// <summary>
    /// Deletes every message of the conversation; idempotent, and a call after a failure
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
    public static readonly AppendResult PreviousMissing = new(AppendOutcome.PreviousMissing);

    /// <summary>The answer to an append of <paramref name="message"/> whose sequence number <paramref name="holder"/> holds.</summary>
    public static AppendResult Refused(StoredMessage message, StoredMessage? holder) =>
        holder is not null && holder.Sender == message.Sender && holder.ClientMessageId.Length > 0 && holder.ClientMessageId == message.ClientMessageId
            ? new AppendResult(AppendOutcome.DuplicateClientMessageId, holder)
            : SequenceTaken;
}

public enum AppendOutcome
{
    Appended,
    DuplicateClientMessageId,

    /// <summary>Another writer stored that sequence number first (e.g. a second activation during a failover).</summary>
    SequenceTaken,

    /// <summary>
    /// The log does not hold the message before this one: the store went back in time and lost writes it had
    /// acknowledged (an emulator killed before it saved them, a restored backup). Nothing is stored (docs/decisions/0047).
    /// </summary>
    PreviousMissing,
}
