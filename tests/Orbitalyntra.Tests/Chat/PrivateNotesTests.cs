using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Chat;

[Collection(ChatClusterCollection.Name)]
public sealed class PrivateNotesTests(ChatCluster chat)
{
    [Fact]
    public async Task Private_notes_reach_the_staff_and_never_a_visitor_connection()
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        await using var visitor = await ChatClient.Connect(chat.Web, visitorToken);
        await using var agent = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        await visitor.Join(conversation);
        await agent.Join(conversation);

        await agent.Send(conversation, "p1", "public 1");
        await agent.Note(conversation, "n1", "note: this visitor asked before");
        await visitor.Send(conversation, "p2", "public 2");
        await agent.Note(conversation, "n2", "note: escalate if needed");
        await agent.Send(conversation, "p3", "public 3");

        var atAgent = await agent.Receive(5);
        var atVisitor = await visitor.Receive(3);
        Assert.Equal([1L, 2, 3, 4, 5], atAgent.Select(m => m.Sequence));
        Assert.Equal([false, true, false, true, false], atAgent.Select(m => m.IsNote));
        Assert.Equal(["public 1", "public 2", "public 3"], atVisitor.Select(m => m.Text));
        Assert.Equal([1L, 3, 5], atVisitor.Select(m => m.Sequence));
        Assert.True(visitor.NothingPending);

        await using var rejoined = await ChatClient.Connect(chat.Web, visitorToken);
        await rejoined.Join(conversation);
        Assert.Equal(["public 1", "public 2", "public 3"], (await rejoined.Receive(3)).Select(m => m.Text));
        Assert.True(rejoined.NothingPending);
    }

    [Fact]
    public async Task A_visitor_reads_no_notes_over_REST_and_pages_past_them()
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        var grain = chat.Conversation(conversation);
        await using var agent = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        await agent.Send(conversation, "p1", "public 1");
        await agent.Note(conversation, "n1", "note 1");
        await agent.Note(conversation, "n2", "note 2");
        await agent.Send(conversation, "p2", "public 2");
        using var visitorHttp = tenant.Bearer(visitorToken);
        using var staffHttp = tenant.AsAdmin();
        var messages = $"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId}/messages";

        var seen = new List<ChatMessage>();
        long after = 0;
        for (var pages = 0; after < 4 && pages < 10; pages++)
        {
            var page = (await visitorHttp.GetFromJsonAsync<MessagePage>($"{messages}?after={after}&limit=1", WebHost.Json))!;
            seen.AddRange(page.Messages);
            after = page.NextAfter;
        }

        var staffView = (await staffHttp.GetFromJsonAsync<MessagePage>($"{messages}?after=0&limit=50", WebHost.Json))!;
        Assert.Equal(["public 1", "public 2"], seen.Select(m => m.Text));
        Assert.Equal(4, staffView.Messages.Count);
        Assert.Equal(4, (await grain.ReadAfter(0, 50))!.LastSequence);
    }

    [Fact]
    public async Task A_visitor_cannot_write_a_note()
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        await using var visitor = await ChatClient.Connect(chat.Web, visitorToken);
        using var visitorHttp = tenant.Bearer(visitorToken);

        await Assert.ThrowsAsync<HubException>(() => visitor.Note(conversation, "n1", "sneaky"));
        var rest = await visitorHttp.PostAsJsonAsync($"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId}/notes",
            new { clientMessageId = "n2", text = "sneaky" });

        Assert.Equal(HttpStatusCode.Forbidden, rest.StatusCode);
        Assert.Empty(await Orbitalyntra.Tests.Chat.ChatTestData.History(chat.Conversation(conversation)));
    }
}
