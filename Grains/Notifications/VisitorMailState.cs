using System.Collections.Immutable;

namespace Orbitalyntra.Notifications;

/// <summary>
/// What a visitor's mail grain keeps: the replies it watches and the transcripts that wait for the address's confirmation;
/// conversation ids and sequence numbers only, never an address or a text. Empty, it is not stored at all.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.visitor-mail-state")]
public sealed record VisitorMailState(
    [property: Id(0)] ImmutableList<ReplyWatch> Watches,
    [property: Id(1)] ImmutableList<TranscriptRequest> Transcripts)
{
    public VisitorMailState()
        : this([], [])
    {
    }

    public bool IsEmpty() => Watches.IsEmpty && Transcripts.IsEmpty;

    /// <summary>The watch of <paramref name="conversationId"/>, if its replies are watched.</summary>
    public ReplyWatch? Watch(Guid conversationId) => Watches.Find(w => w.ConversationId == conversationId);

    /// <summary>These watches with <paramref name="conversationId"/>'s replaced by <paramref name="watch"/> (none: dropped).</summary>
    public VisitorMailState WithWatch(Guid conversationId, ReplyWatch? watch) => this with
    {
        Watches = Watches.RemoveAll(w => w.ConversationId == conversationId).AddRange(watch is null ? [] : [watch]),
    };
}

/// <summary>A transcript asked for before the address was confirmed: the conversation up to its newest message then.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.transcript-request")]
public sealed record TranscriptRequest(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long UpToSequence,
    [property: Id(2)] DateTimeOffset RequestedAt);
