using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Chat;
using Orbitalyntra.Integrations;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Integrations;

/// <summary>A webhook test's endpoints and visitors, on tenants of its own; <see cref="DisposeAsync"/> removes the endpoints.</summary>
public sealed class WebhookSubscriptions(ChatCluster chat) : IAsyncDisposable
{
    private readonly List<(TenantSession Tenant, string EndpointId)> subscribed = [];

    public sealed record VisitorChat(ConversationKey Key, Sender Visitor);

    public static string Webhooks(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}/webhooks";

    /// <summary>Adds an endpoint to <paramref name="receiver"/> through the API and makes the receiver verify with its secret.</summary>
    public async Task<IssuedWebhookSecret> Subscribe(TenantSession tenant, WebhookReceiver receiver, string[] eventTypes, bool includeText)
    {
        var response = await tenant.AsAdmin().PostAsJsonAsync(Webhooks(tenant), new
        {
            url = receiver.Url.ToString(), eventTypes, enabled = true, description = "CRM", includeMessageText = includeText,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync<IssuedWebhookSecret>(WebHost.Json))!;
        subscribed.Add((tenant, issued.Endpoint.EndpointId));
        receiver.Secrets = [issued.Secret];
        return issued;
    }

    /// <summary>The endpoint was removed by the test itself.</summary>
    public void Removed(string endpointId) => subscribed.RemoveAll(s => s.EndpointId == endpointId);

    public IDataSubjectGrain Subject(TenantSession tenant, Sender visitor) => chat.Client.DataSubject(new SubjectKey(tenant.TenantId, visitor.Id));

    /// <summary>A new visitor's conversation, the visitor consenting to CRM sync (before it starts) or not.</summary>
    public async Task<VisitorChat> VisitorConversation(TenantSession tenant, bool crmConsent)
    {
        var visitor = await tenant.NewVisitor();
        var sender = new Sender(SenderRole.Visitor, visitor.VisitorId);
        if (crmConsent)
        {
            await Subject(tenant, sender).RecordConsent(ConsentPurpose.CrmSync, true, "test", Actor.System("test"));
        }

        return new VisitorChat(await tenant.StartConversation(visitor.AccessToken), sender);
    }

    /// <summary>The delivery grain of an endpoint and a conversation (null: the tenant's stream).</summary>
    public IWebhookDeliveryGrain Delivery(TenantSession tenant, string endpointId, Guid? conversationId) =>
        chat.Client.GetGrain<IWebhookDeliveryGrain>(new WebhookDeliveryKey(tenant.TenantId, endpointId, conversationId).ToString());

    /// <summary>
    /// Removes the test's endpoints: a delivery still retrying towards a receiver that is gone would keep writing its state,
    /// and the storage-work tests count every write of every in-process cluster.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (tenant, endpointId) in subscribed)
        {
            (await tenant.AsAdmin().DeleteAsync($"{Webhooks(tenant)}/{endpointId}")).EnsureSuccessStatusCode();
        }
    }
}
