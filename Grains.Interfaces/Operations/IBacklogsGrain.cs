using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Orbitalyntra.Operations;

/// <summary>
/// The cluster's backlogs that operators watch (docs/decisions/0029): open and overdue data-subject requests, mail
/// waiting in the outboxes, webhook events waiting for delivery. Each grain that holds a backlog (a tenant's request
/// queue or outbox, one endpoint's deliveries of one conversation) reports its own figure whenever it changes; the one
/// activation of this grain (key <see cref="Key"/>) keeps the figure per reporting grain and publishes the totals as
/// gauges of the silo it lives on. Opaque keys and counts only.
/// </summary>
[Alias("orbitalyntra.operations.IBacklogsGrain")]
public interface IBacklogsGrain : IGrainWithStringKey
{
    /// <summary>The key of the cluster's one backlog grain.</summary>
    public const string Key = "cluster";

    /// <summary>Records the current <paramref name="count"/> of <paramref name="backlog"/> held by <paramref name="owner"/> (the reporting grain's key); 0 forgets it.</summary>
    [Alias("Report"), OneWay]
    Task Report(Backlog backlog, string owner, int count);

    /// <summary>
    /// Forgets every figure of <paramref name="tenantId"/>'s grains and writes that at once (a deleted tenant leaves no
    /// trace here); answers how many it forgot.
    /// </summary>
    [Alias("Forget")]
    Task<int> Forget(string tenantId);

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

    /// <summary>Webhook events waiting for delivery (retried or behind one that is), endpoints given up on included.</summary>
    PendingWebhookEvents,
}

/// <summary>How a tenant's grain reports its figures.</summary>
public static class Backlogs
{
    /// <summary>Reports without waiting: a gauge a little late never holds up the change it counts.</summary>
    public static void Report(this IGrainFactory grains, Backlog backlog, string owner, int count) =>
        grains.GetGrain<IBacklogsGrain>(IBacklogsGrain.Key).Report(backlog, owner, count).Ignore();
}
