using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Benchmarks.Load;

/// <summary>
/// One side of a conversation: its hub connection, and which sequence numbers it has received, how often. In a
/// conversation that started during the run, the first message it receives from the other party is that party's first
/// message, timed apart (the first messages are where a new conversation's stream and storage show).
/// </summary>
public sealed class Party
{
    private readonly HashSet<long> received = [];
    private long duplicates;
    private long drops;

    // 1 until the other party's first message arrives, in a conversation that started during the run; 0 otherwise.
    private int awaitingFirst;

    private Party(HubConnection connection, SenderRole role, bool startedDuringRun) =>
        (Connection, Role, awaitingFirst) = (connection, role, startedDuringRun ? 1 : 0);

    public HubConnection Connection { get; }

    public SenderRole Role { get; }

    public long Duplicates => Interlocked.Read(ref duplicates);

    public long Drops => Interlocked.Read(ref drops);

    public static async Task<Party> Connect(BenchTenant tenant, string token, Guid conversation, SenderRole role, MeasurementWindow window, bool startedDuringRun)
    {
        var party = new Party(ChatProtocol.Connection(tenant.Target, token), role, startedDuringRun);
        party.Connection.On<Guid, ChatMessage>(ChatProtocol.MessageReceived, (_, message) => party.Received(message, window));
        party.Connection.Closed += _ =>
        {
            Interlocked.Increment(ref party.drops);
            return Task.CompletedTask;
        };
        try
        {
            await party.Connection.StartAsync();
            await party.Connection.Join(tenant.TenantId, conversation);
            return party;
        }
        catch
        {
            await party.Connection.DisposeAsync();
            throw;
        }
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
            var sentAt = long.Parse(message.Text.AsSpan(0, message.Text.IndexOf('|')));
            window.Delivery(sentAt, now, firstOfParty: Interlocked.Exchange(ref awaitingFirst, 0) == 1);
        }
    }
}
