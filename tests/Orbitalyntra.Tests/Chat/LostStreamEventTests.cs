using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;
using static Orbitalyntra.Tests.Chat.ChatTestData;

namespace Orbitalyntra.Tests.Chat;

/// <summary>
/// Live delivery does not rest on the stream alone: a message whose stream event never reaches the web host (here the
/// host's subscription is cancelled behind the relay's back) still reaches the connections that watch it, once and in
/// order, through the relay's audit against the conversation's last sequence; the audit then renews the subscription.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class LostStreamEventTests(ChatCluster chat)
{
    [Fact]
    public async Task A_message_whose_stream_event_is_lost_still_reaches_watchers_once_and_in_order()
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        await using var agent = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        await using var visitor = await ChatClient.Connect(chat.Web, visitorToken);
        await agent.Join(conversation);
        await visitor.Join(conversation);
        await visitor.Send(conversation, "before", "seen live");
        Assert.Equal([1L], (await agent.Receive(1)).Select(m => m.Sequence));
        Assert.Equal([1L], (await visitor.Receive(1)).Select(m => m.Sequence));

        var linesBefore = CapturedLogs.Instance.Lines.Count();
        await DropStreamSubscriptions(conversation);
        await chat.Conversation(conversation).Stored(Post("lost-1", "no stream event for this one"));
        await chat.Conversation(conversation).Stored(Post("lost-2", "nor for this one"));

        var atAgent = await agent.Receive(2);
        var atVisitor = await visitor.Receive(2);
        Assert.Equal([2L, 3L], atAgent.Select(m => m.Sequence));
        Assert.Equal(["no stream event for this one", "nor for this one"], atAgent.Select(m => m.Text));
        Assert.Equal(atAgent, atVisitor);

        // A duplicate of 2 or 3 would come before anything later: the next thing each receives must be message 4. The
        // audit has the channel's subscription renewed, so 4 comes by the stream again, not by another audit.
        var channel = ChatStreams.ForChannelOf(conversation).ToString();
        await Eventually.Holds(
            () => CapturedLogs.Instance.Lines.Skip(linesBefore).Any(line => line.Contains($"channel {channel}: subscription renewed", StringComparison.Ordinal)),
            "the relay renewed the channel's subscription");
        await chat.Conversation(conversation).Stored(Post("after", "after the loss"));
        Assert.Equal([4L], (await agent.Receive(1)).Select(m => m.Sequence));
        Assert.Equal([4L], (await visitor.Receive(1)).Select(m => m.Sequence));
        Assert.DoesNotContain(CapturedLogs.Instance.Lines, line => line.Contains($"{conversation}: the stream never brought messages 3..", StringComparison.Ordinal));
    }

    private async Task DropStreamSubscriptions(ConversationKey conversation)
    {
        var stream = chat.Client.GetStreamProvider(ChatStreams.Provider)
            .GetStream<ChannelEvent>(ChatStreams.ForChannelOf(conversation));
        var handles = await stream.GetAllSubscriptionHandles();
        Assert.NotEmpty(handles);
        foreach (var handle in handles)
        {
            await handle.UnsubscribeAsync();
        }
    }
}
