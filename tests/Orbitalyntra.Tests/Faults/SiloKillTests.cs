using Microsoft.Extensions.Hosting;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Chat;
using Orbitalyntra.Tests.Infrastructure;
using static Orbitalyntra.Tests.Chat.ChatTestData;

namespace Orbitalyntra.Tests.Faults;

public sealed class SiloKillTests
{
    [Fact]
    public async Task Killing_the_silo_that_hosts_a_conversation_loses_no_acknowledged_message()
    {
        var clusterId = TestStorage.NewClusterId();
        await using var first = SiloProcess.Start(clusterId);
        await using var second = SiloProcess.Start(clusterId);
        using var clientHost = await TestClient.Start(clusterId);
        var client = clientHost.Client();
        var management = client.GetGrain<IManagementGrain>(0);
        await Eventually.Succeeds(async () => Assert.Equal(2, (await management.GetHosts(onlyActive: true)).Count));

        var conversation = client.GetGrain<IConversationGrain>(NewConversation().ToString());
        Assert.NotNull(await Eventually.Succeeds(() => conversation.Start(null)));
        var acknowledged = new List<ChatMessage>();
        async Task PostUntilAcknowledged(int i)
        {
            // A post in flight when the silo dies may or may not have been stored: the retry, with the same client
            // message id, either stores it or returns the stored one.
            var outcome = await Eventually.Succeeds(() => conversation.Post(Post($"k{i}", $"message {i}")));
            Assert.Contains(outcome.Status, new[] { PostStatus.Stored, PostStatus.AlreadyStored });
            acknowledged.Add(outcome.Message!);
        }

        for (var i = 1; i <= 20; i++)
        {
            await PostUntilAcknowledged(i);
        }

        var host = await management.GetActivationAddress(conversation);
        Assert.NotNull(host);
        var (victim, survivor) = host.Endpoint.Port == first.SiloPort ? (first, second) : (second, first);
        victim.Kill();

        for (var i = 21; i <= 40; i++)
        {
            await PostUntilAcknowledged(i);
        }

        var newHost = await management.GetActivationAddress(conversation);
        Assert.True(newHost?.Endpoint.Port == survivor.SiloPort, $"the conversation moved to the surviving silo\n{survivor.RecentOutput}");
        var history = await conversation.History();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), history.Select(m => m.Sequence));
        Assert.Equal(acknowledged, history);
    }
}
