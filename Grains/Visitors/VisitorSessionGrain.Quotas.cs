using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Quotas;

namespace Orbitalyntra.Visitors;

/// <summary>
/// The visitor's own limits (docs/decisions/0043): conversations started an hour, and open at once. Both live in this
/// activation's memory: a deactivation or a silo restart forgets them, and nothing is written per conversation.
/// </summary>
public sealed partial class VisitorSessionGrain
{
    private readonly HashSet<Guid> openConversations = [];
    private TokenBucket? conversationsStarted;
    private TenantQuotaReader? quotaReader;

    async Task<QuotaRefusal?> IVisitorSessionGrain.AdmitConversation(Guid conversationId)
    {
        var now = time.GetUtcNow();
        var limits = await (quotaReader ??= new TenantQuotaReader(Key.TenantId)).InForce(GrainFactory, now);
        if (openConversations.Count >= limits.OpenConversationsPerVisitor)
        {
            await ForgetResolved();
            if (openConversations.Count >= limits.OpenConversationsPerVisitor)
            {
                return new QuotaRefusal(QuotaKind.OpenConversations, limits.OpenConversationsPerVisitor, QuotaRefusal.OpenConversationsRetry).Counted();
            }
        }

        conversationsStarted = TokenBucket.Fit(conversationsStarted, limits.ConversationsPerVisitorPerHour, TimeSpan.FromHours(1), now);
        if (conversationsStarted.WaitFor(now) is { } retryAfter)
        {
            return new QuotaRefusal(QuotaKind.VisitorConversations, limits.ConversationsPerVisitorPerHour, retryAfter).Counted();
        }

        if (await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).TakeVisitorConversation() is { } refused)
        {
            return refused;
        }

        // Taken only now, with the tenant's: a conversation the tenant refused costs the visitor nothing.
        conversationsStarted.TryTake(now);
        openConversations.Add(conversationId);
        return null;
    }

    /// <summary>Drops the conversations resolved (or purged) since they were started: they no longer count as open.</summary>
    private async Task ForgetResolved()
    {
        foreach (var conversationId in openConversations.ToList())
        {
            var summary = await GrainFactory.Conversation(new ConversationKey(Key.TenantId, conversationId)).GetSummary();
            if (summary is null or { Status: ConversationStatus.Resolved })
            {
                openConversations.Remove(conversationId);
            }
        }
    }
}
