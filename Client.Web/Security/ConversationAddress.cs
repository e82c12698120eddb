using Orbitalyntra.Chat;

namespace Orbitalyntra.Web.Security;

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
