using Orleans.Concurrency;
namespace Orbitalyntra.Notifications;

/// <summary>
/// A tenant's durable outbox of mail to its account holders and visitors (keyed by the tenant id): it keeps the intent
/// (<see cref="Notification"/>, opaque ids only), sends it through SMTP with retries and back-off, records each
/// delivery as sending before the SMTP call and as sent after it (so a crash sends it again with the same
/// <c>Message-ID</c>, never a new one), and keeps a log of outcomes by opaque ids. It is a holder of personal data (an
/// erasure cancels what is pending for the subject) and of data with a lifetime (the log is purged by retention).
/// docs/decisions/0023-mail-outbox.md.
/// </summary>
[Alias("orbitalyntra.notifications.INotificationOutboxGrain")]
public interface INotificationOutboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the notification durably and schedules its delivery; a notification whose id was queued before is ignored.
    /// Never waits for a delivery in progress, so the grain that causes a notification may be one the delivery calls.
    /// </summary>
    [Alias("Enqueue"), AlwaysInterleave]
    Task Enqueue(Notification notification);

    /// <summary>What waits to be sent, by opaque ids.</summary>
    [Alias("Pending"), AlwaysInterleave]
    Task<IReadOnlyList<PendingMail>> Pending();

    /// <summary>The sent-mail log, newest last: opaque ids and outcomes only.</summary>
    [Alias("Log"), AlwaysInterleave]
    Task<IReadOnlyList<MailLogEntry>> Log();

    /// <summary>
    /// True when <paramref name="token"/> is the one-click unsubscribe token this outbox put in mail of
    /// <paramref name="topic"/> to <paramref name="recipientId"/> (a keyed hash: nothing is stored).
    /// </summary>
    [Alias("VerifyUnsubscribe"), AlwaysInterleave]
    Task<bool> VerifyUnsubscribe(string recipientId, MailTopic topic, string token);
}

/// <summary>A mail waiting in an outbox.</summary>
/// <param name="Id">The delivery's id, its <c>Message-ID</c>.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="Audience">Who it goes to (a group is split into one delivery per person when it is first delivered).</param>
/// <param name="RecipientId">The account holder's or visitor's opaque id, for one person.</param>
/// <param name="Attempts">SMTP attempts so far.</param>
/// <param name="NextAttemptAt">When it is tried next.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.pending-mail")]
public sealed record PendingMail(
    [property: Id(0)] Guid Id,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] Audience Audience,
    [property: Id(3)] string? RecipientId,
    [property: Id(4)] int Attempts,
    [property: Id(5)] DateTimeOffset NextAttemptAt);

/// <summary>How a delivery ended.</summary>
public enum MailOutcome
{
    /// <summary>The SMTP server accepted it.</summary>
    Sent = 1,

    /// <summary>Not sent: the recipient turned this topic off.</summary>
    OptedOut = 2,

    /// <summary>Not sent: the recipient's data was erased, or there is no such account (any more).</summary>
    NoRecipient = 3,

    /// <summary>Not sent: every attempt failed.</summary>
    Failed = 4,

    /// <summary>A notification to a group, split into one delivery per person.</summary>
    Expanded = 5,

    /// <summary>Not sent: it carries conversation content and the visitor's address is not confirmed (double opt-in).</summary>
    Unconfirmed = 6,
}

/// <summary>One line of an outbox's log.</summary>
/// <param name="Id">The delivery's id (its <c>Message-ID</c>).</param>
/// <param name="Kind">What it was about.</param>
/// <param name="RecipientId">The account holder's or visitor's opaque id; none for a group, and dropped when they are erased.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="At">When it ended.</param>
/// <param name="Attempts">SMTP attempts it took.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.mail-log-entry")]
public sealed record MailLogEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] string? RecipientId,
    [property: Id(3)] MailOutcome Outcome,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] int Attempts);
