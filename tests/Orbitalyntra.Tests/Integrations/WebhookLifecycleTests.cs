using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Integrations;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Chat;
using Orbitalyntra.Tests.Infrastructure;
using static Orbitalyntra.Tests.Infrastructure.WebhookReceiver;
using static Orbitalyntra.Tests.Integrations.WebhookSubscriptions;

namespace Orbitalyntra.Tests.Integrations;

/// <summary>
/// What webhook deliveries leave behind: a removed endpoint's deliveries forget their state and reminders, a closed
/// tenant's stop without a reminder ticking and resume when it reopens, and an erased subject leaves nothing in the
/// webhooks' storage. Checked in Azurite itself.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WebhookLifecycleTests(ChatCluster chat) : IAsyncLifetime
{
    private readonly WebhookSubscriptions subscriptions = new(chat);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await subscriptions.DisposeAsync();

    [Fact]
    public async Task Removing_an_endpoint_clears_the_state_and_the_reminders_of_its_deliveries()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        var endpoint = await subscriptions.Subscribe(tenant, receiver, [WebhookEvents.MessageCreated], includeText: false);
        var delivered = await subscriptions.VisitorConversation(tenant, crmConsent: true);
        await chat.Conversation(delivered.Key).Stored(new PostMessage("one", delivered.Visitor, "delivered"));
        await receiver.AcceptedOne(r => r.Data.GetProperty("conversationId").GetGuid() == delivered.Key.ConversationId, "the delivered conversation's message");

        receiver.Script([.. Enumerable.Repeat(Answer.ServerError, 1000)]);
        var failing = await subscriptions.VisitorConversation(tenant, crmConsent: true);
        await chat.Conversation(failing.Key).Stored(new PostMessage("one", failing.Visitor, "failing"));
        await Eventually.Succeeds(async () =>
        {
            var (states, reminders) = await Stored(tenant);
            Assert.Equal(2, states);
            Assert.True(reminders >= 1, "the failing delivery's reminder");
        });

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.AsAdmin().DeleteAsync($"{Webhooks(tenant)}/{endpoint.Endpoint.EndpointId}")).StatusCode);
        subscriptions.Removed(endpoint.Endpoint.EndpointId);
        await Eventually.Succeeds(async () => Assert.Equal((0, 0), await Stored(tenant)));
        Assert.False((await subscriptions.Delivery(tenant, endpoint.Endpoint.EndpointId, failing.Key.ConversationId).Progress()).HasState);
    }

    [Fact]
    public async Task A_closed_tenants_deliveries_wait_without_a_reminder_and_go_out_in_order_once_it_reopens()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        var endpoint = await subscriptions.Subscribe(tenant, receiver, [WebhookEvents.MessageCreated], includeText: false);
        receiver.Script([.. Enumerable.Repeat(Answer.ServerError, 1000)]);
        var conversation = await subscriptions.VisitorConversation(tenant, crmConsent: true);
        await chat.Conversation(conversation.Key).Stored(new PostMessage("one", conversation.Visitor, "one"));
        await Eventually.Succeeds(async () => Assert.Equal((1, 1), await Stored(tenant)));

        var tenantGrain = chat.Client.GetGrain<ITenantGrain>(tenant.TenantId);
        Assert.NotNull(await tenantGrain.Close(Actor.System("test")));
        var delivery = subscriptions.Delivery(tenant, endpoint.Endpoint.EndpointId, conversation.Key.ConversationId);
        await Eventually.Succeeds(async () => Assert.Equal((1, 0), await Stored(tenant)));
        var waiting = await delivery.Progress();
        Assert.True(waiting is { Cursor: 0, Attempts: > 0, HasState: true }, $"the message waits: {waiting}");
        Assert.Empty(receiver.Accepted);

        receiver.ClearScript();
        Assert.True(await tenantGrain.Reopen(Actor.System("test")));
        await chat.Conversation(conversation.Key).Stored(new PostMessage("two", conversation.Visitor, "two"));
        await Eventually.Holds(() => receiver.Accepted.Count >= 2, "both messages after the reopening", TimeSpan.FromSeconds(60));
        Assert.Equal([1L, 2], receiver.Accepted.Select(r => r.Data.GetProperty("sequence").GetInt64()));
        Assert.All(receiver.All, r => Assert.True(r.Verified, r.VerificationError));
    }

    [Fact]
    public async Task After_a_subjects_erasure_nothing_of_them_is_left_in_the_webhooks_state_log_or_dead_letters()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        var endpoint = await subscriptions.Subscribe(tenant, receiver, [WebhookEvents.MessageCreated, WebhookEvents.SubjectErased], includeText: true);
        var conversation = await subscriptions.VisitorConversation(tenant, crmConsent: true);
        var said = $"webhook scan {Guid.NewGuid():N}";

        // One attempt fails, so the log has a failure beside the delivery.
        receiver.Script(Answer.ServerError);
        await chat.Conversation(conversation.Key).Stored(new PostMessage("said", conversation.Visitor, said));
        await receiver.AcceptedOne(r => r.Body.Contains(said, StringComparison.Ordinal), "the visitor's message");
        await chat.Client.SubjectRights(new SubjectKey(tenant.TenantId, conversation.Visitor.Id)).File(RequestKind.Erasure, Actor.System("test"));
        await receiver.AcceptedOne(r => r.Type == WebhookEvents.SubjectErased, "subject.erased");
        await Eventually.Succeeds(async () => Assert.Equal(0, (await subscriptions.Delivery(tenant, endpoint.Endpoint.EndpointId, null).Progress()).Queued));

        var conversationId = conversation.Key.ConversationId.ToString("N");
        // The scan does read the webhooks' storage: the log, once written, holds the message's event id, made of the
        // conversation's id.
        var found = await Eventually.Succeeds(async () =>
        {
            var inWebhooks = (await AzuriteScan.Find(conversation.Visitor.Id, said, conversationId)).Where(f => f.Contains("webhook", StringComparison.Ordinal)).ToList();
            Assert.Contains(inWebhooks, f => f.StartsWith($"'{conversationId}' in blob grainstate/webhooklog-", StringComparison.Ordinal));
            return inWebhooks;
        });
        Assert.DoesNotContain(found, f => f.StartsWith($"'{conversation.Visitor.Id}'", StringComparison.Ordinal) || f.StartsWith($"'{said}'", StringComparison.Ordinal));
    }

    /// <summary>The tenant's delivery grains with a stored state, and their reminders, as Azurite has them.</summary>
    private static async Task<(int States, int Reminders)> Stored(TenantSession tenant)
    {
        var states = 0;
        var container = new BlobServiceClient(TestStorage.ConnectionString).GetBlobContainerClient("grainstate");
        await foreach (var _ in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"webhookdelivery-webhookdelivery/{tenant.TenantId}/", CancellationToken.None))
        {
            states++;
        }

        var reminders = 0;
        await foreach (var row in new TableServiceClient(TestStorage.ConnectionString).GetTableClient("OrleansReminders").QueryAsync<TableEntity>())
        {
            if (row.GetString("GrainReference")?.StartsWith($"webhookdelivery/{tenant.TenantId}/", StringComparison.Ordinal) == true)
            {
                reminders++;
            }
        }

        return (states, reminders);
    }
}
