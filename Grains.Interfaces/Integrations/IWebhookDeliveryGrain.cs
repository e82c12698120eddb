namespace Orbitalyntra.Integrations;

/// <summary>
/// Delivers one endpoint's events of one conversation (or of the tenant, for events of no conversation), one at a time and
/// in order, retrying with back-off (key: <see cref="WebhookDeliveryKey"/>). Message events are read from the conversation's
/// log behind a durable cursor, so the log row is the event's durable record; other events are queued in its state.
/// </summary>
[Alias("orbitalyntra.integrations.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Messages up to <paramref name="sequence"/> are stored in the conversation: deliver their events.</summary>
    [Alias("MessagesStored"), Orleans.Concurrency.OneWay]
    Task MessagesStored(long sequence);

    /// <summary>Queues an event durably (idempotent by its id) and starts delivering.</summary>
    [Alias("Enqueue")]
    Task Enqueue(WebhookEvent webhookEvent);

    /// <summary>Delivery gave up (the endpoint was disabled) and the endpoint works again: start again from the event that failed.</summary>
    [Alias("Resume")]
    Task Resume();
}

/// <summary>The key of a delivery grain: tenant, endpoint and stream (a conversation id, or <c>tenant</c>).</summary>
public readonly record struct WebhookDeliveryKey(string TenantId, string EndpointId, Guid? ConversationId)
{
    private const string TenantStream = "tenant";

    /// <summary>The key as a string: <c>{tenant}/{endpoint}/{conversation id or "tenant"}</c>.</summary>
    public override string ToString() => $"{TenantId}/{EndpointId}/{(ConversationId is { } id ? id.ToString("N") : TenantStream)}";

    /// <summary>The key of <see cref="ToString"/>'s form.</summary>
    public static WebhookDeliveryKey Parse(string key)
    {
        var parts = key.Split('/');
        return new(parts[0], parts[1], parts[2] == TenantStream ? null : Guid.ParseExact(parts[2], "N"));
    }
}
