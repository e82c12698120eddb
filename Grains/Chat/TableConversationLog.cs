using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Orbitalyntra.Chat;

/// <summary>Where the conversation log lives in Azure Table storage.</summary>
public sealed class ConversationLogOptions
{
    public string TableName { get; set; } = "messages";
}

/// <summary>
/// The conversation log in one Azure Table, partitioned by <see cref="MessageShards"/>: each conversation is a row-key
/// range of its shard's partition (<see cref="ConversationRows"/>), a row per message and a row per (sender, client
/// message id) naming that message. An append adds both rows in an entity-group transaction that it shares with other
/// conversations' appends to the same shard (<see cref="ShardWriter"/>), so a message is stored with its idempotency
/// record or not at all, and is acknowledged only once that transaction committed (docs/decisions/0019). The silo holds
/// one log, so one writer per shard.
/// </summary>
public sealed class TableConversationLog : IConversationLog
{
    private readonly TableClient table;
    private readonly ShardWriter[] writers;

    public TableConversationLog(TableServiceClient tables, IOptions<ConversationLogOptions> options)
    {
        table = tables.GetTableClient(options.Value.TableName);
        writers = [.. Enumerable.Range(0, MessageShards.Count).Select(_ => new ShardWriter(table))];
    }

    /// <summary>Creates the table if it is missing; the silo calls this once while it starts.</summary>
    public Task EnsureCreated(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<long> ReadLastSequence(ConversationKey conversation)
    {
        // The newest message is the first row of the range: one request for a page of one row.
        await foreach (var row in table.QueryAsync<TableEntity>(new ConversationRows(conversation).Messages, maxPerPage: 1, select: ["RowKey"]))
        {
            return ConversationRows.SequenceOf(row.RowKey);
        }

        return 0;
    }

    public async Task<AppendResult> Append(ConversationKey conversation, StoredMessage message)
    {
        var rows = new ConversationRows(conversation);
        var messageRow = rows.MessageRowKey(message.Sequence);
        var clientIdRow = rows.ClientIdRowKey(message.Sender, message.ClientMessageId);
        var append = new PendingAppend(
            conversation,
            rows.ToEntity(messageRow, message),
            new TableEntity(rows.Partition, clientIdRow) { [ConversationRows.MessageRowKeyProperty] = messageRow });
        if (await writers[rows.Shard].Write(append))
        {
            return AppendResult.Appended;
        }

        // One of the two rows exists: the idempotency row decides, whichever of them the transaction's failure named.
        var earlier = await table.GetEntityIfExistsAsync<TableEntity>(rows.Partition, clientIdRow);
        if (earlier.HasValue && earlier.Value is { } pointer)
        {
            var stored = await table.GetEntityAsync<TableEntity>(rows.Partition, pointer.GetString(ConversationRows.MessageRowKeyProperty));
            return new AppendResult(AppendOutcome.DuplicateClientMessageId, ConversationRows.ToMessage(stored.Value));
        }

        return AppendResult.SequenceTaken;
    }

    public async Task<IReadOnlyList<StoredMessage>> ReadAfter(ConversationKey conversation, long afterSequence, int limit)
    {
        if (limit < 1 || afterSequence == long.MaxValue)
        {
            // Up to no message is none, as in the memory log; a query for pages of 0 rows never ended (seen on Azurite).
            return [];
        }

        // Sequence numbers follow each other from 1 (the grain appends the last one + 1, the memory log refuses any
        // other), so the page is the range from after + 1 to after + limit: one query of at most limit rows, newest first.
        afterSequence = Math.Max(0, afterSequence);
        var last = afterSequence > long.MaxValue - limit ? long.MaxValue : afterSequence + limit;
        var messages = new List<StoredMessage>(limit);
        await foreach (var entity in table.QueryAsync<TableEntity>(new ConversationRows(conversation).MessagesBetween(afterSequence + 1, last), maxPerPage: limit))
        {
            messages.Add(ConversationRows.ToMessage(entity));
        }

        messages.Reverse();
        return messages;
    }

    public async Task<SenderErasure> EraseSender(ConversationKey conversation, string senderId)
    {
        var rows = new ConversationRows(conversation);
        var changes = new List<TableTransactionAction>();
        var erased = 0;
        var files = new List<Guid>();
        await foreach (var entity in table.QueryAsync<TableEntity>($"{rows.Messages} and {TableClient.CreateQueryFilter($"SenderId eq {senderId}")}"))
        {
            var message = ConversationRows.ToMessage(entity);
            if (message.File is { } file)
            {
                files.Add(file.FileId);
            }

            if (message.SealedText is not null || message.ClientMessageId.Length > 0)
            {
                changes.Add(new(TableTransactionActionType.UpdateReplace, rows.ToEntity(entity.RowKey, message.Erased())));
                erased++;
            }
        }

        foreach (var role in Enum.GetValues<SenderRole>())
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(rows.ClientIdsOf(new Sender(role, senderId)), select: ["PartitionKey", "RowKey"]))
            {
                changes.Add(new(TableTransactionActionType.Delete, entity));
            }
        }

        // An entity-group transaction takes at most 100 changes; each chunk is idempotent, so a failure half-way is
        // finished by the next call.
        foreach (var chunk in changes.Chunk(TransactionBatch.MaxEntities))
        {
            await table.SubmitTransactionAsync(chunk);
        }

        return new SenderErasure(erased, files);
    }

    public async Task<IReadOnlyList<string>> ReadSenders(ConversationKey conversation)
    {
        var senders = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(new ConversationRows(conversation).Messages, select: ["SenderId"]))
        {
            senders.Add(row.GetString("SenderId"));
        }

        return [.. senders];
    }

    public async Task<int> Delete(ConversationKey conversation)
    {
        var rows = new ConversationRows(conversation);
        var found = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(rows.All, select: ["PartitionKey", "RowKey"]))
        {
            found.Add(row);
        }

        // Idempotency records first, then the messages oldest first (the range lists them newest first): a call that fails
        // half-way leaves rows a retry finds and deletes, and the last sequence number stays what it was meanwhile.
        var ordered = found.OrderBy(row => rows.IsMessage(row.RowKey)).ThenByDescending(row => row.RowKey, StringComparer.Ordinal);
        foreach (var chunk in ordered.Chunk(TransactionBatch.MaxEntities))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row)));
        }

        return found.Count(row => rows.IsMessage(row.RowKey));
    }
}
