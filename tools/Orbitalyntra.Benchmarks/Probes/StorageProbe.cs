using System.Diagnostics;
using Azure.Data.Tables;
using Orbitalyntra.Benchmarks.Load;

namespace Orbitalyntra.Benchmarks.Probes;

/// <summary>
/// The storage alone: entity-group transactions shaped like a message append (three rows in one partition), as many
/// as the storage account answers with a given concurrency. The durable chat cannot store messages faster than this.
/// </summary>
public static class StorageProbe
{
    public sealed record Result(int Concurrency, double TransactionsPerSecond, LatencySummary Latency);

    public static async Task<Result> Measure(string connectionString, int concurrency, TimeSpan duration)
    {
        var table = new TableServiceClient(connectionString).GetTableClient($"probe{Guid.NewGuid():N}");
        await table.CreateIfNotExistsAsync();
        try
        {
            var latencies = new LatencyHistogram();
            var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var started = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
            {
                var partition = $"conversation-{worker}";
                for (long sequence = 1; Stopwatch.GetTimestamp() < stopAt; sequence++)
                {
                    var row = $"m:{sequence:D19}";
                    var begun = Stopwatch.GetTimestamp();
                    await table.SubmitTransactionAsync(
                    [
                        new(TableTransactionActionType.Add, new TableEntity(partition, row) { ["Text"] = new string('x', 100) }),
                        new(TableTransactionActionType.Add, new TableEntity(partition, $"c:{sequence}") { ["MessageRowKey"] = row }),
                        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "head") { ["MessageRowKey"] = row }),
                    ]);
                    latencies.Record((Stopwatch.GetTimestamp() - begun) * 1_000_000 / Stopwatch.Frequency);
                }
            }));
            return new Result(concurrency, latencies.Count / started.Elapsed.TotalSeconds, latencies.Summarize());
        }
        finally
        {
            await table.DeleteAsync();
        }
    }
}
