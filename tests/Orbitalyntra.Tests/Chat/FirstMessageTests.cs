using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Chat;

/// <summary>
/// A new conversation's first message, the one a support chat is judged by, reaches the agent watching it by the live
/// stream, not by the relay's audit that fills what the stream never brought (docs/decisions/0018).
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class FirstMessageTests(ChatCluster chat)
{
    private const int Conversations = 10;

    [Fact]
    public async Task New_conversations_first_messages_reach_a_watching_agent_by_the_stream_not_by_the_audit()
    {
        var tenant = await chat.NewTenant();
        await using var agent = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        var started = new List<ConversationKey>();
        for (var i = 0; i < Conversations; i++)
        {
            var (conversation, visitorToken) = await tenant.VisitorConversation();
            started.Add(conversation);
            await agent.Join(conversation);
            await using var visitor = await ChatClient.Connect(chat.Web, visitorToken);

            await visitor.Send(conversation, "first", $"first question {i}");

            var first = Assert.Single(await agent.Receive(1));
            Assert.Equal((1L, $"first question {i}"), (first.Sequence, first.Text));
        }

        // The audit names every conversation whose messages it had to send from the log: none of these.
        var audited = CapturedLogs.Instance.Lines.Where(line => line.Contains("the stream never brought", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(audited, line => started.Any(c => line.Contains(c.ToString(), StringComparison.Ordinal)));
    }
}
