using System.Collections.Immutable;

namespace Orbitalyntra.Retention;

/// <summary>The counts of one purge as it goes, by counter, in the order the counters were registered.</summary>
internal sealed class PurgeTally(IEnumerable<PurgeCounter> counters)
{
    private readonly OrderedDictionary<string, int> removed = new(counters.Select(c => KeyValuePair.Create(c.Name, 0)));

    private readonly HashSet<GrainId> held = [];

    public int Failed { get; set; }

    /// <summary>Nothing removed, nothing failed and nothing held.</summary>
    public bool Empty => removed.Values.Sum() + Failed + held.Count == 0;

    /// <summary>Counts a holder kept by a legal hold once, however many of its index entries fell due.</summary>
    public void Held(GrainId holder) => held.Add(holder);

    public void Add(PurgeOutcome outcome)
    {
        foreach (var count in outcome.Removed)
        {
            removed[count.Counter] = removed.GetValueOrDefault(count.Counter) + count.Count;
        }
    }

    public PurgeReport Report(RunningPurge run, DateTimeOffset completedAt) =>
        new(run.RunId, run.StartedAt, completedAt, Counts(), Failed, held.Count);

    /// <summary>The counts in words, for the audit trail and the log: no id, no content.</summary>
    public string Summary() => string.Join(" ", Counts().Select(c => $"{c.Counter}={c.Count}").Append($"held={held.Count}"));

    private ImmutableList<PurgeCount> Counts() => [.. removed.Select(c => new PurgeCount(c.Key, c.Value))];
}
