namespace Orbitalyntra.Chat;

/// <summary>
/// A message as the log keeps it: its text sealed with the author's data key (see Privacy/Sealing), so that erasing
/// the author makes it unreadable everywhere at once. <see cref="SealedText"/> is null once the author is erased; a
/// file's attachment stays, so that deleting its content can be retried. An assistant's message has no sealed text (it
/// holds nobody's personal data): its <see cref="Suggestions"/> are stored as they are and its text is made from them.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.stored-message")]
public sealed record StoredMessage(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string ClientMessageId,
    [property: Id(2)] Sender Sender,
    [property: Id(3)] byte[]? SealedText,
    [property: Id(4)] DateTimeOffset SentAt,
    [property: Id(5)] bool IsNote,
    [property: Id(6)] FileAttachment? File = null,
    [property: Id(7)] IReadOnlyList<Faq.FaqSuggestion>? Suggestions = null)
{
    /// <summary>The same message with its text and client message id gone, its place in the sequence kept.</summary>
    public StoredMessage Erased() => this with { SealedText = null, ClientMessageId = "" };
}
