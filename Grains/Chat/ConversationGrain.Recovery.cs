using Microsoft.Extensions.Logging;

namespace Orbitalyntra.Chat;

/// <summary>
/// What the conversation does when its log went back in time (docs/decisions/0047): an append found the message before it
/// missing, so storage lost writes it had acknowledged. The conversation writes those messages again from its memory of
/// the newest ones, in order, each again checked against the one before it, so that nobody who saw them loses them and no
/// sequence number is given twice. What its memory no longer holds is lost for good: it says so, loudly, and numbers on
/// from what the log holds.
/// </summary>
public sealed partial class ConversationGrain
{
    private async Task RestoreLostMessages()
    {
        var stored = await log.ReadLastSequence(key);
        ChatMetrics.StoreWentBack.Add(1);
        LogStoreWentBack(key, stored, lastSequence);
        if (stored < lastSequence && tail.After(stored, int.MaxValue) is { } lost)
        {
            foreach (var message in lost)
            {
                // An author erased since keeps the message's place, as erasure leaves it.
                var restored = await Keys.Seal(message)
                    ?? new StoredMessage(message.Sequence, message.ClientMessageId, message.Sender, null, message.SentAt, message.IsNote, message.File).Erased();
                if ((await log.Append(key, restored)).Outcome is not (AppendOutcome.Appended or AppendOutcome.DuplicateClientMessageId))
                {
                    // Another writer got there first, or the store went back again: the log is the truth from here.
                    break;
                }

                ChatMetrics.Restored.Add(1);
            }
        }

        var before = lastSequence;
        await LoadTail();
        if (lastSequence < before)
        {
            ChatMetrics.Lost.Add(before - lastSequence);
            LogMessagesLost(key, lastSequence + 1, before);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Conversation {Conversation}: the log holds messages up to {Stored} only, after {Acknowledged} were acknowledged; storage lost writes. Restoring what memory holds")]
    private partial void LogStoreWentBack(ConversationKey conversation, long stored, long acknowledged);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Conversation {Conversation}: acknowledged messages {First} to {Last} are lost: storage lost them and memory no longer held them")]
    private partial void LogMessagesLost(ConversationKey conversation, long first, long last);
}
