using Orbitalyntra.Chat;

namespace Orbitalyntra.Privacy;

/// <summary>
/// Everything held about a data subject, in the structured, machine-readable form of GDPR art. 15 and 20; described
/// by docs/schemas/subject-export.schema.json (<see cref="SchemaVersion"/>).
/// </summary>
/// <param name="SchemaVersion">The version of the schema the export follows.</param>
/// <param name="ExportedAt">When the export was made.</param>
/// <param name="TenantId">The tenant (the controller) holding the data.</param>
/// <param name="SubjectId">The subject's opaque id.</param>
/// <param name="Contact">The contact fields held, if any.</param>
/// <param name="Consents">The consent ledger, oldest first.</param>
/// <param name="Restricted">Whether processing is restricted.</param>
/// <param name="Objected">Whether the subject objected to processing.</param>
/// <param name="Conversations">The conversations the subject wrote in, with their messages (staff notes left out, except the subject's own).</param>
/// <param name="Sessions">The subject's browsing on the tenant's site, as kept (reduced at ingestion).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.subject-export")]
public sealed record SubjectExport(
    [property: Id(0)] string SchemaVersion,
    [property: Id(1)] DateTimeOffset ExportedAt,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string SubjectId,
    [property: Id(4)] ContactDetails? Contact,
    [property: Id(5)] IReadOnlyList<ConsentEntry> Consents,
    [property: Id(6)] bool Restricted,
    [property: Id(7)] bool Objected,
    [property: Id(8)] IReadOnlyList<ExportedConversation> Conversations,
    [property: Id(9)] IReadOnlyList<Visitors.VisitorSession> Sessions)
{
    /// <summary>The schema version this code writes.</summary>
    public const string CurrentSchemaVersion = "1.0";
}

/// <summary>One conversation in an export.</summary>
/// <param name="ConversationId">Its id.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Status">Its status at the time of the export.</param>
/// <param name="Messages">Its messages, oldest first.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.exported-conversation")]
public sealed record ExportedConversation(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] ConversationStatus Status,
    [property: Id(3)] IReadOnlyList<ExportedMessage> Messages);

/// <summary>One message in an export.</summary>
/// <param name="Sequence">Its place in the conversation.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="AuthorRole">Visitor or agent.</param>
/// <param name="ByYou">Written by the subject.</param>
/// <param name="Text">The text (a file's name for a file); empty when erased.</param>
/// <param name="Erased">Its author's data was erased.</param>
/// <param name="File">The file sent as this message, with its content when the subject sent it.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.exported-message")]
public sealed record ExportedMessage(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset SentAt,
    [property: Id(2)] SenderRole AuthorRole,
    [property: Id(3)] bool ByYou,
    [property: Id(4)] string Text,
    [property: Id(5)] bool Erased,
    [property: Id(6)] ExportedFile? File = null);

/// <summary>A file in an export.</summary>
/// <param name="ContentType">Its content type.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="ContentBase64">Its content in base64, for the files the subject sent; null for others'.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.exported-file")]
public sealed record ExportedFile(
    [property: Id(0)] string ContentType,
    [property: Id(1)] long Size,
    [property: Id(2)] string? ContentBase64);
