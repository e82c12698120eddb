namespace Orbitalyntra;

/// <summary>Exponential back-off with jitter: many outboxes or webhook deliveries failing at once do not retry in step (shared by the domains that retry).</summary>
public static class Backoff
{
    /// <summary>
    /// The wait after the <paramref name="attempts"/>-th failure: <paramref name="first"/> doubled per earlier failure,
    /// capped at <paramref name="max"/>, then between half and all of it (<paramref name="random"/> in [0, 1)).
    /// </summary>
    public static TimeSpan Delay(int attempts, TimeSpan first, TimeSpan max, double random)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var capped = Math.Min(first.TotalMilliseconds * Math.Pow(2, doublings), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + random / 2));
    }
}
