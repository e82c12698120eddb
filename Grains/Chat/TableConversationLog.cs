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

    public async Task<AppendResult> Append(ConversationKey conversation, ChatMessage message)
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

    public async Task<IReadOnlyList<ChatMessage>> ReadAfter(ConversationKey conversation, long afterSequence, int limit)
    {
        var from = MessageRowKey(afterSequence + 1);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {conversation.ToString()} and RowKey ge {from} and RowKey lt {MessageRowKeyUpperBound}");
        var messages = new List<ChatMessage>(limit);
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

    private const string MessageRowKeyUpperBound = "m;";

    private static string MessageRowKey(long sequence) => MessagePrefix + sequence.ToString("D19", CultureInfo.InvariantCulture);

    private static long SequenceOf(string? messageRowKey) =>
        messageRowKey is null ? 0 : long.Parse(messageRowKey.AsSpan(MessagePrefix.Length), CultureInfo.InvariantCulture);

    private static string ClientIdRowKey(Sender sender, string clientMessageId) =>
        $"{ClientIdPrefix}{(int)sender.Role}:{sender.Id}:{clientMessageId}";

    private static TableEntity ToEntity(string partition, string rowKey, ChatMessage message)
    {
        var entity = new TableEntity(partition, rowKey)
        {
            [nameof(ChatMessage.ClientMessageId)] = message.ClientMessageId,
            ["SenderRole"] = (int)message.Sender.Role,
            ["SenderId"] = message.Sender.Id,
            [nameof(ChatMessage.Text)] = message.Text,
            [nameof(ChatMessage.SentAt)] = message.SentAt,
        };
        if (message.IsNote)
        {
            entity[nameof(ChatMessage.IsNote)] = true;
        }

        return entity;
    }

    private static ChatMessage ToMessage(TableEntity entity) => new(
        SequenceOf(entity.RowKey),
        entity.GetString(nameof(ChatMessage.ClientMessageId)),
        new Sender((SenderRole)entity.GetInt32("SenderRole")!.Value, entity.GetString("SenderId")),
        entity.GetString(nameof(ChatMessage.Text)),
        entity.GetDateTimeOffset(nameof(ChatMessage.SentAt))!.Value,
        entity.GetBoolean(nameof(ChatMessage.IsNote)) ?? false);
}
