using Orbitalyntra.Chat;

namespace Orbitalyntra.Web.Apis;

/// <summary>The body of a message post (REST) or the argument of <c>SendMessage</c> (hub). The author is the caller.</summary>
/// <param name="ClientMessageId">Chosen by the sender, unique per sender; a retry with the same id stores nothing new.</param>
/// <param name="Text">1 to 8,192 bytes of UTF-8.</param>
public sealed record PostMessageRequest(string? ClientMessageId, string? Text)
{
    public PostMessage ToCommand(Sender sender, bool isNote = false) => new(ClientMessageId ?? "", sender, Text ?? "", isNote);
}

/// <summary>A conversation's address as it arrives in a route or a hub call, checked before any grain call.</summary>
public static class ConversationAddress
{
    /// <summary>Parses a tenant id and a conversation id (a GUID as 32 hex digits, with or without dashes); false when either is malformed.</summary>
    public static bool TryParse(string? tenantId, string? conversationId, out ConversationKey key)
    {
        key = default;
        if (!Accounts.TenantIds.IsValid(tenantId)
            || !(Guid.TryParseExact(conversationId, "D", out var id) || Guid.TryParseExact(conversationId, "N", out id)))
        {
            return false;
        }

        key = new ConversationKey(tenantId!, id);
        return true;
    }
}
