namespace Orbitalyntra.Integrations;

/// <summary>
/// A tenant's webhook endpoints (key: the tenant id): their settings and their signing secrets, sealed with the tenant's
/// key at rest (docs/decisions/0031). It also fans each event out to the delivery grains of the endpoints subscribed to it,
/// from memory: telling it about a message costs no storage.
/// </summary>
[Alias("orbitalyntra.integrations.IWebhookEndpointsGrain")]
public interface IWebhookEndpointsGrain : IGrainWithStringKey
{
    /// <summary>The tenant's endpoints, oldest first, without secrets.</summary>
    [Alias("List")]
    Task<IReadOnlyList<WebhookEndpoint>> List();

    /// <summary>
    /// Adds an endpoint with a new secret (shown in this answer only). Throws <see cref="ArgumentException"/> for settings
    /// <see cref="WebhookRules"/> refuses, <see cref="InvalidOperationException"/> beyond <see cref="WebhookRules.MaxEndpoints"/>.
    /// </summary>
    [Alias("Add")]
    Task<IssuedWebhookSecret> Add(WebhookEndpointSettings settings);

    /// <summary>Changes an endpoint's settings (enabling it again after delivery gave up); null when there is no such endpoint.</summary>
    [Alias("Update")]
    Task<WebhookEndpoint?> Update(string endpointId, WebhookEndpointSettings settings);

    /// <summary>Removes an endpoint: nothing more is sent to it. False when there was none.</summary>
    [Alias("Remove")]
    Task<bool> Remove(string endpointId);

    /// <summary>
    /// Adds a new secret and keeps the newest older one active beside it, so that deliveries carry both signatures while the
    /// receiver switches; an older one is dropped. Null when there is no such endpoint.
    /// </summary>
    [Alias("RotateSecret")]
    Task<IssuedWebhookSecret?> RotateSecret(string endpointId);

    /// <summary>Drops every secret but the newest: the rotation is over. Null when there is no such endpoint.</summary>
    [Alias("EndRotation")]
    Task<WebhookEndpoint?> EndRotation(string endpointId);

    /// <summary>Queues a <see cref="WebhookEvents.Test"/> event to the endpoint; its event id, or null when there is no such endpoint.</summary>
    [Alias("SendTest")]
    Task<string?> SendTest(string endpointId);

    /// <summary>What the delivery grains need to send to an endpoint now: null when it is removed or disabled.</summary>
    [Alias("Target"), Orleans.Concurrency.ReadOnly]
    Task<WebhookTarget?> Target(string endpointId);

    /// <summary>
    /// A delivery with events waiting found no target (<see cref="Target"/> null): while the endpoint is disabled or the
    /// tenant closed, the delivery is recorded (durably) and woken when the endpoint is enabled again or the tenant's webhooks
    /// are next used after a reopening, so that it needs no reminder meanwhile.
    /// </summary>
    [Alias("Park")]
    Task<EndpointAvailability> Park(string endpointId, Guid? conversationId);

    /// <summary>Delivery to the endpoint failed for too long: it is disabled and the administrators are told (once).</summary>
    [Alias("GiveUp")]
    Task GiveUp(string endpointId, DateTimeOffset failingSince);

    /// <summary>
    /// A message was stored in a conversation: each enabled endpoint subscribed to <see cref="WebhookEvents.MessageCreated"/>
    /// is told, with the message when the conversation has it at hand (so the deliveries need not ask the conversation for
    /// it), else reads it from the conversation's log itself. Called by the conversation after the acknowledgement, one way.
    /// </summary>
    [Alias("MessageStored"), Orleans.Concurrency.OneWay]
    Task MessageStored(Guid conversationId, long sequence, Chat.ChatMessage? message);

    /// <summary>Whether an enabled endpoint subscribes to <paramref name="eventType"/>: asked, from memory, before recording an event.</summary>
    [Alias("Subscribes"), Orleans.Concurrency.ReadOnly, Orleans.Concurrency.AlwaysInterleave]
    Task<bool> Subscribes(string eventType);

    /// <summary>
    /// An event not read from a conversation's log (a conversation's status, a subject's erasure): queued, durably, for
    /// each enabled endpoint subscribed to its type before this returns.
    /// </summary>
    [Alias("Publish")]
    Task Publish(WebhookEvent webhookEvent);
}

/// <summary>Where and how to send to an endpoint at this moment.</summary>
/// <param name="Url">The receiver.</param>
/// <param name="Secrets">The active secrets (<c>whsec_…</c>), newest first: one signature each.</param>
/// <param name="IncludeMessageText">Whether message events carry the text.</param>
/// <param name="EventTypes">What it subscribed to.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.webhook-target")]
public sealed record WebhookTarget(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Secrets,
    [property: Id(2)] bool IncludeMessageText,
    [property: Id(3)] IReadOnlyList<string> EventTypes);

/// <summary>An event other than a stored message, with its id (the <c>webhook-id</c> of every attempt).</summary>
/// <param name="EventId">Made from its cause, so a cause published twice is one event.</param>
/// <param name="Type">One of <see cref="WebhookEvents"/>.</param>
/// <param name="At">When it happened.</param>
/// <param name="ConversationId">The conversation it is about, if any: it is delivered in that conversation's order.</param>
/// <param name="AfterSequence">
/// In that conversation, the last message stored before it: it goes out after that message's event.
/// <see cref="AfterToldMessages"/> when it was recorded outside the conversation (the Desk's inbox, which does not know its
/// log): it goes out after the messages its delivery was told of when it was queued.
/// </param>
/// <param name="SubjectId">
/// The data subject it is about, if any (consent and erasure apply); null in an event of a conversation recorded outside
/// it, which is about the conversation's visitor.
/// </param>
/// <param name="Data">The payload's <c>data</c> object, JSON: ids, kinds and times only.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.webhook-event")]
public sealed record WebhookEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] Guid? ConversationId,
    [property: Id(4)] long AfterSequence,
    [property: Id(5)] string? SubjectId,
    [property: Id(6)] string Data)
{
    /// <summary>The <see cref="AfterSequence"/> of an event recorded outside its conversation.</summary>
    public const long AfterToldMessages = -1;
}
