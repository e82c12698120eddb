using System.Diagnostics.Metrics;

namespace Orbitalyntra.Retention;

/// <summary>Retention's meter (docs/decisions/0029): what purges removed, by kind of holder, and what failed.</summary>
internal static class RetentionMetrics
{
    private static readonly Meter Meter = new("Orbitalyntra.Retention");

    public static readonly Counter<long> Purged =
        Meter.CreateCounter<long>("orbitalyntra.retention.purged", "{holder}", "Holders of personal data deleted by retention purges, by kind.");

    public static readonly Counter<long> Failed =
        Meter.CreateCounter<long>("orbitalyntra.retention.failed", "{holder}", "Holders a purge failed to reach (retried by the next purge).");
}
