namespace Orbitalyntra.Integrations;

/// <summary>
/// A tenant's webhook delivery log and dead letters (key: the tenant id). Entries hold ids, statuses and times, never a
/// payload; they are kept 30 days (<c>Integrations:Webhooks:LogLifetime</c>) and purged by retention.
/// </summary>
[Alias("orbitalyntra.integrations.IWebhookLogGrain")]
public interface IWebhookLogGrain : IGrainWithStringKey
{
    /// <summary>Adds an attempt to the endpoint's log; a dead-lettered one also goes to the dead letters, with where it waits.</summary>
    [Alias("Record")]
    Task Record(string endpointId, string deliveryKey, WebhookDelivery delivery);

    /// <summary>The endpoint's attempts, newest first.</summary>
    [Alias("Deliveries")]
    Task<IReadOnlyList<WebhookDelivery>> Deliveries(string endpointId);

    /// <summary>The endpoint's dead letters: events whose delivery gave up, until replayed.</summary>
    [Alias("DeadLetters")]
    Task<IReadOnlyList<WebhookDelivery>> DeadLetters(string endpointId);

    /// <summary>Sends the endpoint's dead letters again, each with its own <c>webhook-id</c>; how many were replayed.</summary>
    [Alias("Replay")]
    Task<int> Replay(string endpointId);
}
