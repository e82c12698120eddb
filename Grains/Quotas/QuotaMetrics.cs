using System.Diagnostics.Metrics;

namespace Orbitalyntra.Quotas;

/// <summary>The quotas' meter (docs/decisions/0029): refusals counted by limit, no tenant or person in any tag.</summary>
internal static class QuotaMetrics
{
    private static readonly Meter Meter = new("Orbitalyntra.Quotas");

    private static readonly Counter<long> Refusals =
        Meter.CreateCounter<long>("orbitalyntra.quota.refusals", "{request}", "Requests refused because they would go over a quota (429).");

    /// <summary>Counts <paramref name="refusal"/> and answers it.</summary>
    public static QuotaRefusal Counted(this QuotaRefusal refusal)
    {
        Refusals.Add(1, new KeyValuePair<string, object?>("quota", refusal.Kind.ToString()));
        return refusal;
    }
}
