using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Integrations;

/// <summary>
/// A tenant's delivery log and dead letters (key: the tenant id). A tenant-wide retention holder (docs/decisions/0014):
/// attempts older than <see cref="WebhookOptions.LogLifetime"/> are purged; dead letters stay until replayed.
/// Attempts are written at most once per <see cref="WebhookOptions.LogFlushPeriod"/> (and on deactivation): one write per
/// delivery would make every endpoint's every event rewrite the tenant's whole log. A crash loses at most that much of
/// the log, never a dead letter (written at once).
/// </summary>
[GrainType(GrainTypeName)]
public sealed class WebhookLogGrain(
    [PersistentState("webhooklog")] IPersistentState<WebhookLogState> state,
    IOptions<WebhookOptions> options) : Grain, IWebhookLogGrain, IRetentionHolder
{
    /// <summary>The grain type, by which retention finds this tenant-wide holder.</summary>
    public const string GrainTypeName = "webhooklog";

    /// <summary>What a purge report counts of it.</summary>
    public const string LogEntriesCounter = "webhookLogEntries";

    private IGrainTimer? flush;
    private bool unwritten;

    private WebhookLogState Current => state.RecordExists || unwritten ? state.State : WebhookLogState.Empty;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (unwritten)
        {
            await Save(Current);
        }
    }

    async Task IWebhookLogGrain.Record(string endpointId, string deliveryKey, WebhookDelivery delivery)
    {
        var entry = new WebhookLogEntry(endpointId, deliveryKey, delivery);
        var log = Current.Log.Add(entry);
        if (log.Count > options.Value.LogEntriesKept)
        {
            log = log.RemoveRange(0, log.Count - options.Value.LogEntriesKept);
        }

        if (delivery.Status == DeliveryStatus.DeadLettered)
        {
            await Save(new WebhookLogState(log, Current.DeadLetters.Add(entry)));
            return;
        }

        state.State = new WebhookLogState(log, Current.DeadLetters);
        unwritten = true;
        flush ??= this.RegisterGrainTimer(Flush, new GrainTimerCreationOptions(options.Value.LogFlushPeriod, options.Value.LogFlushPeriod) { Interleave = false });
    }

    private async Task Flush()
    {
        if (unwritten)
        {
            await Save(Current);
            return;
        }

        flush?.Dispose();
        flush = null;
    }

    Task<IReadOnlyList<WebhookDelivery>> IWebhookLogGrain.Deliveries(string endpointId) =>
        Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. Current.Log.Where(e => e.EndpointId == endpointId).Select(e => e.Delivery).Reverse()]);

    Task<IReadOnlyList<WebhookDelivery>> IWebhookLogGrain.DeadLetters(string endpointId) =>
        Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. Current.DeadLetters.Where(e => e.EndpointId == endpointId).Select(e => e.Delivery)]);

    async Task<int> IWebhookLogGrain.Replay(string endpointId)
    {
        var replayed = Current.DeadLetters.Where(e => e.EndpointId == endpointId).ToList();
        foreach (var deliveryKey in replayed.Select(e => e.DeliveryKey).Distinct())
        {
            await GrainFactory.GetGrain<IWebhookDeliveryGrain>(deliveryKey).Resume();
        }

        if (replayed.Count > 0)
        {
            await Save(Current with { DeadLetters = Current.DeadLetters.RemoveAll(e => e.EndpointId == endpointId) });
        }

        return replayed.Count;
    }

    async Task<PurgeOutcome> IRetentionHolder.Purge(RetentionPolicy policy, DateTimeOffset now)
    {
        var cutoff = now - options.Value.LogLifetime;
        var expired = Current.Log.Count(e => e.Delivery.At < cutoff);
        if (expired == 0)
        {
            return PurgeOutcome.Kept;
        }

        await Save(Current with { Log = Current.Log.RemoveAll(e => e.Delivery.At < cutoff) });
        return PurgeOutcome.Trimmed(new PurgeCount(LogEntriesCounter, expired));
    }

    private async Task Save(WebhookLogState next)
    {
        state.State = next;
        await state.WriteStateAsync();
        unwritten = false;
    }
}

[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.webhook-log-state")]
public sealed record WebhookLogState([property: Id(0)] ImmutableList<WebhookLogEntry> Log, [property: Id(1)] ImmutableList<WebhookLogEntry> DeadLetters)
{
    public static readonly WebhookLogState Empty = new(ImmutableList<WebhookLogEntry>.Empty, ImmutableList<WebhookLogEntry>.Empty);
}

/// <summary>An attempt, with the endpoint and the delivery grain it belongs to (ids only).</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.webhook-log-entry")]
public sealed record WebhookLogEntry([property: Id(0)] string EndpointId, [property: Id(1)] string DeliveryKey, [property: Id(2)] WebhookDelivery Delivery);
