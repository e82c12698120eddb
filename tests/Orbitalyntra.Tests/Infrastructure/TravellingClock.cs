namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// The system clock, moved forward on demand: wall-clock time (<see cref="GetUtcNow"/>) jumps by the travelled offset
/// while timers and timestamps keep running in real time, so a silo on this clock keeps working normally and its
/// grains and reminders see a date weeks ahead. Used for deadlines measured in months.
/// </summary>
public sealed class TravellingClock : TimeProvider
{
    private long offsetTicks;

    /// <summary>How far the clock has travelled.</summary>
    public TimeSpan Travelled => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Travel(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));
}
