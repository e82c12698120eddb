using System.Diagnostics.Metrics;

namespace Orbitalyntra.Web.Relay;

/// <summary>The web host's meter (docs/decisions/0029): deliveries to connections and their latency, open connections; no tags.</summary>
internal static class RelayMetrics
{
    private static readonly Meter Meter = new("Orbitalyntra.Web");

    public static readonly Counter<long> Delivered =
        Meter.CreateCounter<long>("orbitalyntra.messages.delivered", "{message}", "Messages sent to a watching connection.");

    public static readonly Histogram<double> DeliveryLatency = Meter.CreateHistogram(
        "orbitalyntra.messages.delivery_latency", "ms", "From the message's acknowledgement (its time) to its sending to a watching connection.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] });

    public static readonly Counter<long> EndedConnectionsClosed = Meter.CreateCounter<long>(
        "orbitalyntra.connections.ended_closed", "{connection}", "Open connections closed because their credential ended or their tenant closed.");

    public static readonly UpDownCounter<long> OpenConnections =
        Meter.CreateUpDownCounter<long>("orbitalyntra.connections.open", "{connection}", "SignalR connections open on this web host.");

    /// <summary>Counts a message sent to one connection, with its latency since it was stored.</summary>
    public static void CountDelivery(DateTimeOffset sentAt, DateTimeOffset now)
    {
        Delivered.Add(1);
        DeliveryLatency.Record(Math.Max(0, (now - sentAt).TotalMilliseconds));
    }
}
