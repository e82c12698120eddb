using System.Diagnostics;
using Orbitalyntra.Benchmarks.Storage;

namespace Orbitalyntra.Benchmarks.Load;

/// <summary>
/// Drives the chat hub as visitors and agents do: steady conversations, each with a visitor and an agent connection
/// taking turns, and new conversations starting on top of them, which send their first messages and then take turns
/// like the others; every message is timed from the sender's send to the other party's receipt, and every connection's
/// received sequence numbers are checked against what its conversation acknowledged. With a
/// <paramref name="storage"/> counter, the storage requests of the measured window are counted too.
/// </summary>
public sealed class LoadGenerator(Uri target, StorageRequestCounter? storage = null)
{
    /// <summary>How many conversations are started at once while a run is set up.</summary>
    private const int SetupParallelism = 16;

    /// <summary>How long messages still missing after the drain may take before they count as lost.</summary>
    private static readonly TimeSpan LastChance = TimeSpan.FromSeconds(60);

    public async Task<LoadResult> Run(LoadOptions options, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = target };
        var tenant = await BenchTenant.SignUp(target);
        await using var webhooks = options.Webhooks > 0 ? await WebhookSink.Start() : null;
        if (webhooks is not null)
        {
            await tenant.AddWebhooks(options.Webhooks, webhooks.Url);
        }

        var window = new MeasurementWindow();
        var sends = new SendCounters();
        var rotation = new Rotation();
        var started = new NewConversations(tenant, http, window, sends, rotation);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Conversations), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = cancellationToken },
                async (_, _) => rotation.Join((await ConversationLoad.Start(tenant, http, window, sends, duringRun: false)).Conversation));

            if (webhooks is not null && options.SettleWebhooks)
            {
                // The set-up's messages make a backlog of deliveries: the run measures the chat beside steady deliveries,
                // not beside that backlog's drain (measured apart, without --settle-webhooks).
                var waited = await webhooks.Settled(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(5));
                Console.Error.WriteLine($"webhook deliveries of the set-up done after {waited.TotalSeconds:0} s ({webhooks.Received} received)");
            }

            var begun = Stopwatch.GetTimestamp();
            window.Open(begun + Ticks(options.Warmup), begun + Ticks(options.Warmup + options.Duration));
            Task<RequestTally>? storageAtStart = null;
            long scheduled = 0;
            while (Stopwatch.GetTimestamp() < window.End)
            {
                if (storageAtStart is null && storage is not null && Stopwatch.GetTimestamp() >= window.Start)
                {
                    storageAtStart = storage.Read();
                }

                var elapsed = Stopwatch.GetElapsedTime(begun).TotalSeconds;
                for (var due = (long)(elapsed * options.MessagesPerSecond); scheduled < due; scheduled++)
                {
                    if (rotation.Next() is { } conversation)
                    {
                        _ = conversation.SendNext(sends);
                    }
                }

                started.StartDue((long)(elapsed * options.NewConversationsPerSecond));
                await Task.Delay(1, cancellationToken);
            }

            var storageInWindow = storageAtStart is null ? null : await storage!.Read() - await storageAtStart;
            await started.Finished();
            var conversations = rotation.All;
            var (lost, late) = await Drain(conversations, sends, window);
            return new LoadResult(
                options,
                window.Delivered / options.Duration.TotalSeconds,
                window.Latencies.Summarize(),
                window.FirstMessages.Summarize(),
                window.LaterMessages.Summarize(),
                sends.Sent,
                sends.Acknowledged,
                sends.Failed,
                lost,
                conversations.Sum(c => c.Duplicated),
                conversations.Sum(c => c.ConnectionsDropped),
                late,
                started.Count,
                started.Failed,
                storageInWindow is null ? null : new StorageWork(storageInWindow, window.Acknowledged, window.Started),
                webhooks?.Received ?? 0);
        }
        finally
        {
            await started.Finished();
            await Parallel.ForEachAsync(rotation.All, (c, _) => c.DisposeAsync());
        }
    }

    /// <summary>Waits for what is still on its way; answers how many acknowledged messages never arrived, and how many arrived late.</summary>
    private static async Task<(long Lost, long Late)> Drain(IReadOnlyList<ConversationLoad> conversations, SendCounters sends, MeasurementWindow window)
    {
        await Until(() => Interlocked.Read(ref sends.Outstanding) == 0, TimeSpan.FromSeconds(30));

        // An overloaded target may still be delivering: wait while deliveries keep coming, so that only what stopped
        // arriving counts as lost.
        var delivered = -1L;
        while (!conversations.All(c => c.AllReceived) && window.Received != delivered)
        {
            delivered = window.Received;
            await Until(() => conversations.All(c => c.AllReceived), TimeSpan.FromSeconds(10));
        }

        // What is still missing gets one long last chance: what arrives now was late (the target was still working
        // through its backlog), not lost. Only what never arrives counts as lost.
        var missing = conversations.Sum(c => c.Lost);
        if (missing > 0)
        {
            foreach (var loss in conversations.SelectMany(c => c.Losses()).Take(10))
            {
                Console.Error.WriteLine($"  missing after the drain: {loss}");
            }

            await Until(() => conversations.All(c => c.AllReceived), LastChance);
        }

        foreach (var loss in conversations.SelectMany(c => c.Losses()).Take(10))
        {
            Console.Error.WriteLine($"  lost: {loss}");
        }

        var lost = conversations.Sum(c => c.Lost);
        return (lost, Math.Max(0, missing - lost));
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static async Task Until(Func<bool> condition, TimeSpan within)
    {
        var deadline = Stopwatch.GetTimestamp() + Ticks(within);
        while (!condition() && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20);
        }
    }
}
