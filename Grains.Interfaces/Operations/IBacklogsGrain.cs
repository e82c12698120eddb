using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Orbitalyntra.Operations;

/// <summary>
/// The cluster's backlogs that operators watch (docs/decisions/0029): open and overdue data-subject requests, mail
/// waiting in the outboxes. Each tenant's grain reports its own figure whenever it changes; the one activation of this
/// grain (key <see cref="Key"/>) keeps the figure per tenant and publishes the totals as gauges of the silo it lives
/// on. Tenant ids and counts only.
/// </summary>
[Alias("orbitalyntra.operations.IBacklogsGrain")]
public interface IBacklogsGrain : IGrainWithStringKey
{
    /// <summary>The key of the cluster's one backlog grain.</summary>
    public const string Key = "cluster";

    /// <summary>Records <paramref name="tenantId"/>'s current <paramref name="count"/> of <paramref name="backlog"/>; 0 forgets it.</summary>
    [Alias("Report"), OneWay]
    Task Report(Backlog backlog, string tenantId, int count);

    /// <summary>Every backlog's total over the tenants.</summary>
    [Alias("Totals")]
    Task<ImmutableDictionary<Backlog, long>> Totals();
}

/// <summary>What the operators' gauges count.</summary>
public enum Backlog
{
    /// <summary>Data-subject requests not yet completed or refused.</summary>
    OpenPrivacyRequests,

    /// <summary>Open data-subject requests past their deadline.</summary>
    OverduePrivacyRequests,

    /// <summary>Mail queued in the tenants' outboxes, not yet accepted by the SMTP server nor given up.</summary>
    PendingMail,
}

/// <summary>How a tenant's grain reports its figures.</summary>
public static class Backlogs
{
    /// <summary>Reports without waiting: a gauge a little late never holds up the change it counts.</summary>
    public static void Report(this IGrainFactory grains, Backlog backlog, string tenantId, int count) =>
        grains.GetGrain<IBacklogsGrain>(IBacklogsGrain.Key).Report(backlog, tenantId, count).Ignore();
}
