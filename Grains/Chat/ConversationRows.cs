using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Orbitalyntra.Faq;

namespace Orbitalyntra.Chat;

/// <summary>
/// Where one conversation's rows lie in the messages table: in its shard's partition (<see cref="MessageShards"/>), one
/// row per message keyed <c>{conversation key}|m:{long.MaxValue − sequence, 19 digits}</c>, so the conversation is one
/// contiguous row-key range. Inverted, so the range lists the newest first and its first row answers the last sequence
/// number: no head row to write with every message. The row carries its sender and client message id, which is all the
/// idempotency record there is (docs/decisions/0021). Conversation keys hold no <c>|</c> (tenant ids are slugs,
/// conversation ids hex), so no conversation's range holds another's rows.
/// </summary>
internal sealed class ConversationRows(ConversationKey conversation)
{
    private const int SequenceDigits = 19;
    private const string BodyProperty = "Body";
    private const string FileIdProperty = "FileId";
    private const string FileTypeProperty = "FileType";
    private const string FileSizeProperty = "FileSize";
    private const string SuggestionsProperty = "Suggestions";

    private readonly string messagePrefix = conversation + "|m:";

    public int Shard { get; } = MessageShards.ShardOf(conversation);

    public string Partition => MessageShards.PartitionOf(Shard);

    /// <summary>Every message of the conversation, newest first.</summary>
    public string Messages => Range(messagePrefix);

    /// <summary>The messages numbered <paramref name="first"/> to <paramref name="last"/>, newest first.</summary>
    public string MessagesBetween(long first, long last) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {Partition} and RowKey ge {MessageRowKey(last)} and RowKey le {MessageRowKey(first)}");

    public string MessageRowKey(long sequence) =>
        messagePrefix + (long.MaxValue - sequence).ToString("D" + SequenceDigits, CultureInfo.InvariantCulture);

    public static long SequenceOf(string messageRowKey) =>
        long.MaxValue - long.Parse(messageRowKey.AsSpan(messageRowKey.Length - SequenceDigits), CultureInfo.InvariantCulture);

    /// <summary>Row keys from <paramref name="start"/> up to, not including, the next key after every key so prefixed.</summary>
    private string Range(string start) => Storage.TableRows.RowsStartingWith(Partition, start);

    public TableEntity ToEntity(StoredMessage message)
    {
        var entity = new TableEntity(Partition, MessageRowKey(message.Sequence))
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

        if (message.Suggestions is { } suggestions)
        {
            entity[SuggestionsProperty] = JsonSerializer.Serialize(suggestions);
        }

        return entity;
    }

    public static StoredMessage ToMessage(TableEntity entity) => new(
        SequenceOf(entity.RowKey),
        entity.GetString(nameof(StoredMessage.ClientMessageId)) ?? "",
        new Sender((SenderRole)entity.GetInt32("SenderRole")!.Value, entity.GetString("SenderId")),
        entity.GetBinary(BodyProperty),
        entity.GetDateTimeOffset(nameof(StoredMessage.SentAt))!.Value,
        entity.GetBoolean(nameof(StoredMessage.IsNote)) ?? false,
        entity.GetGuid(FileIdProperty) is { } fileId
            ? new FileAttachment(fileId, entity.GetString(FileTypeProperty), entity.GetInt64(FileSizeProperty) ?? 0)
            : null,
        entity.GetString(SuggestionsProperty) is { } suggestions ? JsonSerializer.Deserialize<List<FaqSuggestion>>(suggestions) : null);
}
