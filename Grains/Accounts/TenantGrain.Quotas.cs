using Orbitalyntra.Quotas;

namespace Orbitalyntra.Accounts;

/// <summary>The tenant's visitor limits (docs/decisions/0043): its choice is stored; its own two buckets live in memory.</summary>
public sealed partial class TenantGrain
{
    private TokenBucket? visitorTokens;
    private TokenBucket? visitorConversations;
    private DateTimeOffset? visitorTokenRefusedAt;

    private QuotaLimits QuotasInForce => (Exists ? state.State.Quotas : null) ?? quotaOptions.Value.Defaults;

    private TenantQuotas Quotas => new(QuotasInForce, Exists && state.State.Quotas is not null, quotaOptions.Value.Defaults, quotaOptions.Value.Maxima);

    Task<TenantQuotas?> ITenantGrain.GetQuotas() => Task.FromResult(Exists ? Quotas : null);

    async Task<TenantQuotas?> ITenantGrain.SetQuotas(QuotaLimits? limits)
    {
        if (!Exists)
        {
            return null;
        }

        if (limits?.Problems(quotaOptions.Value.Maxima) is { Count: > 0 })
        {
            throw new ArgumentException("The limits break QuotaLimits' rules.", nameof(limits));
        }

        await Save(state.State with { Quotas = limits });
        return Quotas;
    }

    Task<QuotaRefusal?> ITenantGrain.TakeVisitorToken()
    {
        var limit = QuotasInForce.VisitorTokensPerMinute;
        var refusal = Take(ref visitorTokens, QuotaKind.VisitorTokens, limit);
        if (refusal is not null)
        {
            visitorTokenRefusedAt = time.GetUtcNow();
        }

        return Task.FromResult(refusal);
    }

    Task<VisitorChallenge?> ITenantGrain.GetVisitorChallenge() => Task.FromResult(Exists ? Challenge : null);

    async Task<VisitorChallenge?> ITenantGrain.SetVisitorChallenge(VisitorChallengeMode mode)
    {
        if (!Exists)
        {
            return null;
        }

        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a visitor challenge mode.");
        }

        await Save(state.State with { VisitorChallenge = mode });
        return Challenge;
    }

    /// <summary>The automatic mode asks for challenges while the widget key's visitor-token limit refused one lately.</summary>
    private VisitorChallenge Challenge => new(state.State.VisitorChallenge, state.State.VisitorChallenge switch
    {
        VisitorChallengeMode.Always => true,
        VisitorChallengeMode.Automatic => visitorTokenRefusedAt is { } refusedAt && time.GetUtcNow() - refusedAt < VisitorChallenge.UnderAttackFor,
        _ => false,
    });

    Task<QuotaRefusal?> ITenantGrain.TakeVisitorConversation()
    {
        var limit = QuotasInForce.VisitorConversationsPerMinute;
        return Task.FromResult(Take(ref visitorConversations, QuotaKind.TenantConversations, limit));
    }

    private QuotaRefusal? Take(ref TokenBucket? bucket, QuotaKind kind, int perMinute)
    {
        var now = time.GetUtcNow();
        bucket = TokenBucket.Fit(bucket, perMinute, TimeSpan.FromMinutes(1), now);
        return bucket.TryTake(now) is { } retryAfter ? new QuotaRefusal(kind, perMinute, retryAfter).Counted() : null;
    }
}
