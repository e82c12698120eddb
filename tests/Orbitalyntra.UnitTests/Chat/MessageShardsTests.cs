using Orbitalyntra.Chat;

namespace Orbitalyntra.UnitTests.Chat;

/// <summary>The shard of a conversation is part of the stored format of the messages table: it never changes.</summary>
public sealed class MessageShardsTests
{
    private static ConversationKey Key(int i) => new("tenant", new Guid(i, 0, 0, new byte[8]));

    [Fact]
    public void A_conversation_is_always_in_the_same_shard()
    {
        // Values computed once; a different answer means stored messages would be looked for in the wrong partition.
        Assert.Equal(PinnedShards, Enumerable.Range(1, PinnedShards.Length).Select(i => MessageShards.ShardOf(Key(i))));
        Assert.Equal("07", MessageShards.PartitionOf(7));
    }

    [Fact]
    public void Conversations_spread_over_every_shard()
    {
        var perShard = Enumerable.Range(0, 100 * MessageShards.Count).GroupBy(i => MessageShards.ShardOf(Key(i))).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Enumerable.Range(0, MessageShards.Count), perShard.Keys.Order());
        Assert.All(perShard.Values, count => Assert.InRange(count, 50, 150));
    }

    // 32-bit FNV-1a of "tenant:0000000i000000000000000000000000" modulo 64, computed apart from this code.
    private static readonly int[] PinnedShards = [26, 39, 52, 1, 14, 27, 40, 53];
}
