using System.Collections.Immutable;

namespace Orbitalyntra.Retention;

/// <summary>The counts of one purge as it goes, by counter, in the order the counters were registered.</summary>
internal sealed class PurgeTally(IEnumerable<PurgeCounter> counters)
{
    private readonly OrderedDictionary<string, int> removed = new(counters.Select(c => KeyValuePair.Create(c.Name, 0)));

    public int Failed { get; set; }

    /// <summary>Nothing removed and nothing failed.</summary>
    public bool Empty => removed.Values.Sum() + Failed == 0;

    public void Add(PurgeOutcome outcome)
    {
        foreach (var count in outcome.Removed)
        {
            removed[count.Counter] = removed.GetValueOrDefault(count.Counter) + count.Count;
        }
    }

    public PurgeReport Report(RunningPurge run, DateTimeOffset completedAt) =>
        new(run.RunId, run.StartedAt, completedAt, Counts(), Failed);

    /// <summary>The counts in words, for the audit trail and the log: no id, no content.</summary>
    public string Summary() => string.Join(" ", Counts().Select(c => $"{c.Counter}={c.Count}"));

    private ImmutableList<PurgeCount> Counts() => [.. removed.Select(c => new PurgeCount(c.Key, c.Value))];
}
