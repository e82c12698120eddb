using Orbitalyntra.Tests.Infrastructure;
using static Orbitalyntra.Tests.Chat.ChatTestData;

namespace Orbitalyntra.Tests.Chat;

[Collection(ChatClusterCollection.Name)]
public sealed class StorageWorkTests(ChatCluster chat)
{
    [Fact]
    public async Task Storing_the_1000th_message_costs_no_more_storage_work_than_the_1st()
    {
        var conversation = chat.Conversation(NewConversation());
        await conversation.Start(null);

        async Task<StorageWork> Measure(int i)
        {
            var before = chat.TableWork.Total;
            await conversation.Stored(Post($"w{i:D4}", $"message number {i:D4}"));
            return chat.TableWork.Total - before;
        }

        var first = await Measure(1);
        for (var i = 2; i < 1000; i++)
        {
            await conversation.Stored(Post($"w{i:D4}", $"message number {i:D4}"));
        }

        var thousandth = await Measure(1000);

        // The first also records the conversation as a place of its author's data (once per author), then both are one
        // entity-group transaction of the log.
        Assert.Equal(2, first.Requests);
        Assert.True(first.Bytes > 0, "the counter must see the request body");
        Assert.Equal(1, thousandth.Requests);
        Assert.True(thousandth.Bytes <= first.Bytes, $"1st message: {first.Bytes} bytes, 1000th: {thousandth.Bytes} bytes");
    }
}
