using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;
using static Orbitalyntra.Tests.Chat.ChatTestData;

namespace Orbitalyntra.Tests.Chat;

[Collection(ChatClusterCollection.Name)]
public sealed class ChatHubTests(ChatCluster chat)
{
    private static IEnumerable<long> Sequences(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => (long)i);

    /// <summary>A visitor's conversation, with the visitor's and the tenant administrator's tokens.</summary>
    private async Task<(ConversationKey Key, string Visitor, string Agent)> Started()
    {
        var tenant = await chat.NewTenant();
        var (key, visitorToken) = await tenant.VisitorConversation();
        return (key, visitorToken, tenant.AdminToken);
    }

    [Fact]
    public async Task Visitor_and_agent_receive_each_others_messages_in_order()
    {
        var (conversation, visitorToken, agentToken) = await Started();
        await using var visitor = await ChatClient.Connect(chat.Web, visitorToken);
        await using var agent = await ChatClient.Connect(chat.Web, agentToken);
        await visitor.Join(conversation);
        await agent.Join(conversation);

        for (var i = 1; i <= 20; i++)
        {
            var client = i % 3 == 0 ? agent : visitor;
            Assert.Equal(i, (await client.Send(conversation, $"m{i}", $"message {i}")).Sequence);
        }

        var atAgent = await agent.Receive(20);
        var atVisitor = await visitor.Receive(20);
        Assert.Equal(Sequences(1, 20), atAgent.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"message {i}"), atAgent.Select(m => m.Text));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => i % 3 == 0 ? SenderRole.Agent : SenderRole.Visitor), atAgent.Select(m => m.Sender.Role));
        Assert.Equal(atAgent, atVisitor);
    }

    [Fact]
    public async Task Messages_posted_elsewhere_reach_the_hub_connections_live()
    {
        var (conversation, _, agentToken) = await Started();
        await using var agent = await ChatClient.Connect(chat.Web, agentToken);
        await agent.Join(conversation);

        await chat.Conversation(conversation).Stored(Post("rest-1", "from elsewhere"));

        Assert.Equal("from elsewhere", Assert.Single(await agent.Receive(1)).Text);
    }

    [Fact]
    public async Task A_client_that_rejoins_with_its_last_sequence_gets_exactly_the_missed_messages()
    {
        var (conversation, visitorToken, agentToken) = await Started();
        await using var visitor = await ChatClient.Connect(chat.Web, visitorToken);
        await visitor.Join(conversation);
        long lastSeen;
        await using (var agent = await ChatClient.Connect(chat.Web, agentToken))
        {
            await agent.Join(conversation);
            for (var i = 1; i <= 5; i++)
            {
                await visitor.Send(conversation, $"m{i}", $"message {i}");
            }

            lastSeen = (await agent.Receive(5))[^1].Sequence;
        }

        for (var i = 6; i <= 10; i++)
        {
            await visitor.Send(conversation, $"m{i}", $"while the agent was away {i}");
        }

        await using var rejoined = await ChatClient.Connect(chat.Web, agentToken);
        await rejoined.Join(conversation, lastSeen);
        Assert.Equal(Sequences(6, 10), (await rejoined.Receive(5)).Select(m => m.Sequence));

        await visitor.Send(conversation, "m11", "after the rejoin");
        Assert.Equal(11, Assert.Single(await rejoined.Receive(1)).Sequence);
        Assert.True(rejoined.NothingPending);
    }

    [Fact]
    public async Task A_retried_send_is_stored_once_and_shown_once()
    {
        var (conversation, visitorToken, agentToken) = await Started();
        await using var visitor = await ChatClient.Connect(chat.Web, visitorToken);
        await using var agent = await ChatClient.Connect(chat.Web, agentToken);
        await agent.Join(conversation);

        var first = await visitor.Send(conversation, "same", "hello");
        var retry = await visitor.Send(conversation, "same", "hello");
        await visitor.Send(conversation, "next", "second");

        Assert.Equal(first, retry);
        Assert.Equal([1L, 2L], (await agent.Receive(2)).Select(m => m.Sequence));
        Assert.True(agent.NothingPending);
        Assert.Equal(2, (await chat.Conversation(conversation).History()).Count);
    }

    [Fact]
    public async Task The_hub_refuses_bad_messages_and_unknown_conversations_and_stores_nothing()
    {
        var (conversation, visitorToken, _) = await Started();
        await using var visitor = await ChatClient.Connect(chat.Web, visitorToken);
        var unknown = new ConversationKey(conversation.TenantId, Guid.NewGuid());

        var empty = await Assert.ThrowsAsync<HubException>(() => visitor.Send(conversation, "a", "  "));
        var tooLong = await Assert.ThrowsAsync<HubException>(() => visitor.Send(conversation, "b", new string('x', ChatRules.MaxTextBytes + 1)));
        var unknownSend = await Assert.ThrowsAsync<HubException>(() => visitor.Send(unknown, "c", "hi"));
        var unknownJoin = await Assert.ThrowsAsync<HubException>(() => visitor.Join(unknown));

        Assert.Contains("text must not be empty", empty.Message);
        Assert.Contains("8192 bytes", tooLong.Message);
        Assert.Contains("no conversation", unknownSend.Message);
        Assert.Contains("no conversation", unknownJoin.Message);
        Assert.Empty(await chat.Conversation(conversation).History());
    }

    [Fact]
    public async Task The_hub_refuses_a_missing_message_and_a_last_seen_sequence_from_the_future()
    {
        var (conversation, visitorToken, _) = await Started();
        await using var visitor = await ChatClient.Connect(chat.Web, visitorToken);
        await visitor.Send(conversation, "one", "the only message");

        var missing = await Assert.ThrowsAsync<HubException>(() => visitor.SendRaw(conversation, message: null));
        var future = await Assert.ThrowsAsync<HubException>(() => visitor.Join(conversation, lastSeenSequence: 2));

        Assert.Contains("missing", missing.Message);
        Assert.Contains("newest message, 1", future.Message);
        Assert.Single(await chat.Conversation(conversation).History());
    }
}
