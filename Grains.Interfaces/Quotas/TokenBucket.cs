namespace Orbitalyntra.Quotas;

/// <summary>
/// A token bucket: it holds <see cref="Capacity"/> tokens, fills again at <see cref="Capacity"/> per <see cref="Period"/>,
/// and a request takes its cost from it or is told how long until it could. Kept in a grain's memory only (decision 0043).
/// </summary>
public sealed class TokenBucket(long capacity, TimeSpan period, DateTimeOffset now)
{
    private double tokens = capacity;
    private DateTimeOffset updated = now;

    /// <summary>The most tokens it holds, and how many it gains in a <see cref="Period"/>.</summary>
    public long Capacity { get; } = capacity;

    /// <summary>How long an empty bucket takes to fill.</summary>
    public TimeSpan Period { get; } = period;

    /// <summary>The bucket for <paramref name="capacity"/> per <paramref name="period"/>: <paramref name="bucket"/> while its limit holds, a full new one when the limit changed.</summary>
    public static TokenBucket Fit(TokenBucket? bucket, long capacity, TimeSpan period, DateTimeOffset now) =>
        bucket is not null && bucket.Capacity == capacity && bucket.Period == period ? bucket : new TokenBucket(capacity, period, now);

    /// <summary>Takes <paramref name="cost"/> tokens and answers null, or takes nothing and answers how long until they are there.</summary>
    public TimeSpan? TryTake(DateTimeOffset now, long cost = 1)
    {
        if (WaitFor(now, cost) is { } wait)
        {
            return wait;
        }

        tokens -= cost;
        return null;
    }

    /// <summary>
    /// Null when <paramref name="cost"/> tokens are there, or how long until they are; takes nothing, so that a request
    /// counted by several buckets takes from none of them when one refuses it.
    /// </summary>
    public TimeSpan? WaitFor(DateTimeOffset now, long cost = 1)
    {
        var perSecond = Capacity / Period.TotalSeconds;
        tokens = Math.Min(Capacity, tokens + Math.Max(0, (now - updated).TotalSeconds) * perSecond);
        updated = now;
        return tokens >= cost ? null : TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((Math.Min(cost, Capacity) - tokens) / perSecond)));
    }
}
