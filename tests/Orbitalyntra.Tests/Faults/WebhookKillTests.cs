using Microsoft.Extensions.Hosting;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Integrations;
using Orbitalyntra.Tests.Infrastructure;
using static Orbitalyntra.Tests.Infrastructure.WebhookReceiver;

namespace Orbitalyntra.Tests.Faults;

public sealed class WebhookKillTests
{
    /// <summary>The silo processes' webhook settings: as the tests' in-process silos have them.</summary>
    private static readonly Dictionary<string, string> Webhooks = new()
    {
        ["Integrations__Webhooks__AllowLoopback"] = "true",
        ["Integrations__Webhooks__Timeout"] = SenderTimeout.ToString(),
        ["Integrations__Webhooks__PollPeriod"] = "00:00:00.200",
        ["Integrations__Webhooks__BaseBackoff"] = "00:00:01",
        ["Integrations__Webhooks__RetryCheckPeriod"] = TestStorage.ReminderPeriod.ToString(),
    };

    [Fact]
    public async Task A_message_whose_delivery_was_in_flight_when_its_silo_was_killed_is_delivered_after_recovery_with_the_same_id()
    {
        var clusterId = TestStorage.NewClusterId();
        await using var receiver = await WebhookReceiver.Start();
        await using var first = SiloProcess.Start(clusterId, Webhooks);
        await using var second = SiloProcess.Start(clusterId, Webhooks);
        using var clientHost = await TestClient.Start(clusterId);
        var client = clientHost.Client();
        var management = client.GetGrain<IManagementGrain>(0);
        await Eventually.Succeeds(async () => Assert.Equal(2, (await management.GetHosts(onlyActive: true)).Count));
        // A tenant of its own, its endpoint removed at the end: a delivery left retrying towards a receiver that is gone
        // would keep writing state in the clusters that share this service, and skew the storage-work measures.
        var tenantId = $"t-{Guid.NewGuid():N}"[..20];
        await Eventually.Succeeds(() => client.GetGrain<ITenantGrain>(tenantId).Create(new NewTenant("Kill Test", $"contact@{tenantId}.test", null, null)));
        var endpoints = client.GetGrain<IWebhookEndpointsGrain>(tenantId);
        var issued = await Eventually.Succeeds(() => endpoints.Add(new WebhookEndpointSettings(receiver.Url.ToString(), [WebhookEvents.MessageCreated], true, "kill test")));
        receiver.Secrets = [issued.Secret];
        try
        {
            await DeliveredAfterTheKill(client, management, first, second, receiver, tenantId, issued.Endpoint.EndpointId);
        }
        finally
        {
            await endpoints.Remove(issued.Endpoint.EndpointId);
        }
    }

    private static async Task DeliveredAfterTheKill(
        IClusterClient client, IManagementGrain management, SiloProcess first, SiloProcess second, WebhookReceiver receiver, string tenantId, string endpointId)
    {

        // The receiver holds the first attempt past the sender's timeout, so the silo dies with the delivery in flight:
        // the message is acknowledged, its event is not delivered.
        receiver.Script(Answer.TooSlow);
        var key = new ConversationKey(tenantId, Guid.NewGuid());
        var conversation = client.GetGrain<IConversationGrain>(key.ToString());
        await Eventually.Succeeds(() => conversation.Start(null));
        var outcome = await conversation.Post(new PostMessage("kill-1", new Sender(SenderRole.Agent, "agent-kill"), "before the kill"));
        Assert.Equal(PostStatus.Stored, outcome.Status);
        await Eventually.Holds(() => receiver.All.Count == 1, "the first attempt reached the receiver");
        var delivery = client.GetGrain<IWebhookDeliveryGrain>(new WebhookDeliveryKey(tenantId, endpointId, key.ConversationId).ToString());
        var host = await management.GetActivationAddress(delivery);
        var (victim, survivor) = host?.Endpoint.Port == first.SiloPort ? (first, second) : (second, first);
        victim.Kill();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (receiver.Accepted.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(receiver.Accepted.Count > 0, $"the message's event after recovery; received {receiver.All.Count}\n{survivor.RecentOutput[^Math.Min(4000, survivor.RecentOutput.Length)..]}");
        var delivered = receiver.Accepted[0];
        Assert.Equal(receiver.All[0].Id, delivered.Id);
        Assert.Equal(WebhookPayloads.MessageEventId(key.ConversationId, 1), delivered.Id);
        Assert.True(delivered.Verified, delivered.VerificationError);
    }
}
