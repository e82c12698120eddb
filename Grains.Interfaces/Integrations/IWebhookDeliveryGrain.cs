namespace Orbitalyntra.Integrations;

/// <summary>
/// Delivers one endpoint's events of one conversation (or of the tenant, for events of no conversation), one at a time and
/// in order, retrying with back-off (key: <see cref="WebhookDeliveryKey"/>). Message events are read from the conversation's
/// log behind a durable cursor, so the log row is the event's durable record; other events are queued in its state.
/// The calls that change its work interleave with a delivery in flight (which waits on the endpoints grain, itself
/// calling these): no cycle of waiting grains.
/// </summary>
[Alias("orbitalyntra.integrations.IWebhookDeliveryGrain")]
public interface IWebhookDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Messages up to <paramref name="sequence"/> are stored in the conversation (the last one given when at hand): deliver their events.</summary>
    [Alias("MessagesStored"), Orleans.Concurrency.OneWay]
    Task MessagesStored(long sequence, Chat.ChatMessage? message);

    /// <summary>Queues an event durably (idempotent by its id) and starts delivering.</summary>
    [Alias("Enqueue"), Orleans.Concurrency.AlwaysInterleave]
    Task Enqueue(WebhookEvent webhookEvent);

    /// <summary>Delivery gave up (the endpoint was disabled) and the endpoint works again: start again from the event that failed.</summary>
    [Alias("Resume"), Orleans.Concurrency.AlwaysInterleave]
    Task Resume();

    /// <summary>Its endpoint, paused while events waited (disabled, or the tenant closed), works again: deliver what waits.</summary>
    [Alias("Wake"), Orleans.Concurrency.AlwaysInterleave]
    Task Wake();

    /// <summary>Its endpoint was removed: forgets its state and its reminder, and deactivates.</summary>
    [Alias("Discard"), Orleans.Concurrency.AlwaysInterleave]
    Task Discard();

    /// <summary>Where delivery stands: what the delivery log cannot say (events passed over are not logged).</summary>
    [Alias("Progress"), Orleans.Concurrency.ReadOnly]
    Task<WebhookDeliveryProgress> Progress();
}

/// <summary>Where a delivery stands.</summary>
/// <param name="Cursor">The last message of the conversation whose event is done with (delivered, or passed over).</param>
/// <param name="Queued">Events other than messages waiting.</param>
/// <param name="Attempts">Failed attempts of the event at the head.</param>
/// <param name="HasState">Whether it has a stored state.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.webhook-delivery-progress")]
public sealed record WebhookDeliveryProgress(
    [property: Id(0)] long Cursor,
    [property: Id(1)] int Queued,
    [property: Id(2)] int Attempts,
    [property: Id(3)] bool HasState);

/// <summary>What a delivery whose endpoint gave it no target is to do (<see cref="IWebhookEndpointsGrain.Park"/>).</summary>
public enum EndpointAvailability
{
    /// <summary>The endpoint works again: go on.</summary>
    Active = 1,

    /// <summary>Disabled, or the tenant is closed: the delivery is recorded as waiting and woken when it works again; stop without a reminder.</summary>
    Paused = 2,

    /// <summary>The endpoint was removed: forget everything.</summary>
    Removed = 3,
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
