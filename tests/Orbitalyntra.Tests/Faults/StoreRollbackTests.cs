using Azure.Data.Tables;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Chat;
using Orbitalyntra.Tests.Infrastructure;
using static Orbitalyntra.Tests.Chat.ChatTestData;

namespace Orbitalyntra.Tests.Faults;

/// <summary>
/// Storage that goes back in time, as Azurite killed before it saved its tables does (issue 19, docs/decisions/0047):
/// the conversation notices on its next append instead of numbering on past the hole.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class StoreRollbackTests(ChatCluster chat)
{
    private static readonly TableClient Messages = new TableServiceClient(TestStorage.ConnectionString).GetTableClient("messages");

    [Fact]
    public async Task A_log_that_lost_acknowledged_messages_gets_them_back_and_the_next_message_numbers_on_from_what_was_acknowledged()
    {
        var key = await chat.StartConversation();
        var conversation = chat.Conversation(key);
        var acknowledged = new List<ChatMessage>();
        for (var i = 1; i <= 5; i++)
        {
            acknowledged.Add(await conversation.Stored(Post($"m{i}", $"message {i}")));
        }

        // The store loses the two newest rows (rows of a conversation come newest first).
        foreach (var row in (await Rows(key)).Take(2))
        {
            await Messages.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        Assert.Equal(3, (await Rows(key)).Count);

        var next = await conversation.Stored(Post("m6", "message 6"));

        Assert.Equal(6, next.Sequence);
        Assert.Equal(6, (await Rows(key)).Count);
        await chat.Deactivate(conversation);
        Assert.Equal(acknowledged.Append(next), await conversation.History());
    }

    private static async Task<List<TableEntity>> Rows(ConversationKey key)
    {
        var prefix = key + "|m:";
        var rows = new List<TableEntity>();
        await foreach (var row in Messages.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {MessageShards.PartitionOf(key)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}
