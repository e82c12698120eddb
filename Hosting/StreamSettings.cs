namespace Orbitalyntra.Hosting;

/// <summary>
/// The live streams that carry conversation and inbox events from the silos to the web hosts (configuration section
/// <c>Streams</c>). Durability comes from the conversation log, which receivers use to fill any gap.
/// </summary>
public sealed class StreamSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Streams";

    /// <summary>How many queues the streams are spread over; the silos and the web hosts must agree.</summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>How often a silo's pulling agents read their queues: often, for low latency.</summary>
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromMilliseconds(10);
}
