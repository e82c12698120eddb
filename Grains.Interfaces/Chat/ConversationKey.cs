namespace Orbitalyntra.Chat;

/// <summary>
/// The identity of a conversation: its tenant and an opaque id. Its string form is the grain key, the stream key
/// and the prefix of the log's row keys, so every key carries the tenant.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.chat.conversation-key")]
public readonly record struct ConversationKey([property: Id(0)] string TenantId, [property: Id(1)] Guid ConversationId)
{
    /// <summary>The key as one string: <c>{tenantId}:{conversationId without dashes}</c>.</summary>
    public override string ToString() => $"{TenantId}:{ConversationId:N}";

    /// <summary>Parses the string form made by <see cref="ToString"/>.</summary>
    public static ConversationKey Parse(string key)
    {
        var separator = key.LastIndexOf(':');
        if (separator <= 0 || !Guid.TryParseExact(key[(separator + 1)..], "N", out var id))
        {
            throw new FormatException($"'{key}' is not a conversation key.");
        }

        return new ConversationKey(key[..separator], id);
    }
}
