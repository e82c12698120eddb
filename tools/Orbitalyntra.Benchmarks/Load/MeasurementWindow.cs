using System.Diagnostics;

namespace Orbitalyntra.Benchmarks.Load;

/// <summary>
/// The part of a run whose messages are timed: only those sent inside it count, the warm-up's and the drain's do not
/// (they are still checked for loss). It also counts what was acknowledged and which starts finished inside it: those
/// are what the storage requests counted over the same interval paid for.
/// </summary>
public sealed class MeasurementWindow
{
    private long delivered;
    private long received;
    private long acknowledged;
    private long started;

    /// <summary>Every message received by any connection, measured or not.</summary>
    public long Received => Interlocked.Read(ref received);

    public long Start { get; private set; } = long.MaxValue;

    public long End { get; private set; } = long.MaxValue;

    public LatencyHistogram Latencies { get; } = new();

    /// <summary>The first message of each party of each conversation that started during the run.</summary>
    public LatencyHistogram FirstMessages { get; } = new();

    public LatencyHistogram LaterMessages { get; } = new();

    /// <summary>Messages sent inside the window that reached the other party.</summary>
    public long Delivered => Interlocked.Read(ref delivered);

    /// <summary>Messages whose acknowledgement (stored, in the durable target) came inside the window.</summary>
    public long Acknowledged => Interlocked.Read(ref acknowledged);

    /// <summary>New conversations whose start and first messages finished inside the window.</summary>
    public long Started => Interlocked.Read(ref started);

    public void Receipt() => Interlocked.Increment(ref received);

    public void Open(long start, long end) => (Start, End) = (start, end);

    public void Delivery(long sentAt, long receivedAt, bool firstOfParty)
    {
        if (Inside(sentAt))
        {
            Interlocked.Increment(ref delivered);
            var microseconds = (receivedAt - sentAt) * 1_000_000 / Stopwatch.Frequency;
            Latencies.Record(microseconds);
            (firstOfParty ? FirstMessages : LaterMessages).Record(microseconds);
        }
    }

    public void Acknowledgement()
    {
        if (Inside(Stopwatch.GetTimestamp()))
        {
            Interlocked.Increment(ref acknowledged);
        }
    }

    public void StartFinished()
    {
        if (Inside(Stopwatch.GetTimestamp()))
        {
            Interlocked.Increment(ref started);
        }
    }

    private bool Inside(long timestamp) => timestamp >= Start && timestamp < End;
}
