namespace Orbitalyntra.Integrations;

/// <summary>What an administrator sets of a webhook endpoint.</summary>
/// <param name="Url">Where events are posted (http or https; checked against private addresses when connecting).</param>
/// <param name="EventTypes">The <see cref="WebhookEvents"/> it receives.</param>
/// <param name="Enabled">Whether events are sent to it; events of a disabled endpoint are not kept for it.</param>
/// <param name="Description">The administrator's note, for people.</param>
/// <param name="IncludeMessageText">Whether <c>message.created</c> carries the message's text (an opt-in: ids only otherwise).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.webhook-endpoint-settings")]
public sealed record WebhookEndpointSettings(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> EventTypes,
    [property: Id(2)] bool Enabled,
    [property: Id(3)] string Description,
    [property: Id(4)] bool IncludeMessageText = false);

/// <summary>An endpoint as the administrators see it: no secret, only which secrets are active.</summary>
/// <param name="EndpointId">Random, opaque.</param>
/// <param name="Settings">What the administrator set.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="SecretIds">The ids of its active secrets, newest first (two while a rotation is under way).</param>
/// <param name="DisabledAt">When delivery gave up on it (it failed for <c>Integrations:Webhooks:GiveUpAfter</c>), if it did.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.webhook-endpoint")]
public sealed record WebhookEndpoint(
    [property: Id(0)] string EndpointId,
    [property: Id(1)] WebhookEndpointSettings Settings,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] IReadOnlyList<string> SecretIds,
    [property: Id(4)] DateTimeOffset? DisabledAt = null);

/// <summary>An endpoint with a secret, which is shown in this answer only.</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Secret">The new secret, <c>whsec_</c> and base64 of 32 random bytes.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.issued-webhook-secret")]
public sealed record IssuedWebhookSecret([property: Id(0)] WebhookEndpoint Endpoint, [property: Id(1)] string Secret);

/// <summary>What became of an event sent to an endpoint.</summary>
public enum DeliveryStatus
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>An attempt failed (an answer other than 2xx, a timeout, a refused address); it is retried.</summary>
    Failed = 2,

    /// <summary>Retries gave up; the event is in the dead letters until replayed.</summary>
    DeadLettered = 3,
}

/// <summary>One attempt to deliver an event, as the delivery log keeps it (30 days).</summary>
/// <param name="EventId">The <c>webhook-id</c>: the same for every attempt of the event.</param>
/// <param name="EventType">Its type.</param>
/// <param name="At">When the attempt ended.</param>
/// <param name="Status">What became of it.</param>
/// <param name="Attempt">Its number, from 1.</param>
/// <param name="HttpStatus">The receiver's status code, if it answered.</param>
/// <param name="LatencyMilliseconds">How long the attempt took.</param>
/// <param name="Error">Why it failed, for the administrator (no payload, no personal data).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.webhook-delivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] string EventId,
    [property: Id(1)] string EventType,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DeliveryStatus Status,
    [property: Id(4)] int Attempt,
    [property: Id(5)] int? HttpStatus,
    [property: Id(6)] long LatencyMilliseconds,
    [property: Id(7)] string? Error = null);
