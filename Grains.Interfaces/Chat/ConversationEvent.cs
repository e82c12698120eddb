namespace Orbitalyntra.Chat;

/// <summary>What a conversation tells its watchers: its new messages, and the passing signals of its participants.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.event")]
public abstract record ConversationEvent;

/// <summary>What a conversation channel's stream carries (<see cref="ChatStreams.ForChannelOf"/>): an event and whose it is.</summary>
/// <param name="Conversation">The conversation the event belongs to.</param>
/// <param name="Event">The event.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.channel-event")]
public sealed record ChannelEvent([property: Id(0)] ConversationKey Conversation, [property: Id(1)] ConversationEvent Event);

/// <summary>A message was durably stored.</summary>
/// <param name="Message">The stored message.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.event.message-added")]
public sealed record MessageAdded([property: Id(0)] ChatMessage Message) : ConversationEvent;

/// <summary>A participant is typing a reply (not stored; receivers show it for a few seconds).</summary>
/// <param name="Sender">Who is typing.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.event.typing")]
public sealed record ParticipantTyping([property: Id(0)] Sender Sender) : ConversationEvent;

/// <summary>A participant received, or read, every message up to a sequence number.</summary>
/// <param name="Reader">Who received or read them.</param>
/// <param name="Kind">Delivered or read.</param>
/// <param name="UpToSequence">The newest message covered.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.event.receipt")]
public sealed record MessagesAcknowledged(
    [property: Id(0)] Sender Reader,
    [property: Id(1)] ReceiptKind Kind,
    [property: Id(2)] long UpToSequence) : ConversationEvent;

/// <summary>What a receipt says.</summary>
public enum ReceiptKind
{
    /// <summary>The messages reached the participant's device.</summary>
    Delivered = 1,

    /// <summary>The participant saw them.</summary>
    Read = 2,
}
