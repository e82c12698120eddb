namespace Orbitalyntra.Chat;

/// <summary>One conversation in a subject's export (its section <see cref="Section"/>), with its messages as the subject may see them.</summary>
/// <param name="ConversationId">Its id.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Status">Its status at the time of the export.</param>
/// <param name="Messages">Its messages, oldest first: staff notes left out, except the subject's own.</param>
public sealed record ExportedConversation(Guid ConversationId, DateTimeOffset StartedAt, ConversationStatus Status, IReadOnlyList<ExportedMessage> Messages)
{
    /// <summary>The export section conversations write.</summary>
    public const string Section = "conversations";
}

/// <summary>One message in an export.</summary>
/// <param name="Sequence">Its place in the conversation.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="AuthorRole">Visitor or agent.</param>
/// <param name="ByYou">Written by the subject.</param>
/// <param name="Text">The text (a file's name for a file); empty when erased.</param>
/// <param name="Erased">Its author's data was erased.</param>
/// <param name="File">The file sent as this message, with its content when the subject sent it.</param>
public sealed record ExportedMessage(long Sequence, DateTimeOffset SentAt, SenderRole AuthorRole, bool ByYou, string Text, bool Erased, ExportedFile? File = null);

/// <summary>A file in an export.</summary>
/// <param name="ContentType">Its content type.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="ContentBase64">Its content in base64, for the files the subject sent; null for others'.</param>
public sealed record ExportedFile(string ContentType, long Size, string? ContentBase64);
