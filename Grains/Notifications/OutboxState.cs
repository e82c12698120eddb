using System.Collections.Immutable;

namespace Orbitalyntra.Notifications;

/// <summary>An outbox as stored: what waits, and the log of what ended; opaque ids only, never an address or a text.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.outbox-state")]
public sealed record OutboxState(
    [property: Id(0)] ImmutableList<Delivery> Pending,
    [property: Id(1)] ImmutableList<MailLogEntry> Log)
{
    public OutboxState()
        : this([], [])
    {
    }

    /// <summary>True when a notification with this id was queued before (waiting, or logged).</summary>
    public bool Knows(Guid id) => Pending.Any(d => d.Notification.Id == id) || Log.Any(e => e.Id == id);
}

/// <summary>
/// One notification waiting in an outbox. <see cref="Sending"/> is written before the SMTP call: found set after a crash,
/// the mail may have been accepted already, and it is sent again with the same <c>Message-ID</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.delivery")]
public sealed record Delivery(
    [property: Id(0)] Notification Notification,
    [property: Id(1)] DateTimeOffset QueuedAt,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset NextAttemptAt,
    [property: Id(4)] bool Sending);
