using Orbitalyntra.Storage;
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
/// range of its shard's partition (<see cref="ConversationRows"/>), one row per message, which carries its sender and
/// client message id. An append adds that row in an entity-group transaction that it shares with other conversations'
/// appends to the same shard (<see cref="ShardWriter"/>), and is acknowledged only once that transaction committed
/// (docs/decisions/0019, 0021). The silo holds one log, so one writer per shard.
/// </summary>
public sealed class TableConversationLog : IConversationLog, ITenantStorage
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

    public string Name => $"table {table.Name}";

    /// <summary>Row keys start with the conversation key, so with the tenant id: a range query in each shard, once per deleted tenant.</summary>
    public async Task<int> DeleteTenant(string tenantId)
    {
        var deleted = 0;
        for (var shard = 0; shard < MessageShards.Count; shard++)
        {
            deleted += await table.DeleteWhere(TableRows.RowsStartingWith(MessageShards.PartitionOf(shard), tenantId + ":"));
        }

        return deleted;
    }

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
        switch (await writers[rows.Shard].Write(new PendingAppend(conversation, message)))
        {
            case AppendOutcome.Appended:
                return AppendResult.Appended;
            case AppendOutcome.PreviousMissing:
                return AppendResult.PreviousMissing;
        }

        // The sequence number is taken: by this very message when an earlier attempt committed but its answer was lost.
        var holder = await table.GetEntityIfExistsAsync<TableEntity>(rows.Partition, rows.MessageRowKey(message.Sequence));
        return AppendResult.Refused(message, holder.HasValue && holder.Value is { } stored ? ConversationRows.ToMessage(stored) : null);
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
                changes.Add(new(TableTransactionActionType.UpdateReplace, rows.ToEntity(message.Erased())));
                erased++;
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
        var found = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(new ConversationRows(conversation).Messages, select: ["PartitionKey", "RowKey"]))
        {
            found.Add(row);
        }

        // Oldest first (the range lists them newest first): a call that fails half-way leaves rows a retry finds and
        // deletes, and the last sequence number stays what it was meanwhile.
        found.Reverse();
        foreach (var chunk in found.Chunk(TransactionBatch.MaxEntities))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row)));
        }

        return found.Count;
    }
}
