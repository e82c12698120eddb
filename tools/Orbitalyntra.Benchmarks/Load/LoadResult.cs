using Orbitalyntra.Benchmarks.Storage;

namespace Orbitalyntra.Benchmarks.Load;

/// <summary>
/// What one load run does: how many steady conversations, how many messages per second they send in all (the new
/// conversations once they have joined the turns), how many new conversations start per second on top of them (each
/// with its visitor's and its agent's first message), for how long. With no messages per second, a run's window has
/// starts alone: what it counts at the storage is what starts cost. With webhooks, the run's tenant has that many
/// endpoints subscribed to message.created, all pointing at one receiver on loopback, and its visitors consent to CRM sync.
/// </summary>
public sealed record LoadOptions(int Conversations, double MessagesPerSecond, TimeSpan Warmup, TimeSpan Duration, double NewConversationsPerSecond = 0, int Webhooks = 0, bool SettleWebhooks = false)
{
    /// <summary>Messages offered per second in all: the turns' and the new conversations' first two.</summary>
    public double OfferedPerSecond => MessagesPerSecond + 2 * NewConversationsPerSecond;

    public bool StartsAlone => MessagesPerSecond == 0 && NewConversationsPerSecond > 0;
}

/// <summary>
/// What one load run measured. Delivered counts messages received by the other party of their conversation. Latency is
/// of every message sent in the measured window; FirstMessages of the first message of each party of each new
/// conversation, LaterMessages of all the others. Storage is what the servers asked of the storage during the measured
/// window (Azurite only).
/// </summary>
public sealed record LoadResult(
    LoadOptions Options,
    double DeliveredPerSecond,
    LatencySummary Latency,
    LatencySummary FirstMessages,
    LatencySummary LaterMessages,
    long Sent,
    long Acknowledged,
    long FailedSends,
    long Lost,
    long Duplicated,
    long ConnectionsDropped,
    long ArrivedLate,
    long ConversationsStarted,
    long FailedStarts,
    StorageWork? Storage,
    long WebhookDeliveries = 0)
{
    /// <summary>Every acknowledged message reached both connections of its conversation exactly once.</summary>
    public bool Exact => Lost == 0 && Duplicated == 0;

    /// <summary>Storage requests per message acknowledged in the window; NaN without a storage count.</summary>
    public double StorageRequestsPerMessage => Storage?.PerMessage ?? double.NaN;

    /// <summary>Storage requests per conversation start with its two first messages; only a run of starts alone can tell.</summary>
    public double StorageRequestsPerStart => Options.StartsAlone ? Storage?.PerStart ?? double.NaN : double.NaN;

    public override string ToString()
    {
        var parts = new List<string> { FormattableString.Invariant($"delivered {DeliveredPerSecond:F0}/s, p50 {Latency.P50:F1} ms, p99 {Latency.P99:F1} ms") };
        // Apart only when there are first messages to set apart; a run of starts alone has no later ones.
        if (FirstMessages.Count > 0)
        {
            parts.Add(FormattableString.Invariant($"first messages p50 {FirstMessages.P50:F1} ms, p99 {FirstMessages.P99:F1} ms (of {FirstMessages.Count})"));
            if (LaterMessages.Count > 0)
            {
                parts.Add(FormattableString.Invariant($"later messages p50 {LaterMessages.P50:F1} ms, p99 {LaterMessages.P99:F1} ms (of {LaterMessages.Count})"));
            }
        }

        parts.Add($"lost {Lost}, duplicated {Duplicated}, failed sends {FailedSends}, dropped connections {ConnectionsDropped}, arrived late {ArrivedLate}");
        parts.Add($"conversations started {ConversationsStarted} ({FailedStarts} failed)");
        if (Options.Webhooks > 0)
        {
            parts.Add($"{Options.Webhooks} webhook endpoints, {WebhookDeliveries} deliveries received by the end of the drain");
        }

        var text = string.Join("; ", parts);
        if (Storage is not null)
        {
            text += FormattableString.Invariant($"; storage requests {Storage.Requests.Total}: {StorageRequestsPerMessage:F2} per message");
            text += Options.StartsAlone ? FormattableString.Invariant($", {StorageRequestsPerStart:F1} per start (of {Storage.StartsFinished})") : "";
        }

        return text;
    }
}
