using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Integrations;

/// <summary>
/// The bodies sent: <c>{"type", "timestamp", "data"}</c> as the Standard Webhooks specification recommends, with ids, kinds
/// and times in <c>data</c> (docs/integrations.md shows each).
/// </summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = Privacy.ExportJson.Options;

    /// <summary>An event's <c>data</c> object as JSON.</summary>
    public static string Data(object data) => JsonSerializer.Serialize(data, Json);

    /// <summary>The id of a message's event: the same for every attempt and replay of it.</summary>
    public static string MessageEventId(Guid conversationId, long sequence) => $"msg_{conversationId:N}_{sequence}";

    /// <summary>The <c>data</c> of <c>message.created</c>; the text only when the endpoint opted in.</summary>
    public static string MessageData(Guid conversationId, ChatMessage message, bool withText) => Data(new
    {
        conversationId,
        sequence = message.Sequence,
        sender = new { role = message.Sender.Role, id = message.Sender.Id },
        sentAt = message.SentAt,
        text = withText ? message.Text : null,
        file = message.File is { } file ? new { contentType = file.ContentType, size = file.Size } : null,
    });

    /// <summary>The body of an event.</summary>
    public static string Body(string type, DateTimeOffset at, string data) => new JsonObject
    {
        ["type"] = type,
        ["timestamp"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["data"] = JsonNode.Parse(data),
    }.ToJsonString();
}
