using Microsoft.Extensions.Hosting;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Chat;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Security;
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
        using var clientHost = await Connect(clusterId);
        var client = clientHost.Client();
        var management = client.GetGrain<IManagementGrain>(0);

        var conversation = client.GetGrain<IConversationGrain>(NewConversation().ToString());
        Assert.NotNull(await Eventually.Succeeds(() => conversation.Start(null)));
        var acknowledged = new List<ChatMessage>();
        async Task PostUntilAcknowledged(int i) => acknowledged.Add(await SiloKillTests.PostUntilAcknowledged(conversation, Post($"k{i}", $"message {i}")));

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

    [Fact]
    public Task Killing_a_silo_in_the_middle_of_batches_loses_and_repeats_no_acknowledged_message_in_the_log_or_on_a_watching_connection() =>
        StopASiloAmidBatches(victim =>
        {
            victim.Kill();
            return Task.CompletedTask;
        });

    [Fact]
    public Task Stopping_a_silo_with_SIGTERM_amid_batches_hands_over_and_loses_or_repeats_nothing_while_clients_keep_chatting() =>
        StopASiloAmidBatches(async victim => Assert.Equal(0, await victim.Terminate(TimeSpan.FromMinutes(1))));

    /// <summary>
    /// 100 conversations post at once through the silos' shard writers while a connection watches them all; a quarter of
    /// the way through, <paramref name="stop"/> takes one silo away. Every acknowledged message is then in the log once, in
    /// order, and reached the watching connection once, in order; posting went on throughout.
    /// </summary>
    private static async Task StopASiloAmidBatches(Func<SiloProcess, Task> stop)
    {
        const int Conversations = 100;
        const int MessagesEach = 20;
        var clusterId = TestStorage.NewClusterId();
        await using var victim = SiloProcess.Start(clusterId);
        await using var survivor = SiloProcess.Start(clusterId);
        using var clientHost = await Connect(clusterId);
        await using var web = await WebHost.Start(clusterId);
        // The watching agent exists, as the web host checks that an agent's session still holds on every call.
        await clientHost.Client().Agent(TenantIds.Demo, "kill-watcher").Create(new NewAgent("Watcher", "kill-watcher@example.test", AgentRole.Agent, "a long enough password"));
        await using var watcher = await ChatClient.Connect(web, WebHost.Token(TenantIds.Demo, Caller.AgentRole, "kill-watcher", TimeSpan.FromHours(1)));
        var keys = Enumerable.Range(0, Conversations).Select(_ => NewConversation()).ToList();
        var conversations = keys.Select(key => clientHost.Client().GetGrain<IConversationGrain>(key.ToString())).ToList();
        await Parallel.ForEachAsync(conversations, async (conversation, _) => Assert.NotNull(await Eventually.Succeeds(() => conversation.Start(null))));
        await Task.WhenAll(keys.Select(key => watcher.Join(key)));

        // Every conversation posts at once, each message after the last was acknowledged: the silos' shard writers batch
        // them. A quarter of the way through, one silo dies with transactions in flight and appends queued behind them.
        var acknowledged = conversations.Select(_ => new List<ChatMessage>()).ToList();
        var count = 0;
        var quarter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posting = Task.WhenAll(conversations.Select(async (conversation, index) =>
        {
            for (var i = 1; i <= MessagesEach; i++)
            {
                acknowledged[index].Add(await PostUntilAcknowledged(conversation, Post($"b{i}", $"batched {i}")));
                if (Interlocked.Increment(ref count) == Conversations * MessagesEach / 4)
                {
                    quarter.SetResult();
                }
            }
        }));
        await Task.WhenAny(quarter.Task, posting);
        await stop(victim);
        await posting;

        foreach (var (conversation, index) in conversations.Select((c, i) => (c, i)))
        {
            var history = await Eventually.Succeeds(() => conversation.History());
            Assert.Equal(Enumerable.Range(1, MessagesEach).Select(i => (long)i), history.Select(m => m.Sequence));
            Assert.Equal(acknowledged[index], history);
        }

        // A last message in each conversation, posted when nothing else is in flight: the watching connection gets each
        // conversation's messages in order, so once the last one came, every earlier one (and any repeat) came before it.
        var last = await Task.WhenAll(conversations.Select(conversation => PostUntilAcknowledged(conversation, Post("last", "after the kill"))));
        await Eventually.Holds(
            () => keys.All(key => watcher.ReceivedIn(key).LastOrDefault()?.ClientMessageId == "last"),
            "every conversation's last message reached the watching connection",
            TimeSpan.FromMinutes(2));
        foreach (var (key, index) in keys.Select((k, i) => (k, i)))
        {
            Assert.Equal(acknowledged[index].Append(last[index]).Select(Shown), watcher.ReceivedIn(key).Select(Shown));
        }
    }

    /// <summary>What a connection shows of a message.</summary>
    private static (long, string, string) Shown(ChatMessage message) => (message.Sequence, message.ClientMessageId, message.Text);

    /// <summary>
    /// Posts until the message is acknowledged. A post in flight when a silo dies may or may not have been stored: the
    /// retry, with the same client message id, either stores it or returns the stored one.
    /// </summary>
    private static Task<ChatMessage> PostUntilAcknowledged(IConversationGrain conversation, PostMessage post) => Eventually.Succeeds(async () =>
    {
        var outcome = await conversation.Post(post);
        Assert.Contains(outcome.Status, new[] { PostStatus.Stored, PostStatus.AlreadyStored });
        return outcome.Message!;
    });

    /// <summary>A client of the cluster, once both silos are in it.</summary>
    private static async Task<IHost> Connect(string clusterId)
    {
        var clientHost = await TestClient.Start(clusterId);
        var management = clientHost.Client().GetGrain<IManagementGrain>(0);
        await Eventually.Succeeds(async () => Assert.Equal(2, (await management.GetHosts(onlyActive: true)).Count));
        return clientHost;
    }
}
