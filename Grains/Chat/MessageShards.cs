using System.Globalization;

namespace Orbitalyntra.Chat;

/// <summary>
/// Which partition of the messages table holds a conversation: one of a fixed number of shards, so that appends of many
/// conversations can share one entity-group transaction (docs/decisions/0019).
/// </summary>
public static class MessageShards
{
    /// <summary>
    /// How many partitions the messages table has. Part of the stored format: with another count, conversations would be
    /// looked for in other partitions and their stored messages would seem gone; changing it needs a migration.
    /// </summary>
    public const int Count = 64;

    /// <summary>The partition key of <paramref name="conversation"/>'s rows: its shard, two digits.</summary>
    public static string PartitionOf(ConversationKey conversation) => PartitionOf(ShardOf(conversation));

    /// <summary>The partition key of shard <paramref name="shard"/>.</summary>
    public static string PartitionOf(int shard) => shard.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>
    /// <see cref="StableHash"/> of the key, modulo <see cref="Count"/>: stable across processes and .NET versions, as a
    /// stored format must be.
    /// </summary>
    public static int ShardOf(ConversationKey conversation) => (int)(StableHash.Of(conversation.ToString()) % Count);
}
