using Azure.Data.Tables;

namespace Orbitalyntra.Chat;

/// <summary>
/// One conversation's append waiting for its shard's next transaction: its message and idempotency rows, and the
/// caller's task. That task answers true once a transaction holding both rows committed, false when one of the rows
/// existed already (nothing of the append is stored; the caller finds out which), or the failure of its transaction.
/// </summary>
internal sealed class PendingAppend
{
    /// <summary>Rows an append adds: the message and its idempotency record.</summary>
    public const int Entities = 2;

    // Completed by the shard's writer loop: continuations go back to their grains' schedulers, never inline on the loop.
    private readonly TaskCompletionSource<bool> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingAppend(ConversationKey conversation, TableEntity message, TableEntity clientId)
    {
        Conversation = conversation;
        Actions = [new(TableTransactionActionType.Add, message), new(TableTransactionActionType.Add, clientId)];
        Bytes = TransactionBatch.EstimatedBytes(message) + TransactionBatch.EstimatedBytes(clientId);
    }

    public ConversationKey Conversation { get; }

    /// <summary>The two adds, message first: action i of a transaction belongs to its append i / <see cref="Entities"/>.</summary>
    public IReadOnlyList<TableTransactionAction> Actions { get; }

    /// <summary>An upper estimate of what the append adds to a transaction's request body.</summary>
    public int Bytes { get; }

    public Task<bool> Stored => outcome.Task;

    public void Committed() => outcome.SetResult(true);

    public void Conflicted() => outcome.SetResult(false);

    public void Failed(Exception failure) => outcome.SetException(failure);
}
