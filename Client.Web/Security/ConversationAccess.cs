using System.Security.Claims;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// The one check in front of every conversation call, REST or hub: the caller belongs to the conversation's tenant, and
/// a visitor reaches only the conversations it started. Anything else is "not found", so nothing leaks across tenants.
/// </summary>
public sealed class ConversationAccess(IClusterClient cluster)
{
    /// <summary>The conversation when the caller may reach it; null when it does not exist or the caller may not.</summary>
    public async Task<(ConversationKey Key, ConversationSummary Summary)?> Find(ClaimsPrincipal caller, string? tenantId, string? conversationId)
    {
        if (!caller.BelongsTo(tenantId) || !ConversationAddress.TryParse(tenantId, conversationId, out var key))
        {
            return null;
        }

        var summary = await cluster.Conversation(key).GetSummary();
        if (summary is null || (caller.IsVisitor() && summary.VisitorId != caller.SubjectId()))
        {
            return null;
        }

        return (key, summary);
    }
}
