namespace Orbitalyntra.Benchmarks.Load;

/// <summary>End-to-end latencies of one run, in microseconds; percentiles by sorting (runs hold at most a few million samples).</summary>
public sealed class LatencyHistogram
{
    private readonly List<long> samples = new(1 << 16);

    public int Count
    {
        get
        {
            lock (samples)
            {
                return samples.Count;
            }
        }
    }

    public void Record(long microseconds)
    {
        lock (samples)
        {
            samples.Add(microseconds);
        }
    }

    public LatencySummary Summarize()
    {
        long[] sorted;
        lock (samples)
        {
            sorted = [.. samples];
        }

        Array.Sort(sorted);
        double At(double quantile) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(quantile * sorted.Length) - 1)] / 1000.0;
        return new LatencySummary(At(0.50), At(0.95), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1] / 1000.0, sorted.Length);
    }
}

/// <summary>Latency percentiles in milliseconds, and how many samples they are taken from.</summary>
public sealed record LatencySummary(double P50, double P95, double P99, double Max, int Count);
