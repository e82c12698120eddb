using System.Diagnostics.Metrics;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>What the hosts in this process add to one counter, by the value of one of its tags.</summary>
public sealed class CountedMeasurements : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Dictionary<string, long> counts = [];

    /// <param name="instrument">The counter's name, e.g. <c>orbitalyntra.quota.refusals</c>.</param>
    /// <param name="tag">The tag whose values are counted apart.</param>
    public CountedMeasurements(string instrument, string tag)
    {
        listener.InstrumentPublished = (published, l) =>
        {
            if (published.Name == instrument)
            {
                l.EnableMeasurementEvents(published);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var measured in tags)
            {
                if (measured.Key == tag && measured.Value is string kind)
                {
                    lock (counts)
                    {
                        counts[kind] = counts.GetValueOrDefault(kind) + value;
                    }
                }
            }
        });
        listener.Start();
    }

    /// <summary>The total counted with the tag's value <paramref name="value"/>.</summary>
    public long Of(string value)
    {
        lock (counts)
        {
            return counts.GetValueOrDefault(value);
        }
    }

    public void Dispose() => listener.Dispose();
}
