using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orbitalyntra.Privacy;

/// <summary>
/// Everything held about a data subject, in the structured, machine-readable form of GDPR art. 15 and 20; described
/// by docs/schemas/subject-export.schema.json (<see cref="SchemaVersion"/>). The subject's own record (contact, consents,
/// flags) comes first; then one section per kind of holder (conversations, sessions...), each written by its holders.
/// </summary>
/// <param name="SchemaVersion">The version of the schema the export follows.</param>
/// <param name="ExportedAt">When the export was made.</param>
/// <param name="TenantId">The tenant (the controller) holding the data.</param>
/// <param name="SubjectId">The subject's opaque id.</param>
/// <param name="Contact">The contact fields held, if any.</param>
/// <param name="Consents">The consent ledger, oldest first.</param>
/// <param name="Restricted">Whether processing is restricted.</param>
/// <param name="Objected">Whether the subject objected to processing.</param>
/// <param name="Sections">The holders' sections, in the order they were registered; their items oldest first.</param>
/// <param name="Mail">Mail to the subject's address (in <see cref="Contact"/>): its confirmation and preferences; null when they asked for none.</param>
/// <param name="Transparency">The privacy notice in force, the controller's contact and where to complain (the CNIL).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.subject-export")]
[JsonConverter(typeof(SubjectExportJsonConverter))]
public sealed record SubjectExport(
    [property: Id(0)] string SchemaVersion,
    [property: Id(1)] DateTimeOffset ExportedAt,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string SubjectId,
    [property: Id(4)] ContactDetails? Contact,
    [property: Id(5)] IReadOnlyList<ConsentEntry> Consents,
    [property: Id(6)] bool Restricted,
    [property: Id(7)] bool Objected,
    [property: Id(8)] IReadOnlyList<ExportSectionItems> Sections,
    [property: Id(9)] MailExport? Mail = null,
    [property: Id(10)] Transparency? Transparency = null)
{
    /// <summary>The schema version this code writes.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>The items of section <paramref name="name"/> read as <typeparamref name="T"/>; empty when there is no such section.</summary>
    public IReadOnlyList<T> Section<T>(string name) =>
        [.. Sections.Where(s => s.Name == name).SelectMany(s => s.Items).Select(item => JsonSerializer.Deserialize<T>(item, ExportJson.Options)!)];
}

/// <summary>Mail to a subject's address as an export shows it.</summary>
/// <param name="Confirmed">The subject confirmed the address (double opt-in).</param>
/// <param name="ConfirmedAt">When.</param>
/// <param name="ConfirmationRequestedAt">When the last confirmation link was sent for.</param>
/// <param name="Language">The language of their mail.</param>
/// <param name="OptedOut">The optional mail they turned off.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.mail-export")]
public sealed record MailExport(
    [property: Id(0)] bool Confirmed,
    [property: Id(1)] DateTimeOffset? ConfirmedAt,
    [property: Id(2)] DateTimeOffset? ConfirmationRequestedAt,
    [property: Id(3)] string Language,
    [property: Id(4)] IReadOnlyList<Notifications.MailTopic> OptedOut);

/// <summary>One section of an export: its name and its items' JSON.</summary>
/// <param name="Name">The section's property name in the export.</param>
/// <param name="Items">Its items, each a JSON value, oldest first.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.export-section-items")]
public sealed record ExportSectionItems([property: Id(0)] string Name, [property: Id(1)] IReadOnlyList<string> Items);

/// <summary>
/// Writes an export as one JSON object: the record's fields, then each section as an array property holding its
/// holders' items as they wrote them; reads it back the same way.
/// </summary>
public sealed class SubjectExportJsonConverter : JsonConverter<SubjectExport>
{
    private static readonly string[] RecordFields =
        ["schemaVersion", "exportedAt", "tenantId", "subjectId", "contact", "consents", "restricted", "objected", "mail", "transparency"];

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, SubjectExport export, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("schemaVersion", export.SchemaVersion);
        writer.WritePropertyName("exportedAt");
        JsonSerializer.Serialize(writer, export.ExportedAt, options);
        writer.WriteString("tenantId", export.TenantId);
        writer.WriteString("subjectId", export.SubjectId);
        writer.WritePropertyName("contact");
        JsonSerializer.Serialize(writer, export.Contact, options);
        writer.WritePropertyName("consents");
        JsonSerializer.Serialize(writer, export.Consents, options);
        writer.WriteBoolean("restricted", export.Restricted);
        writer.WriteBoolean("objected", export.Objected);
        if (export.Mail is { } mail)
        {
            writer.WritePropertyName("mail");
            JsonSerializer.Serialize(writer, mail, options);
        }

        if (export.Transparency is { } transparency)
        {
            writer.WritePropertyName("transparency");
            JsonSerializer.Serialize(writer, transparency, options);
        }

        foreach (var section in export.Sections)
        {
            writer.WriteStartArray(section.Name);
            foreach (var item in section.Items)
            {
                writer.WriteRawValue(item);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override SubjectExport Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        T Field<T>(string name) => root.GetProperty(name).Deserialize<T>(options)!;
        return new SubjectExport(
            Field<string>("schemaVersion"),
            Field<DateTimeOffset>("exportedAt"),
            Field<string>("tenantId"),
            Field<string>("subjectId"),
            root.GetProperty("contact").Deserialize<ContactDetails?>(options),
            Field<List<ConsentEntry>>("consents"),
            Field<bool>("restricted"),
            Field<bool>("objected"),
            [.. root.EnumerateObject()
                .Where(p => !RecordFields.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.Array)
                .Select(p => new ExportSectionItems(p.Name, [.. p.Value.EnumerateArray().Select(item => item.GetRawText())]))],
            root.TryGetProperty("mail", out var mail) ? mail.Deserialize<MailExport>(options) : null,
            root.TryGetProperty("transparency", out var transparency) ? transparency.Deserialize<Transparency>(options) : null);
    }
}
