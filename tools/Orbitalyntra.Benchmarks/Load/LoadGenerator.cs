using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Benchmarks.Load;

/// <summary>What one load run does: how many conversations, how many messages per second in all, for how long.</summary>
public sealed record LoadOptions(int Conversations, double MessagesPerSecond, TimeSpan Warmup, TimeSpan Duration);

/// <summary>What one load run measured. Delivered counts messages received by the other party of their conversation.</summary>
public sealed record LoadResult(
    LoadOptions Options,
    double DeliveredPerSecond,
    LatencySummary Latency,
    long Sent,
    long Acknowledged,
    long FailedSends,
    long Lost,
    long Duplicated,
    long ConnectionsDropped = 0,
    long ArrivedLate = 0)
{
    /// <summary>Every acknowledged message reached both connections of its conversation exactly once.</summary>
    public bool Exact => Lost == 0 && Duplicated == 0;
}

/// <summary>
/// Drives the chat hub as visitors and agents do: each conversation has a visitor and an agent connection that take
/// turns sending; every message is timed from the sender's send to the other party's receipt, and every connection's
/// received sequence numbers are checked against what the conversation acknowledged.
/// </summary>
public sealed class LoadGenerator(Uri target)
{
    private const int TextPadding = 80;

    /// <summary>How long messages still missing after the drain may take before they count as lost.</summary>
    private static readonly TimeSpan LastChance = TimeSpan.FromSeconds(60);

    public async Task<LoadResult> Run(LoadOptions options, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = target };
        var tenant = await BenchTenant.SignUp(target);
        var window = new MeasurementWindow();
        var conversations = new ConversationLoad[options.Conversations];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Conversations), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, _) => conversations[i] = await ConversationLoad.Open(tenant, http, window));

        try
        {
            var sends = new SendCounters();
            var started = Stopwatch.GetTimestamp();
            window.Open(started + Ticks(options.Warmup), started + Ticks(options.Warmup + options.Duration));
            long scheduled = 0;
            while (Stopwatch.GetTimestamp() < window.End)
            {
                var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * options.MessagesPerSecond);
                for (; scheduled < due; scheduled++)
                {
                    _ = conversations[scheduled % conversations.Length].SendNext(sends);
                }

                await Task.Delay(1, cancellationToken);
            }

            await Until(() => sends.Outstanding == 0, TimeSpan.FromSeconds(30));

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

            return new LoadResult(
                options,
                window.Delivered / options.Duration.TotalSeconds,
                window.Latencies.Summarize(),
                sends.Sent,
                sends.Acknowledged,
                sends.Failed,
                lost,
                conversations.Sum(c => c.Duplicated),
                conversations.Sum(c => c.ConnectionsDropped),
                Math.Max(0, missing - lost));
        }
        finally
        {
            await Parallel.ForEachAsync(conversations.Where(c => c is not null), (c, _) => c.DisposeAsync());
        }
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

    private sealed class MeasurementWindow
    {
        private long delivered;
        private long received;

        /// <summary>Every message received by any connection, measured or not.</summary>
        public long Received => Interlocked.Read(ref received);

        public void Receipt() => Interlocked.Increment(ref received);

        public long Start { get; private set; } = long.MaxValue;

        public long End { get; private set; } = long.MaxValue;

        public LatencyHistogram Latencies { get; } = new();

        public long Delivered => Interlocked.Read(ref delivered);

        public void Open(long start, long end) => (Start, End) = (start, end);

        public void Delivery(long sentAt, long receivedAt)
        {
            if (sentAt >= Start && sentAt < End)
            {
                Interlocked.Increment(ref delivered);
                Latencies.Record((receivedAt - sentAt) * 1_000_000 / Stopwatch.Frequency);
            }
        }
    }

    private sealed class SendCounters
    {
        public long Sent;
        public long Acknowledged;
        public long Failed;
        public long Outstanding;
    }

    private sealed class ConversationLoad : IAsyncDisposable
    {
        private readonly string tenantId;
        private readonly Guid id;
        private readonly Party visitor;
        private readonly Party agent;
        private long turns;
        private long lastAcknowledged;

        private ConversationLoad(string tenantId, Guid id, Party visitor, Party agent) =>
            (this.tenantId, this.id, this.visitor, this.agent) = (tenantId, id, visitor, agent);

        public bool AllReceived => visitor.HasAllUpTo(Interlocked.Read(ref lastAcknowledged)) && agent.HasAllUpTo(Interlocked.Read(ref lastAcknowledged));

        public long Lost => visitor.MissingUpTo(lastAcknowledged) + agent.MissingUpTo(lastAcknowledged);

        public long Duplicated => visitor.Duplicates + agent.Duplicates;

        public long ConnectionsDropped => visitor.Drops + agent.Drops;

        /// <summary>For the operator: which connection misses which acknowledged messages, and whether it was dropped.</summary>
        public IEnumerable<string> Losses()
        {
            var upTo = Interlocked.Read(ref lastAcknowledged);
            foreach (var party in new[] { visitor, agent })
            {
                if (party.MissingUpTo(upTo) > 0)
                {
                    yield return $"conversation {id:N} {party.Role}: missing {string.Join(",", party.Missing(upTo))} of 1..{upTo}; " +
                        $"connection {party.Connection.State}, dropped {party.Drops} times";
                }
            }
        }

        public static async Task<ConversationLoad> Open(BenchTenant tenant, HttpClient http, MeasurementWindow window)
        {
            var visitorToken = await tenant.NewVisitor(http);
            var id = await tenant.StartConversation(http, visitorToken);
            return new ConversationLoad(
                tenant.TenantId,
                id,
                await Party.Connect(tenant, visitorToken, id, SenderRole.Visitor, window),
                await Party.Connect(tenant, tenant.AgentToken, id, SenderRole.Agent, window));
        }

        public async Task SendNext(SendCounters counters)
        {
            var turn = Interlocked.Increment(ref turns);
            var party = turn % 2 == 1 ? visitor : agent;
            Interlocked.Increment(ref counters.Sent);
            Interlocked.Increment(ref counters.Outstanding);
            try
            {
                var text = $"{Stopwatch.GetTimestamp()}|{new string('x', TextPadding)}";
                var stored = await party.Connection.Send(tenantId, id, $"m{turn}", text);
                InterlockedMax(ref lastAcknowledged, stored.Sequence);
                Interlocked.Increment(ref counters.Acknowledged);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref counters.Failed);
            }
            finally
            {
                Interlocked.Decrement(ref counters.Outstanding);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await visitor.Connection.DisposeAsync();
            await agent.Connection.DisposeAsync();
        }

        private static void InterlockedMax(ref long location, long value)
        {
            var current = Interlocked.Read(ref location);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref location, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }

    private sealed class Party
    {
        private readonly HashSet<long> received = [];
        private long duplicates;
        private long drops;

        private Party(HubConnection connection, SenderRole role) => (Connection, Role) = (connection, role);

        public HubConnection Connection { get; }

        public SenderRole Role { get; }

        public long Duplicates => Interlocked.Read(ref duplicates);

        public long Drops => Interlocked.Read(ref drops);

        public static async Task<Party> Connect(BenchTenant tenant, string token, Guid conversation, SenderRole role, MeasurementWindow window)
        {
            var party = new Party(ChatProtocol.Connection(tenant.Target, token), role);
            party.Connection.On<Guid, ChatMessage>(ChatProtocol.MessageReceived, (_, message) => party.Received(message, window));
            party.Connection.Closed += _ =>
            {
                Interlocked.Increment(ref party.drops);
                return Task.CompletedTask;
            };
            await party.Connection.StartAsync();
            await party.Connection.Join(tenant.TenantId, conversation);
            return party;
        }

        public bool HasAllUpTo(long sequence)
        {
            lock (received)
            {
                return received.Count >= sequence && Enumerable.Range(1, (int)sequence).All(s => received.Contains(s));
            }
        }

        public IEnumerable<long> Missing(long upTo)
        {
            lock (received)
            {
                return Enumerable.Range(1, (int)upTo).Where(s => !received.Contains(s)).Select(s => (long)s).ToList();
            }
        }

        public long MissingUpTo(long sequence)
        {
            lock (received)
            {
                return Enumerable.Range(1, (int)sequence).Count(s => !received.Contains(s));
            }
        }

        private void Received(ChatMessage message, MeasurementWindow window)
        {
            var now = Stopwatch.GetTimestamp();
            lock (received)
            {
                if (!received.Add(message.Sequence))
                {
                    Interlocked.Increment(ref duplicates);
                    return;
                }
            }

            window.Receipt();

            if (message.Sender.Role != Role)
            {
                window.Delivery(long.Parse(message.Text.AsSpan(0, message.Text.IndexOf('|'))), now);
            }
        }
    }
}
