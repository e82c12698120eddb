using System.Collections.Immutable;

namespace Orbitalyntra.Integrations;

/// <param name="Cursor">The last message of the conversation whose event is done with (delivered, or not to be sent).</param>
/// <param name="KnownLast">The newest message it was told of (refreshed from the conversation after a restart).</param>
/// <param name="Queue">Events not read from the log, oldest first.</param>
/// <param name="Attempts">Failed attempts of the event at the head.</param>
/// <param name="FailingSince">When the head's first attempt failed.</param>
/// <param name="NextAttemptAt">When to try the head again.</param>
/// <param name="GaveUp">Retries gave up: the head is a dead letter until replayed.</param>
/// <param name="RecentlyDone">The ids of the last queued events done with: one queued again (a conversation handing its events over after a restart) is dropped.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.webhook-delivery-state")]
public sealed record WebhookDeliveryState(
    [property: Id(0)] long Cursor,
    [property: Id(1)] long KnownLast,
    [property: Id(2)] ImmutableList<WebhookEvent> Queue,
    [property: Id(3)] int Attempts = 0,
    [property: Id(4)] DateTimeOffset? FailingSince = null,
    [property: Id(5)] DateTimeOffset? NextAttemptAt = null,
    [property: Id(6)] bool GaveUp = false,
    [property: Id(7)] ImmutableList<string>? RecentlyDone = null)
{
    /// <summary>How many ids <see cref="RecentlyDone"/> keeps.</summary>
    public const int RecentlyDoneKept = 16;

    public static readonly WebhookDeliveryState Empty = new(0, 0, ImmutableList<WebhookEvent>.Empty);
}
