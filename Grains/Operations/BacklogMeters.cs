using System.Collections.Immutable;
using System.Diagnostics.Metrics;

namespace Orbitalyntra.Operations;

/// <summary>
/// The backlog gauges of a silo: they have values only on the silo where <see cref="BacklogsGrain"/> lives, so that a
/// sum over the silos counts every backlog once.
/// </summary>
public sealed class BacklogMeters : IDisposable
{
    private readonly Meter meter = new("Orbitalyntra.Operations");
    private ImmutableDictionary<Backlog, long>? totals;

    public BacklogMeters()
    {
        Gauge(Backlog.OpenPrivacyRequests, "orbitalyntra.privacy.requests.open", "{request}", "Data-subject requests not yet completed or refused, over every tenant.");
        Gauge(Backlog.OverduePrivacyRequests, "orbitalyntra.privacy.requests.overdue", "{request}", "Open data-subject requests past their deadline, over every tenant.");
        Gauge(Backlog.PendingMail, "orbitalyntra.mail.outbox.pending", "{mail}", "Mail waiting in the outboxes to be sent or retried, over every tenant.");
        Gauge(Backlog.PendingWebhookEvents, "orbitalyntra.webhooks.pending", "{event}", "Webhook events waiting for delivery, over every tenant and endpoint.");
    }

    /// <summary>The totals to publish from now on; null when the backlog grain leaves this silo.</summary>
    internal void Publish(ImmutableDictionary<Backlog, long>? current) => Volatile.Write(ref totals, current);

    public void Dispose() => meter.Dispose();

    private void Gauge(Backlog backlog, string name, string unit, string description) =>
        meter.CreateObservableGauge(name, () => Volatile.Read(ref totals) is { } current ? [new Measurement<long>(current[backlog])] : Array.Empty<Measurement<long>>(), unit, description);
}
