using Azure.Data.Tables;

namespace Orbitalyntra.Chat;

/// <summary>
/// One conversation's append waiting for its shard's next transaction: its message row and the caller's task. That task
/// answers true once a transaction holding the row committed, false when the row existed already (nothing of the append
/// is stored; the caller finds out whose message holds it), or the failure of its transaction.
/// </summary>
internal sealed class PendingAppend
{
    // Completed by the shard's writer loop: continuations go back to their grains' schedulers, never inline on the loop.
    private readonly TaskCompletionSource<bool> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingAppend(ConversationKey conversation, TableEntity message)
    {
        Conversation = conversation;
        Action = new(TableTransactionActionType.Add, message);
        Bytes = TransactionBatch.EstimatedBytes(message);
    }

    public ConversationKey Conversation { get; }

    /// <summary>The add of the message row: action i of a transaction belongs to its append i.</summary>
    public TableTransactionAction Action { get; }

    /// <summary>An upper estimate of what the append adds to a transaction's request body.</summary>
    public int Bytes { get; }

    public Task<bool> Stored => outcome.Task;

    public void Committed() => outcome.SetResult(true);

    public void Conflicted() => outcome.SetResult(false);

    public void Failed(Exception failure) => outcome.SetException(failure);
}
