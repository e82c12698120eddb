using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Desk;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Desk;

[Collection(ChatClusterCollection.Name)]
public sealed class InboxTests(ChatCluster chat)
{
    private sealed record Desk(TenantSession Tenant, Dictionary<string, (string AgentId, HttpClient Http)> Agents);

    /// <summary>A tenant with its administrator and two more agents, each signed in.</summary>
    private async Task<Desk> NewDesk()
    {
        var tenant = await chat.NewTenant();
        var agents = new Dictionary<string, (string, HttpClient)> { ["ada"] = (tenant.SignUp.Admin.AgentId, tenant.AsAdmin()) };
        foreach (var name in new[] { "bob", "cyd" })
        {
            var email = $"{name}@{tenant.TenantId}.test";
            var created = await agents["ada"].Item2.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
                new { displayName = name, email, password = "a long agent password", role = "agent" });
            var profile = (await created.Content.ReadFromJsonAsync<AgentProfile>(WebHost.Json))!;
            agents[name] = (profile.AgentId, tenant.Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, email, "a long agent password")));
        }

        return new Desk(tenant, agents);
    }

    private static async Task Presence(Desk desk, string agent, string status, int capacity)
    {
        var response = await desk.Agents[agent].Http.PutAsJsonAsync($"/api/tenants/{desk.Tenant.TenantId}/presence", new { status, capacity });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<InboxView> Inbox(Desk desk) =>
        (await desk.Agents["ada"].Http.GetFromJsonAsync<InboxView>($"/api/tenants/{desk.Tenant.TenantId}/inbox", WebHost.Json))!;

    private static async Task<List<ConversationKey>> VisitorsStart(Desk desk, int count)
    {
        var keys = new List<ConversationKey>();
        for (var i = 0; i < count; i++)
        {
            keys.Add((await desk.Tenant.VisitorConversation()).Key);
        }

        return keys;
    }

    [Fact]
    public async Task New_conversations_go_round_robin_to_online_agents_within_their_capacity()
    {
        var desk = await NewDesk();
        foreach (var agent in new[] { "ada", "bob", "cyd" })
        {
            await Presence(desk, agent, "online", capacity: 1);
        }

        var conversations = await VisitorsStart(desk, 4);

        var inbox = await Inbox(desk);
        Assert.Equal(3, inbox.Assigned.Count);
        Assert.Equal(3, inbox.Assigned.Select(a => a.AgentId).Distinct().Count());
        Assert.Equal([conversations[3].ConversationId], inbox.Waiting);

        var first = conversations[0];
        var freed = inbox.Assigned.Single(a => a.ConversationId == first.ConversationId).AgentId;
        (await desk.Agents["ada"].Http.PutAsJsonAsync($"/api/tenants/{first.TenantId}/conversations/{first.ConversationId}/status", new { status = "resolved" }))
            .EnsureSuccessStatusCode();

        inbox = await Inbox(desk);
        Assert.Empty(inbox.Waiting);
        Assert.Equal(freed, inbox.Assigned.Single(a => a.ConversationId == conversations[3].ConversationId).AgentId);
        Assert.DoesNotContain(inbox.Assigned, a => a.ConversationId == first.ConversationId);
    }

    [Fact]
    public async Task Offline_and_silent_agents_never_get_work()
    {
        var desk = await NewDesk();
        await Presence(desk, "ada", "online", capacity: 5);
        await Presence(desk, "bob", "offline", capacity: 5);

        await VisitorsStart(desk, 3);

        var inbox = await Inbox(desk);
        Assert.Equal([desk.Agents["ada"].AgentId], inbox.Assigned.Select(a => a.AgentId).Distinct());
        Assert.False(inbox.Agents.Single(a => a.AgentId == desk.Agents["bob"].AgentId).Available);
        Assert.DoesNotContain(inbox.Agents, a => a.AgentId == desk.Agents["cyd"].AgentId);
    }

    [Fact]
    public async Task Online_agents_claim_conversations_and_transfer_them_to_any_agent_of_the_tenant()
    {
        var desk = await NewDesk();
        await Presence(desk, "bob", "online", capacity: 5);
        await Presence(desk, "ada", "online", capacity: 5);
        var conversation = (await desk.Tenant.VisitorConversation()).Key;
        var path = $"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId}";

        var claimed = await desk.Agents["cyd"].Http.PostAsync($"{path}/claim", null);
        Assert.Equal(HttpStatusCode.Conflict, claimed.StatusCode);
        await Presence(desk, "cyd", "online", capacity: 5);
        claimed = await desk.Agents["cyd"].Http.PostAsync($"{path}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal(desk.Agents["cyd"].AgentId, (await Inbox(desk)).Assigned.Single().AgentId);

        await Presence(desk, "bob", "away", capacity: 5);
        var toAway = await desk.Agents["cyd"].Http.PostAsJsonAsync($"{path}/transfer", new { agentId = desk.Agents["bob"].AgentId });
        var toAda = await desk.Agents["cyd"].Http.PostAsJsonAsync($"{path}/transfer", new { agentId = desk.Agents["ada"].AgentId });
        var toNobody = await desk.Agents["cyd"].Http.PostAsJsonAsync($"{path}/transfer", new { agentId = Guid.NewGuid().ToString("N") });

        // A transfer may go to an agent who is away: they find it when they come back (and may be mailed, MailTests).
        Assert.Equal(HttpStatusCode.OK, toAway.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toAda.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, toNobody.StatusCode);
        Assert.Equal(desk.Agents["ada"].AgentId, (await Inbox(desk)).Assigned.Single().AgentId);
    }

    [Fact]
    public async Task Agents_see_inbox_changes_live()
    {
        var desk = await NewDesk();
        await Presence(desk, "ada", "online", capacity: 5);
        await using var console = await ChatClient.Connect(chat.Web, desk.Tenant.AdminToken);
        await console.WatchInbox(desk.Tenant.TenantId);
        var initial = await console.InboxWhere(_ => true);
        Assert.Empty(initial.Assigned);

        var conversation = (await desk.Tenant.VisitorConversation()).Key;

        var changed = await console.InboxWhere(view => view.Assigned.Any(a => a.ConversationId == conversation.ConversationId));
        Assert.Equal(desk.Agents["ada"].AgentId, changed.Assigned.Single().AgentId);
    }

    [Fact]
    public async Task Visitors_neither_see_the_inbox_nor_route_conversations()
    {
        var desk = await NewDesk();
        var (conversation, visitorToken) = await desk.Tenant.VisitorConversation();
        using var visitor = desk.Tenant.Bearer(visitorToken);
        var path = $"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId}";

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/api/tenants/{conversation.TenantId}/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.PostAsync($"{path}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.PostAsJsonAsync($"{path}/transfer", new { agentId = desk.Agents["ada"].AgentId })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PutAsJsonAsync($"/api/tenants/{conversation.TenantId}/presence", new { status = "online" })).StatusCode);
        await using var visitorHub = await ChatClient.Connect(chat.Web, visitorToken);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => visitorHub.WatchInbox(conversation.TenantId));
    }
}
