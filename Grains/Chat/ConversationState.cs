namespace Orbitalyntra.Chat;

/// <summary>
/// What the conversation grain persists: only what changes rarely. The messages live in the
/// <see cref="IConversationLog"/>, never in this state. Id 4 (the first answer's time, now read from the log) is not
/// to be reused. <see cref="WithAssistant"/>, <see cref="HandedOff"/> and <see cref="Deflected"/> are the assistant's
/// (docs/decisions/0025). <see cref="WebhookEvents"/> are the webhook events of the conversation's own changes, written
/// in the same write as the change (docs/decisions/0032) and dropped by a later write once handed to the deliveries.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.conversation-state")]
public sealed record ConversationState(
    [property: Id(0)] DateTimeOffset StartedAt,
    [property: Id(1)] string? VisitorId = null,
    [property: Id(2)] ConversationStatus Status = ConversationStatus.Open,
    [property: Id(3)] DateTimeOffset? SnoozedUntil = null,
    [property: Id(5)] DateTimeOffset? FirstResolvedAt = null,
    [property: Id(6)] DateTimeOffset? StatusChangedAt = null,
    [property: Id(7)] bool WithAssistant = false,
    [property: Id(8)] bool HandedOff = false,
    [property: Id(9)] bool Deflected = false,
    [property: Id(10)] System.Collections.Immutable.ImmutableList<Integrations.WebhookEvent>? WebhookEvents = null);
