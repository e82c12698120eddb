using Azure.Data.Tables;

namespace Orbitalyntra.Chat;

/// <summary>
/// Writes the appends of one shard partition of the messages table, many conversations' in one entity-group transaction
/// (docs/decisions/0019). No timer and no delay: an append that finds the writer idle goes at once; while a transaction
/// is in flight the next appends queue, and the next transaction takes as many as fit, so batches grow with the load
/// and with the time storage takes to answer. The loop runs only while appends wait.
/// </summary>
internal sealed class ShardWriter(TableClient table)
{
    private readonly Lock gate = new();
    private readonly List<PendingAppend> queue = [];
    private bool writing;

    /// <summary>Queues <paramref name="append"/>; its task completes when its transaction did (see <see cref="PendingAppend"/>).</summary>
    public Task<AppendOutcome> Write(PendingAppend append)
    {
        bool start;
        lock (gate)
        {
            queue.Add(append);
            start = !writing;
            writing = true;
        }

        if (start)
        {
            // On the thread pool, not on the scheduler of the grain that happened to append first: the loop serves them all.
            _ = Task.Run(WriteWhileQueued);
        }

        return append.Stored;
    }

    private async Task WriteWhileQueued()
    {
        while (true)
        {
            List<PendingAppend> batch;
            lock (gate)
            {
                batch = TransactionBatch.Take(queue);
                if (batch.Count == 0)
                {
                    writing = false;
                    return;
                }
            }

            await Commit(batch);
        }
    }

    /// <summary>
    /// Submits <paramref name="batch"/> as one transaction. A conflicting add (409) or a missing previous row (404) is named
    /// by the failure's action index: that append alone is answered so, and the others go again without it (nothing of a
    /// failed transaction is stored). Any other failure, transient ones having been retried by the SDK, is the failure of
    /// every append in it.
    /// </summary>
    private async Task Commit(List<PendingAppend> batch)
    {
        while (batch.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(batch.SelectMany(append => append.Actions));
                batch.ForEach(append => append.Committed());
                return;
            }
            catch (TableTransactionFailedException failure)
                when (failure.Status is 409 or 404 && failure.FailedTransactionActionIndex is { } action && OwnerOf(batch, action) is { } failed)
            {
                batch.Remove(failed);
                if (failure.Status == 409)
                {
                    failed.Conflicted();
                }
                else
                {
                    failed.PreviousMissing();
                }
            }
            catch (Exception failure)
            {
                batch.ForEach(append => append.Failed(failure));
                return;
            }
        }
    }

    /// <summary>The append whose actions hold action <paramref name="index"/> of the transaction, if any.</summary>
    private static PendingAppend? OwnerOf(List<PendingAppend> batch, int index)
    {
        foreach (var append in batch)
        {
            if (index < append.Actions.Count)
            {
                return append;
            }

            index -= append.Actions.Count;
        }

        return null;
    }
}
