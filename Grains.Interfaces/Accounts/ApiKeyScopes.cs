namespace Orbitalyntra.Accounts;

/// <summary>
/// What an API key may do (docs/decisions/0051-api-key-scopes.md). <see cref="Admin"/> is everything a tenant
/// administrator may do, what every key did before scopes existed: a key stored without scopes keeps it.
/// </summary>
public static class ApiKeyScopes
{
    /// <summary>Everything the tenant's administrators may do, every other scope included.</summary>
    public const string Admin = "admin";

    /// <summary>Read a conversation's summary and its transcript (never private notes).</summary>
    public const string ConversationsRead = "conversations:read";

    /// <summary>Write the contact attributes of an identity-verified visitor.</summary>
    public const string ContactsWrite = "contacts:write";

    /// <summary>Manage the tenant's webhook endpoints, their secrets, deliveries and dead letters.</summary>
    public const string WebhooksManage = "webhooks:manage";

    /// <summary>Every scope a key may be given.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, ConversationsRead, ContactsWrite, WebhooksManage];

    /// <summary>The scopes of a key issued before scopes existed.</summary>
    public static readonly IReadOnlyList<string> OfKeysWithout = [Admin];

    /// <summary>Whether <paramref name="scope"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string? scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>Whether a key with <paramref name="granted"/> may act with <paramref name="needed"/>: the scope itself or <see cref="Admin"/>.</summary>
    public static bool Allow(IEnumerable<string> granted, string needed) =>
        granted.Any(scope => scope == Admin || scope == needed);
}
