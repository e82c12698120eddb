using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Orbitalyntra.Chat;

/// <summary>Where the conversation log lives in Azure Table storage.</summary>
public sealed class ConversationLogOptions
{
    public string TableName { get; set; } = "messages";
}

/// <summary>
/// The conversation log in one Azure Table. A conversation is one partition (its <see cref="ConversationKey"/>):
/// a row per message keyed by the zero-padded sequence number, a row per (sender, client message id) naming that
/// message, and a head row naming the newest message. Appending writes those three rows in one entity-group
/// transaction, so a message is stored with its idempotency record or not at all, in one request of constant size.
/// </summary>
public sealed class TableConversationLog(TableServiceClient tables, IOptions<ConversationLogOptions> options) : IConversationLog
{
    private const string HeadRowKey = "head";
    private const string MessagePrefix = "m:";
    private const string ClientIdPrefix = "c:";
    private const string MessageRowKeyProperty = "MessageRowKey";

    private readonly TableClient table = tables.GetTableClient(options.Value.TableName);

    /// <summary>Creates the table if it is missing; the silo calls this once while it starts.</summary>
    public Task EnsureCreated(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<long> ReadLastSequence(ConversationKey conversation)
    {
        var head = await table.GetEntityIfExistsAsync<TableEntity>(conversation.ToString(), HeadRowKey);
        return head.HasValue && head.Value is { } entity ? SequenceOf(entity.GetString(MessageRowKeyProperty)) : 0;
    }

    public async Task<AppendResult> Append(ConversationKey conversation, StoredMessage message)
    {
        var partition = conversation.ToString();
        var messageRow = MessageRowKey(message.Sequence);
        var clientIdRow = ClientIdRowKey(message.Sender, message.ClientMessageId);
        TableTransactionAction[] batch =
        [
            new(TableTransactionActionType.Add, ToEntity(partition, messageRow, message)),
            new(TableTransactionActionType.Add, new TableEntity(partition, clientIdRow) { [MessageRowKeyProperty] = messageRow }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, HeadRowKey) { [MessageRowKeyProperty] = messageRow }),
        ];

        try
        {
            await table.SubmitTransactionAsync(batch);
            return AppendResult.Appended;
        }
        catch (TableTransactionFailedException failure) when (failure.Status == 409)
        {
            // Either row may be the one that exists: the idempotency row decides, whatever the emulator reports.
            var earlier = await table.GetEntityIfExistsAsync<TableEntity>(partition, clientIdRow);
            if (earlier.HasValue && earlier.Value is { } pointer)
            {
                var stored = await table.GetEntityAsync<TableEntity>(partition, pointer.GetString(MessageRowKeyProperty));
                return new AppendResult(AppendOutcome.DuplicateClientMessageId, ToMessage(stored.Value));
            }

            return AppendResult.SequenceTaken;
        }
    }

    public async Task<IReadOnlyList<StoredMessage>> ReadAfter(ConversationKey conversation, long afterSequence, int limit)
    {
        if (limit < 1)
        {
            // Up to no message is none, as in the memory log; a query for pages of 0 rows never ended (seen on Azurite).
            return [];
        }

        var from = MessageRowKey(afterSequence + 1);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {conversation.ToString()} and RowKey ge {from} and RowKey lt {MessageRowKeyUpperBound}");
        var messages = new List<StoredMessage>(limit);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: limit))
        {
            messages.Add(ToMessage(entity));
            if (messages.Count == limit)
            {
                break;
            }
        }

        return messages;
    }

    public async Task<SenderErasure> EraseSender(ConversationKey conversation, string senderId)
    {
        var partition = conversation.ToString();
        var changes = new List<TableTransactionAction>();
        var erased = 0;
        var files = new List<Guid>();
        var messages = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {MessagePrefix} and RowKey lt {MessageRowKeyUpperBound} and SenderId eq {senderId}");
        await foreach (var entity in table.QueryAsync<TableEntity>(messages))
        {
            var message = ToMessage(entity);
            if (message.File is { } file)
            {
                files.Add(file.FileId);
            }

            if (message.SealedText is not null || message.ClientMessageId.Length > 0)
            {
                changes.Add(new(TableTransactionActionType.UpdateReplace, ToEntity(partition, entity.RowKey, message.Erased())));
                erased++;
            }
        }

        foreach (var role in Enum.GetValues<SenderRole>())
        {
            var prefix = ClientIdRowKey(new Sender(role, senderId), "");
            var records = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + ";"}");
            await foreach (var entity in table.QueryAsync<TableEntity>(records, select: ["PartitionKey", "RowKey"]))
            {
                changes.Add(new(TableTransactionActionType.Delete, entity));
            }
        }

        // An entity-group transaction takes at most 100 changes; each chunk is idempotent, so a failure half-way is
        // finished by the next call.
        foreach (var chunk in changes.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk);
        }

        return new SenderErasure(erased, files);
    }

    public async Task<IReadOnlyList<string>> ReadSenders(ConversationKey conversation)
    {
        var senders = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(MessagesOf(conversation.ToString()), select: ["SenderId"]))
        {
            senders.Add(row.GetString("SenderId"));
        }

        return [.. senders];
    }

    public async Task<int> Delete(ConversationKey conversation)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == conversation.ToString(), select: ["PartitionKey", "RowKey"]))
        {
            rows.Add(row);
        }

        // Messages last and the head first to go: a call that fails half-way leaves rows a retry finds and deletes.
        foreach (var chunk in rows.OrderBy(r => r.RowKey.StartsWith(MessagePrefix, StringComparison.Ordinal)).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row)));
        }

        return rows.Count(r => r.RowKey.StartsWith(MessagePrefix, StringComparison.Ordinal));
    }

    private static string MessagesOf(string partition) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {MessagePrefix} and RowKey lt {MessageRowKeyUpperBound}");

    private const string MessageRowKeyUpperBound = "m;";
    private const string BodyProperty = "Body";
    private const string FileIdProperty = "FileId";
    private const string FileTypeProperty = "FileType";
    private const string FileSizeProperty = "FileSize";

    private static string MessageRowKey(long sequence) => MessagePrefix + sequence.ToString("D19", CultureInfo.InvariantCulture);

    private static long SequenceOf(string? messageRowKey) =>
        messageRowKey is null ? 0 : long.Parse(messageRowKey.AsSpan(MessagePrefix.Length), CultureInfo.InvariantCulture);

    private static string ClientIdRowKey(Sender sender, string clientMessageId) =>
        $"{ClientIdPrefix}{(int)sender.Role}:{sender.Id}:{clientMessageId}";

    private static TableEntity ToEntity(string partition, string rowKey, StoredMessage message)
    {
        var entity = new TableEntity(partition, rowKey)
        {
            [nameof(StoredMessage.ClientMessageId)] = message.ClientMessageId,
            ["SenderRole"] = (int)message.Sender.Role,
            ["SenderId"] = message.Sender.Id,
            [nameof(StoredMessage.SentAt)] = message.SentAt,
        };
        if (message.SealedText is not null)
        {
            entity[BodyProperty] = message.SealedText;
        }

        if (message.IsNote)
        {
            entity[nameof(StoredMessage.IsNote)] = true;
        }

        if (message.File is { } file)
        {
            entity[FileIdProperty] = file.FileId;
            entity[FileTypeProperty] = file.ContentType;
            entity[FileSizeProperty] = file.Size;
        }

        return entity;
    }

    private static StoredMessage ToMessage(TableEntity entity) => new(
        SequenceOf(entity.RowKey),
        entity.GetString(nameof(StoredMessage.ClientMessageId)) ?? "",
        new Sender((SenderRole)entity.GetInt32("SenderRole")!.Value, entity.GetString("SenderId")),
        entity.GetBinary(BodyProperty),
        entity.GetDateTimeOffset(nameof(StoredMessage.SentAt))!.Value,
        entity.GetBoolean(nameof(StoredMessage.IsNote)) ?? false,
        entity.GetGuid(FileIdProperty) is { } fileId
            ? new FileAttachment(fileId, entity.GetString(FileTypeProperty), entity.GetInt64(FileSizeProperty) ?? 0)
            : null);
}
