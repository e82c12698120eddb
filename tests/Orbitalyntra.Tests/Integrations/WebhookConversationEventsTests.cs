using System.Net.Http.Json;
using Orbitalyntra.Chat;
using Orbitalyntra.Integrations;
using Orbitalyntra.Tests.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Integrations;

/// <summary>A conversation's own changes as webhook events, to a real receiver that verifies them with the StandardWebhooks package.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WebhookConversationEventsTests(ChatCluster chat) : IAsyncLifetime
{
    private readonly WebhookSubscriptions subscriptions = new(chat);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await subscriptions.DisposeAsync();

    [Fact]
    public async Task Created_and_status_changes_go_out_in_the_conversations_order_with_its_messages_and_only_for_a_consenting_visitor()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        await subscriptions.Subscribe(tenant, receiver, [WebhookEvents.ConversationCreated, WebhookEvents.ConversationStatusChanged, WebhookEvents.MessageCreated], includeText: false);
        var withoutConsent = await subscriptions.VisitorConversation(tenant, crmConsent: false);
        var consenting = await subscriptions.VisitorConversation(tenant, crmConsent: true);
        foreach (var conversation in new[] { withoutConsent, consenting })
        {
            var grain = chat.Conversation(conversation.Key);
            await grain.Stored(new PostMessage("v1", conversation.Visitor, "hello"));
            await grain.SetStatus(new StatusChange(ConversationStatus.Pending));
            await grain.Stored(new PostMessage("a1", new Sender(SenderRole.Agent, "agent-1"), "answer"));
            await grain.SetStatus(new StatusChange(ConversationStatus.Resolved));
        }

        await Eventually.Holds(() => Of(receiver, consenting).Count >= 5, "the consenting visitor's five events", TimeSpan.FromSeconds(60));
        var events = Of(receiver, consenting);
        Assert.Equal(
            [WebhookEvents.ConversationCreated, WebhookEvents.MessageCreated, WebhookEvents.ConversationStatusChanged, WebhookEvents.MessageCreated, WebhookEvents.ConversationStatusChanged],
            events.Select(e => e.Type));
        Assert.Equal(consenting.Visitor.Id, events[0].Data.GetProperty("visitorId").GetString());
        Assert.Equal(["pending", "resolved"], events.Where(e => e.Type == WebhookEvents.ConversationStatusChanged).Select(e => e.Data.GetProperty("status").GetString()));
        Assert.Equal($"created_{consenting.Key.ConversationId:N}", events[0].Id);
        Assert.All(receiver.All, r => Assert.True(r.Verified, r.VerificationError));

        // Both conversations went through the same endpoint; the other visitor's were passed over, not sent.
        Assert.Empty(Of(receiver, withoutConsent));
        Assert.All(receiver.All, r => Assert.Equal(consenting.Key.ConversationId, r.Data.GetProperty("conversationId").GetGuid()));
    }

    [Fact]
    public async Task A_tenant_without_a_subscription_records_no_event_in_the_conversations_state_or_the_inbox()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        await subscriptions.Subscribe(tenant, receiver, [WebhookEvents.MessageCreated], includeText: false);
        using (var admin = tenant.AsAdmin())
        {
            // Online: the conversation is routed to the administrator, an assignment no endpoint subscribes to.
            await Online(admin, tenant);
        }

        var conversation = await subscriptions.VisitorConversation(tenant, crmConsent: true);
        var grain = chat.Conversation(conversation.Key);
        await grain.SetStatus(new StatusChange(ConversationStatus.Resolved));
        await grain.Stored(new PostMessage("v1", conversation.Visitor, "hello"));
        await receiver.AcceptedOne(r => r.Type == WebhookEvents.MessageCreated, "the message");
        Assert.All(receiver.All, r => Assert.Equal(WebhookEvents.MessageCreated, r.Type));
        Assert.Empty(await AzuriteScan.Find(
            $"created_{conversation.Key.ConversationId:N}", $"status_{conversation.Key.ConversationId:N}", $"assigned_{conversation.Key.ConversationId:N}"));
    }

    [Fact]
    public async Task Routing_a_claim_and_a_transfer_each_deliver_conversation_assigned_naming_the_agents_id_in_the_conversations_order()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        await subscriptions.Subscribe(
            tenant, receiver, [WebhookEvents.ConversationCreated, WebhookEvents.ConversationAssigned, WebhookEvents.MessageCreated], includeText: false);
        using var admin = tenant.AsAdmin();
        const string bobPassword = "bob's long password";
        var bobEmail = $"bob@{tenant.TenantId}.test";
        (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents", new { displayName = "Bob Agent", email = bobEmail, password = bobPassword, role = "agent" }))
            .EnsureSuccessStatusCode();
        using var bob = tenant.Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, bobEmail, bobPassword));
        var bobId = await Online(bob, tenant);

        // Bob is the only agent online: the new conversation is routed to him.
        var withoutConsent = await subscriptions.VisitorConversation(tenant, crmConsent: false);
        var conversation = await subscriptions.VisitorConversation(tenant, crmConsent: true);
        await chat.Conversation(conversation.Key).Stored(new PostMessage("v1", conversation.Visitor, "hello"));
        var adminId = await Online(admin, tenant);
        foreach (var each in new[] { withoutConsent, conversation })
        {
            var path = $"/api/tenants/{tenant.TenantId}/conversations/{each.Key.ConversationId}";
            (await admin.PostAsync($"{path}/claim", null)).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync($"{path}/transfer", new { agentId = bobId })).EnsureSuccessStatusCode();
        }

        await Eventually.Holds(() => Of(receiver, conversation).Count >= 5, "the conversation's five events", TimeSpan.FromSeconds(60));
        var events = Of(receiver, conversation);
        Assert.Equal(
            [WebhookEvents.ConversationCreated, WebhookEvents.ConversationAssigned, WebhookEvents.MessageCreated, WebhookEvents.ConversationAssigned, WebhookEvents.ConversationAssigned],
            events.Select(e => e.Type));
        var assigned = events.Where(e => e.Type == WebhookEvents.ConversationAssigned).ToList();
        Assert.Equal([bobId, adminId, bobId], assigned.Select(e => e.Data.GetProperty("agentId").GetString()));
        Assert.All(assigned, e => Assert.StartsWith($"assigned_{conversation.Key.ConversationId:N}_", e.Id, StringComparison.Ordinal));
        Assert.Equal(3, assigned.Select(e => e.Id).Distinct().Count());
        Assert.All(receiver.All, r => Assert.True(r.Verified, r.VerificationError));
        Assert.All(receiver.All, r => Assert.DoesNotContain("Bob", r.Body, StringComparison.Ordinal));
        Assert.All(receiver.All, r => Assert.DoesNotContain(bobEmail, r.Body, StringComparison.Ordinal));

        // The same endpoint got nothing of the visitor who did not consent, assignments included.
        Assert.Empty(Of(receiver, withoutConsent));
    }

    private static async Task<string> Online(HttpClient agent, TenantSession tenant)
    {
        var response = await agent.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/presence", new { status = "online", capacity = 5 });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Orbitalyntra.Desk.AgentAvailability>(WebHost.Json))!.AgentId;
    }

    private static List<WebhookReceiver.Received> Of(WebhookReceiver receiver, WebhookSubscriptions.VisitorChat conversation) =>
        [.. receiver.Accepted.Where(r => r.Data.TryGetProperty("conversationId", out var id) && id.GetGuid() == conversation.Key.ConversationId)];
}
