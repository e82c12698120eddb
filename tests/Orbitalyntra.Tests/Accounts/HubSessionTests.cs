using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>What a hub connection keeps of its sign-in: enough to act as the caller, and no longer than the token lasts.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class HubSessionTests(ChatCluster chat)
{
    [Fact]
    public async Task A_hub_connection_acts_as_its_caller_and_closes_when_its_token_expires()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        var conversation = await tenant.StartConversation(visitor.AccessToken);
        // Still valid when the connection starts (validation allows 30 s of clock skew); the hub closes at the expiry itself.
        var shortLived = WebHost.Token(tenant.TenantId, Caller.VisitorRole, visitor.VisitorId, TimeSpan.FromSeconds(3));

        await using var client = await ChatClient.Connect(chat.Web, shortLived);
        await client.Join(conversation);
        var sent = await client.Send(conversation, "before-expiry", "sent as the visitor");

        Assert.Equal(Orbitalyntra.Chat.SenderRole.Visitor, sent.Sender.Role);
        Assert.Equal(visitor.VisitorId, sent.Sender.Id);
        // The generous wait only keeps a broken host from hanging the run; how soon it closes is not asserted.
        await client.Closed.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
