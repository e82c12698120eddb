using Orbitalyntra.Accounts;

namespace Orbitalyntra.Quotas;

/// <summary>
/// The limits in force for a grain's tenant, read from the tenant grain at most every <see cref="Freshness"/>: a grain
/// that counts asks once in a while, not on every request, and an administrator's change applies within that time.
/// </summary>
internal sealed class TenantQuotaReader(string tenantId)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    private (QuotaLimits Limits, DateTimeOffset ReadAt)? known;

    public async Task<QuotaLimits> InForce(IGrainFactory grains, DateTimeOffset now)
    {
        if (known is not { } read || now - read.ReadAt > Freshness)
        {
            known = read = ((await grains.GetGrain<ITenantGrain>(tenantId).GetQuotas())?.InForce ?? QuotaLimits.Default, now);
        }

        return read.Limits;
    }
}
