using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orbitalyntra.Privacy;

/// <summary>
/// One item of a subject's export, written by the holder that keeps it: a conversation with its messages, a visitor
/// session... Items travel as JSON so that the export is assembled without knowing the holders' types.
/// </summary>
/// <param name="Section">The export section it belongs to (a property of the export's JSON, e.g. <c>conversations</c>).</param>
/// <param name="At">When it began: items of a section are exported oldest first.</param>
/// <param name="Json">The item itself, in the export's JSON (<see cref="ExportJson.Options"/>).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.export-item")]
public sealed record ExportItem([property: Id(0)] string Section, [property: Id(1)] DateTimeOffset At, [property: Id(2)] string Json)
{
    /// <summary>The item <paramref name="value"/> of <paramref name="section"/>, written in the export's JSON.</summary>
    public static ExportItem Of<T>(string section, DateTimeOffset at, T value) =>
        new(section, at, JsonSerializer.Serialize(value, ExportJson.Options));
}

/// <summary>
/// An export section every export carries, empty when no holder wrote to it, so that the export's schema can require it.
/// Registered in the silo's services by the domain that writes it; sections appear in the order they were registered.
/// </summary>
/// <param name="Name">The section's property name in the export.</param>
public sealed record ExportSection(string Name);

/// <summary>The JSON of exports: the web API's conventions (camelCase names, enums as camelCase strings).</summary>
public static class ExportJson
{
    /// <summary>The options every holder writes its items with.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };
}
