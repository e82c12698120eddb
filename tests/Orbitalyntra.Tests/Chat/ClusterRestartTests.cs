using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;
using static Orbitalyntra.Tests.Chat.ChatTestData;

namespace Orbitalyntra.Tests.Chat;

/// <summary>Stops and restarts the whole cluster, so it has a cluster of its own.</summary>
public sealed class ClusterRestartTests : IAsyncLifetime
{
    private readonly ChatCluster chat = new();

    public Task InitializeAsync() => chat.InitializeAsync();

    public Task DisposeAsync() => chat.DisposeAsync();

    [Fact]
    public async Task Messages_survive_a_full_restart_of_the_cluster()
    {
        var conversation = chat.Conversation(NewConversation());
        await conversation.Start(null);
        var stored = new List<ChatMessage>();
        for (var i = 1; i <= 10; i++)
        {
            stored.Add(await conversation.Stored(Post($"r{i}", $"before the restart {i}")));
        }

        await chat.StopSilos();
        await chat.StartSilos();

        var afterRestart = await Eventually.Succeeds(() => conversation.History());
        Assert.Equal(stored, afterRestart);
        Assert.Equal(11, (await conversation.Stored(Post("r11", "after the restart"))).Sequence);
    }

    [Fact]
    public async Task The_web_host_resumes_live_delivery_after_the_cluster_restarts()
    {
        var tenant = await chat.NewTenant();
        var (key, _) = await tenant.VisitorConversation();
        var conversation = chat.Conversation(key);
        await using var agent = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        await agent.Join(key);
        await conversation.Stored(Post("before", "before the restart"));
        Assert.Equal(1, Assert.Single(await agent.Receive(1)).Sequence);

        await chat.StopSilos();
        await chat.StartSilos();

        var afterRestart = await Eventually.Succeeds(() => conversation.Post(Post("after-1", "first after the restart")));
        Assert.Equal(2, afterRestart.Message!.Sequence);
        Assert.Equal(2, Assert.Single(await agent.Receive(1)).Sequence);
        await conversation.Stored(Post("after-2", "second after the restart"));
        Assert.Equal(3, Assert.Single(await agent.Receive(1)).Sequence);
        Assert.True(agent.NothingPending);
    }
}
