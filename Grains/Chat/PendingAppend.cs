using Azure;
using Azure.Data.Tables;

namespace Orbitalyntra.Chat;

/// <summary>
/// One conversation's append waiting for its shard's next transaction: the add of its message row, the check that the
/// message before it is stored, and the caller's task, which answers how the transaction went for this append.
/// </summary>
internal sealed class PendingAppend
{
    // Completed by the shard's writer loop: continuations go back to their grains' schedulers, never inline on the loop.
    private readonly TaskCompletionSource<AppendOutcome> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The append of <paramref name="message"/>: the add of its row and, after the first message, the check that the row
    /// of the message before it exists, merging nothing into it on that condition (If-Match *). Storage that went back in
    /// time and lost that row fails the append instead of letting the conversation number on past a hole
    /// (docs/decisions/0047).
    /// </summary>
    public PendingAppend(ConversationKey conversation, StoredMessage message)
    {
        var rows = new ConversationRows(conversation);
        Conversation = conversation;
        var row = rows.ToEntity(message);
        var previous = new TableEntity(rows.Partition, rows.MessageRowKey(message.Sequence - 1));
        TableTransactionAction add = new(TableTransactionActionType.Add, row);
        Actions = message.Sequence > 1 ? [add, new(TableTransactionActionType.UpdateMerge, previous, ETag.All)] : [add];
        Bytes = TransactionBatch.EstimatedBytes(row) + (message.Sequence > 1 ? TransactionBatch.EstimatedBytes(previous) : 0);
    }

    public ConversationKey Conversation { get; }

    /// <summary>The add of the message row, then the check of the previous row when there is one.</summary>
    public IReadOnlyList<TableTransactionAction> Actions { get; }

    /// <summary>An upper estimate of what the append adds to a transaction's request body.</summary>
    public int Bytes { get; }

    public Task<AppendOutcome> Stored => outcome.Task;

    public void Committed() => outcome.SetResult(AppendOutcome.Appended);

    /// <summary>The message row existed already: nothing of the append is stored; the caller finds out whose message holds it.</summary>
    public void Conflicted() => outcome.SetResult(AppendOutcome.SequenceTaken);

    /// <summary>The previous message's row is gone: nothing of the append is stored.</summary>
    public void PreviousMissing() => outcome.SetResult(AppendOutcome.PreviousMissing);

    public void Failed(Exception failure) => outcome.SetException(failure);
}
