namespace Orbitalyntra.Integrations;

/// <summary>How webhooks are delivered (section <c>Integrations:Webhooks</c>); docs/integrations.md lists each setting.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Integrations:Webhooks";

    /// <summary>Lets deliveries reach loopback addresses: true only in Development and the tests (every other private class stays refused).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>How long one attempt may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry's delay; each further one doubles it, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an event is retried before its endpoint is disabled and the event becomes a dead letter.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often a delivery with events waiting looks for what is due (a timer).</summary>
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The reminder that brings a delivery waiting to retry back after a crash or a deactivation.</summary>
    public TimeSpan RetryCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many deliveries of one endpoint (each a conversation's) may be at work at once on a silo: the receiver's
    /// concurrency, and the most delivery work one endpoint puts in the silo's scheduler beside the chat.
    /// </summary>
    public int MaxConcurrentPerEndpoint { get; set; } = 4;

    /// <summary>How long the tenant's webhooks go on with the tenant's closure as they last read it: a closed tenant's deliveries stop within this.</summary>
    public TimeSpan ClosureCheckPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How soon a message's delivery is written to the delivery's state (a crash may deliver what came after the last write again).</summary>
    public TimeSpan CursorWritePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the delivery log keeps an attempt.</summary>
    public TimeSpan LogLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the delivery log writes the attempts it took in (a dead letter is written at once).</summary>
    public TimeSpan LogFlushPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most log entries a tenant keeps, whatever their age.</summary>
    public int LogEntriesKept { get; set; } = 5000;
}
