namespace Orbitalyntra.Web.Relay;

/// <summary>Ticks the relay's feed audits (the safety net for stream events that never arrived) and drops idle channels.</summary>
internal sealed class FeedAuditor(ConversationRelay relay, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(Tick, time);
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
            {
                await relay.AuditDueFeeds(stoppingToken);
                await relay.DropIdleChannels();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
