using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orbitalyntra.Tests.Chat;

/// <summary>
/// What a conversation costs in storage requests, counted at the silos' storage clients (tables and blobs): its start
/// with a visitor and an agent watching, the visitor's first message and the agent's first answer, each delivered.
/// Averaged over several conversations, so that work done once for many (analytics flushed each second) counts its share.
/// </summary>
[Collection(StorageWorkClusterCollection.Name)]
public sealed class ConversationStartWorkTests(StorageWorkCluster chat, ITestOutputHelper output)
{
    private const int Conversations = 10;

    // Issue 13 asks for 5; what is left above it (the conversation's state read and written apart from its log, the
    // retention index, two places) is listed in docs/performance.md.
    private const double MostRequestsPerConversation = 8.5;

    [Fact]
    public async Task A_returning_visitors_conversation_start_and_both_first_messages_cost_no_stream_subscription_work()
    {
        var tenant = await chat.NewTenant();
        await using var agent = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        var visitorToken = (await tenant.NewVisitor()).AccessToken;
        await using var visitor = await ChatClient.Connect(chat.Web, visitorToken);

        // The visitor and the agent have each written before, and every conversation channel is in use: the cost measured
        // is the conversation's, not their first appearance's nor the channels' (set up once per silo and web host).
        await Converse(tenant, agent, visitor, visitorToken, "warm-up");
        await UseEveryChannel(tenant, agent, visitorToken);

        var before = chat.StorageWork;
        var (tableMark, blobMark) = (chat.TableWork.Sent.Count, chat.BlobWork.Sent.Count);
        for (var i = 0; i < Conversations; i++)
        {
            await Converse(tenant, agent, visitor, visitorToken, $"c{i}");
        }

        var work = chat.StorageWork - before;
        var sent = chat.TableWork.Sent.Skip(tableMark).Concat(chat.BlobWork.Sent.Skip(blobMark)).ToList();
        var breakdown = string.Join(", ", sent.GroupBy(request => request).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}"));
        output.WriteLine($"{work.Requests} requests for {Conversations} conversations: {breakdown}");
        Assert.DoesNotContain(sent, request => request.Contains("pubsub", StringComparison.Ordinal));
        Assert.True(
            work.Requests <= MostRequestsPerConversation * Conversations,
            $"{(double)work.Requests / Conversations:F1} storage requests per conversation (at most {MostRequestsPerConversation}): {breakdown}");
    }

    private static async Task UseEveryChannel(TenantSession tenant, ChatClient agent, string visitorToken)
    {
        var used = new HashSet<StreamId>();
        while (used.Count < ChatStreams.Channels)
        {
            var conversation = await tenant.StartConversation(visitorToken);
            await agent.Join(conversation);
            await agent.Typing(conversation);
            await agent.NextTyping();
            used.Add(ChatStreams.ForChannelOf(conversation));
        }
    }

    private static async Task Converse(TenantSession tenant, ChatClient agent, ChatClient visitor, string visitorToken, string id)
    {
        var conversation = await tenant.StartConversation(visitorToken);
        await agent.Join(conversation);
        await visitor.Join(conversation);

        await visitor.Send(conversation, $"{id}-q", "Bonjour, ma commande n'est pas arrivée.");
        Assert.Equal(1L, Assert.Single(await agent.Receive(1)).Sequence);
        Assert.Equal(1L, Assert.Single(await visitor.Receive(1)).Sequence);

        await agent.Send(conversation, $"{id}-a", "Je regarde tout de suite.");
        Assert.Equal(2L, Assert.Single(await visitor.Receive(1)).Sequence);
        Assert.Equal(2L, Assert.Single(await agent.Receive(1)).Sequence);
    }
}
