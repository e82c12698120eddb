using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orbitalyntra.Retention;

/// <summary>
/// Writes a purge report as one flat JSON object, each count a property of its own
/// (<c>{ runId, startedAt, completedAt, conversations, messages, …, failed, held }</c>), and reads it back the same way.
/// </summary>
public sealed class PurgeReportJsonConverter : JsonConverter<PurgeReport>
{
    private static readonly string[] ReportFields = ["runId", "startedAt", "completedAt", "failed", "held"];

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, PurgeReport report, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("runId", report.RunId);
        writer.WritePropertyName("startedAt");
        JsonSerializer.Serialize(writer, report.StartedAt, options);
        writer.WritePropertyName("completedAt");
        JsonSerializer.Serialize(writer, report.CompletedAt, options);
        foreach (var count in report.Removed)
        {
            writer.WriteNumber(count.Counter, count.Count);
        }

        writer.WriteNumber("failed", report.Failed);
        writer.WriteNumber("held", report.Held);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override PurgeReport Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return new PurgeReport(
            root.GetProperty("runId").GetGuid(),
            root.GetProperty("startedAt").Deserialize<DateTimeOffset>(options),
            root.GetProperty("completedAt").Deserialize<DateTimeOffset>(options),
            [.. root.EnumerateObject()
                .Where(p => !ReportFields.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.Number)
                .Select(p => new PurgeCount(p.Name, p.Value.GetInt32()))],
            root.GetProperty("failed").GetInt32(),
            root.TryGetProperty("held", out var held) ? held.GetInt32() : 0);
    }
}
