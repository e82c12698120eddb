using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Orbitalyntra.Notifications;

/// <summary>
/// Mail to one website visitor, keyed by their subject key (<c>{tenantId}:{visitorId}</c>): the address they give in the
/// widget (kept sealed in their data-subject record) and its double opt-in link, the transcripts they ask for, and the
/// watch on agents' replies they have not read, mailed once after the tenant's delay (a timer while active, a reminder
/// after a crash). It keeps conversation ids and sequence numbers, never an address or a text, and is a holder of the
/// visitor's data (its erasure drops every watch and request). docs/decisions/0027-visitor-mail.md.
/// </summary>
[Alias("orbitalyntra.notifications.IVisitorMailGrain")]
public interface IVisitorMailGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records <paramref name="email"/> as the visitor's address and <paramref name="language"/> as their mail language,
    /// and queues the confirmation link unless this address is confirmed or its link was queued already. Null when the
    /// visitor was erased.
    /// </summary>
    [Alias("GiveAddress")]
    Task<VisitorMailStatus?> GiveAddress(string email, string language);

    /// <summary>The visitor's address and whether it is confirmed; null when they gave none (or were erased).</summary>
    [Alias("GetStatus")]
    Task<VisitorMailStatus?> GetStatus();

    /// <summary>
    /// Confirms the address with the token of its confirmation link (valid until <paramref name="expires"/>, Unix seconds,
    /// and only for the address it was sent to); then sends what waited for the confirmation. False when the link is not
    /// valid (any more).
    /// </summary>
    [Alias("Confirm")]
    Task<bool> Confirm(long expires, string token);

    /// <summary>
    /// Mails the transcript of <paramref name="conversationId"/>, which must be the visitor's own, up to its newest message
    /// now; with an address not yet confirmed, it is sent once the visitor confirms.
    /// </summary>
    [Alias("RequestTranscript")]
    Task<TranscriptRequestOutcome> RequestTranscript(Guid conversationId);

    /// <summary>
    /// An agent's reply <paramref name="sequence"/> in the visitor's conversation was stored at <paramref name="sentAt"/>:
    /// mailed if the visitor has not read it within the tenant's delay. One way: the conversation never waits for it.
    /// </summary>
    [Alias("AgentReplied"), OneWay]
    Task AgentReplied(Guid conversationId, long sequence, DateTimeOffset sentAt);

    /// <summary>The visitor read every message up to <paramref name="upToSequence"/> (a read receipt): those replies are not mailed.</summary>
    [Alias("VisitorRead"), OneWay]
    Task VisitorRead(Guid conversationId, long upToSequence);

    /// <summary>
    /// True when <paramref name="token"/> is the one a mail to this visitor put in its link back to
    /// <paramref name="conversationId"/>, valid until <paramref name="expires"/> (Unix seconds), and the visitor was not erased.
    /// </summary>
    [Alias("VerifyResume"), AlwaysInterleave]
    Task<bool> VerifyResume(Guid conversationId, long expires, string token);

    /// <summary>The replies watched now, by conversation: what waits for the delay or for the confirmation.</summary>
    [Alias("Watches")]
    Task<IReadOnlyList<ReplyWatch>> Watches();
}

/// <summary>A visitor's mail address as they see it.</summary>
/// <param name="Email">The address they gave.</param>
/// <param name="Confirmed">They followed its confirmation link: mail that shows conversations may go to it.</param>
/// <param name="Language">The language of their mail, <c>fr</c> or <c>en</c>.</param>
/// <param name="OptedOut">The optional mail they turned off.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.visitor-mail-status")]
public sealed record VisitorMailStatus(
    [property: Id(0)] string Email,
    [property: Id(1)] bool Confirmed,
    [property: Id(2)] string Language,
    [property: Id(3)] ImmutableSortedSet<MailTopic> OptedOut);

/// <summary>What became of a transcript request.</summary>
public enum TranscriptRequestOutcome
{
    /// <summary>Queued for the confirmed address.</summary>
    Queued = 1,

    /// <summary>Kept until the visitor confirms their address, then queued.</summary>
    AwaitingConfirmation = 2,

    /// <summary>The visitor gave no address (or was erased).</summary>
    NoAddress = 3,

    /// <summary>There is no such conversation of this visitor.</summary>
    ConversationNotFound = 4,

    /// <summary>The conversation has no message yet.</summary>
    NothingToSend = 5,
}

/// <summary>
/// Agents' replies in one conversation that the visitor has not read: mailed together when the first of them has waited
/// the tenant's delay. Also the grain's stored state, one per conversation.
/// </summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="FirstUnread">The first reply not read (nor mailed).</param>
/// <param name="LastUnread">The newest reply not read.</param>
/// <param name="Since">
/// When the first of them was stored, or when the visitor last read part of them: they are mailed once the tenant's delay
/// has passed since then, unless read before.
/// </param>
/// <param name="AwaitingConfirmation">The delay passed while the address was not confirmed: they are mailed when it is.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.reply-watch")]
public sealed record ReplyWatch(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long FirstUnread,
    [property: Id(2)] long LastUnread,
    [property: Id(3)] DateTimeOffset Since,
    [property: Id(4)] bool AwaitingConfirmation = false);

/// <summary>Finding a visitor's mail grain by their <see cref="Privacy.SubjectKey"/>, not by a hand-made key string.</summary>
public static class VisitorMailGrains
{
    /// <summary>The mail grain of the visitor <paramref name="visitor"/>.</summary>
    public static IVisitorMailGrain VisitorMail(this IGrainFactory grains, Privacy.SubjectKey visitor) =>
        grains.GetGrain<IVisitorMailGrain>(visitor.ToString());
}
