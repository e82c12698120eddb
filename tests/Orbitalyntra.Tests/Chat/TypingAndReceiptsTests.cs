using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Chat;

[Collection(ChatClusterCollection.Name)]
public sealed class TypingAndReceiptsTests(ChatCluster chat)
{
    private async Task<(ConversationKey Key, ChatClient Visitor, ChatClient Agent, TenantSession Tenant)> Joined()
    {
        var tenant = await chat.NewTenant();
        var (key, visitorToken) = await tenant.VisitorConversation();
        var visitor = await ChatClient.Connect(chat.Web, visitorToken);
        var agent = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        await visitor.Join(key);
        await agent.Join(key);
        return (key, visitor, agent, tenant);
    }

    [Fact]
    public async Task Typing_reaches_the_other_party()
    {
        var (key, visitor, agent, tenant) = await Joined();
        await using (visitor)
        await using (agent)
        {
            await visitor.Typing(key);
            var typing = await agent.NextTyping();

            Assert.Equal(SenderRole.Visitor, typing.Role);

            await agent.Typing(key);
            var agentTyping = await visitor.NextTyping();
            while (agentTyping.Role == SenderRole.Visitor)
            {
                agentTyping = await visitor.NextTyping();
            }

            Assert.Equal(tenant.SignUp.Admin.AgentId, agentTyping.Id);
        }
    }

    [Fact]
    public async Task Delivered_and_read_receipts_reach_the_sender()
    {
        var (key, visitor, agent, _) = await Joined();
        await using (visitor)
        await using (agent)
        {
            var sent = await agent.Send(key, "a1", "Your order has shipped.");
            Assert.Equal(sent.Sequence, (await visitor.Receive(1))[0].Sequence);

            await visitor.MarkDelivered(key, sent.Sequence);
            await visitor.MarkRead(key, sent.Sequence);

            var delivered = await agent.NextReceipt();
            var read = await agent.NextReceipt();
            Assert.Equal((SenderRole.Visitor, ReceiptKind.Delivered, sent.Sequence), (delivered.Reader.Role, delivered.Kind, delivered.UpToSequence));
            Assert.Equal((SenderRole.Visitor, ReceiptKind.Read, sent.Sequence), (read.Reader.Role, read.Kind, read.UpToSequence));
        }
    }

    [Fact]
    public async Task A_receipt_beyond_the_newest_message_is_refused()
    {
        var (key, visitor, agent, _) = await Joined();
        await using (visitor)
        await using (agent)
        {
            await agent.Send(key, "a1", "hello");

            var refused = await Assert.ThrowsAsync<HubException>(() => visitor.MarkRead(key, 2));

            Assert.Contains("upToSequence", refused.Message);
        }
    }
}
