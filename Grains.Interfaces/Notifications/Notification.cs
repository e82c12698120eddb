using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace Orbitalyntra.Notifications;

/// <summary>
/// The intent to notify: what happened and to whom, by opaque ids only. The address, the name and the texts are looked up
/// when the mail is sent, so an erasure in between leaves nothing to send. <see cref="Id"/> makes queueing idempotent and
/// is the mail's <c>Message-ID</c>.
/// </summary>
/// <param name="Id">The notification's id: queueing the same id twice queues it once.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="Audience">Who it goes to.</param>
/// <param name="RecipientId">
/// The account holder's id (an agent id) for <see cref="Audience.Person"/>, the visitor's subject id for
/// <see cref="Audience.Visitor"/>; null otherwise.
/// </param>
/// <param name="Values">What the templates show besides the recipient: opaque ids, dates, kinds (<see cref="NotificationValues"/>), never personal data.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.notification")]
public sealed record Notification(
    [property: Id(0)] Guid Id,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] Audience Audience,
    [property: Id(3)] string? RecipientId,
    [property: Id(4)] ImmutableDictionary<string, string> Values)
{
    /// <summary>A notification to one account holder.</summary>
    public static Notification ToPerson(Guid id, NotificationKind kind, string recipientId, params (string Name, string Value)[] values) =>
        new(id, kind, Audience.Person, recipientId, ToValues(values));

    /// <summary>A notification to one of the tenant's website visitors, by their subject id.</summary>
    public static Notification ToVisitor(Guid id, NotificationKind kind, string visitorId, params (string Name, string Value)[] values) =>
        new(id, kind, Audience.Visitor, visitorId, ToValues(values));

    /// <summary>A notification to a group of the tenant's account holders.</summary>
    public static Notification ToGroup(Guid id, NotificationKind kind, Audience audience, params (string Name, string Value)[] values) =>
        new(id, kind, audience, null, ToValues(values));

    /// <summary>
    /// A stable id made of the parts that identify one event (for example an API key id and "revoked"), so that a cause
    /// retried after a failure queues the same notification again, not a second one.
    /// </summary>
    public static Guid IdOf(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static ImmutableDictionary<string, string> ToValues((string Name, string Value)[] values) =>
        values.ToImmutableDictionary(v => v.Name, v => v.Value);
}

/// <summary>The names of the values templates show.</summary>
public static class NotificationValues
{
    /// <summary>A moment (ISO 8601, UTC): when it happened, or until when.</summary>
    public const string At = "at";

    /// <summary>An API key's id.</summary>
    public const string KeyId = "keyId";

    /// <summary>A platform notice's id (its texts are read when the mail is sent).</summary>
    public const string NoticeId = "noticeId";

    /// <summary>A data-subject request's id.</summary>
    public const string RequestId = "requestId";

    /// <summary>A data-subject request's kind.</summary>
    public const string RequestKind = "requestKind";

    /// <summary>A conversation's id, for mail about it (its texts are read when the mail is sent).</summary>
    public const string ConversationId = "conversationId";

    /// <summary>The first message a mail about a conversation shows.</summary>
    public const string FromSequence = "fromSequence";

    /// <summary>The last message a mail about a conversation shows.</summary>
    public const string UpToSequence = "upToSequence";

    /// <summary>A webhook endpoint's id.</summary>
    public const string EndpointId = "endpointId";

    /// <summary>How many items of one kind of data a purge removed: the name is this prefix and the counter (<c>removed.messages</c>).</summary>
    public const string RemovedPrefix = "removed.";

    /// <summary>How many holders a purge left alone because of a legal hold.</summary>
    public const string Held = "held";
}
