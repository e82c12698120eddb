using Azure.Data.Tables;

namespace Orbitalyntra.Chat;

/// <summary>What one entity-group transaction of a shard takes from the shard's queue.</summary>
internal static class TransactionBatch
{
    /// <summary>
    /// Azure's limit of entities per entity-group transaction: an append adds its row and checks the previous one, so a
    /// transaction carries up to 50 appends.
    /// </summary>
    public const int MaxEntities = 100;

    /// <summary>
    /// Azure's limit of a transaction's request body is 4 MiB; the margin covers the multipart framing the estimates
    /// leave out.
    /// </summary>
    public const int MaxBytes = (4 * 1024 * 1024) - (256 * 1024);

    // A changeset part's own headers (method, the entity's URL with its keys, content type) and the JSON braces.
    private const int EntityFraming = 1024;

    /// <summary>
    /// Removes from the head of <paramref name="queue"/> the appends of the next transaction, in order, as many as fit in
    /// <see cref="MaxEntities"/> actions and <see cref="MaxBytes"/>. At most one append per conversation: two would touch the same
    /// rows when they compete for a sequence number, which fails the whole transaction; the later one waits for the next.
    /// The first append always goes, whatever its size, so that the service answers for it rather than the queue stalling.
    /// </summary>
    public static List<PendingAppend> Take(List<PendingAppend> queue)
    {
        var batch = new List<PendingAppend>();
        var conversations = new HashSet<ConversationKey>();
        var bytes = 0;
        var entities = 0;
        for (var i = 0; i < queue.Count; i++)
        {
            var append = queue[i];
            if (conversations.Contains(append.Conversation))
            {
                continue;
            }

            if (entities + append.Actions.Count > MaxEntities || (batch.Count > 0 && bytes + append.Bytes > MaxBytes))
            {
                break;
            }

            conversations.Add(append.Conversation);
            batch.Add(append);
            bytes += append.Bytes;
            entities += append.Actions.Count;
            queue.RemoveAt(i--);
        }

        return batch;
    }

    /// <summary>
    /// An upper estimate of an entity's share of a transaction's body in JSON: binary as base64, strings as if every
    /// character were escaped, any other value as a generous constant, each property with its type annotation.
    /// </summary>
    public static int EstimatedBytes(TableEntity entity) => EntityFraming + entity.Sum(property => (2 * property.Key.Length) + 32 + property.Value switch
    {
        byte[] binary => (binary.Length + 2) / 3 * 4,
        string text => 6 * text.Length,
        _ => 64,
    });
}
