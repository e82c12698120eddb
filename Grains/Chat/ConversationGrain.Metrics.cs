using Microsoft.Extensions.Logging;
using Orbitalyntra.Analytics;

namespace Orbitalyntra.Chat;

/// <summary>
/// What a conversation tells the tenant's daily analytics (<see cref="IAnalyticsDayGrain"/>, the UTC day of the event):
/// a visitor started it, an agent first answered it, it was first resolved. Nothing about who. Each is counted at most
/// once: the first answer and the first resolution are remembered in the state (<c>FirstResponseAt</c>,
/// <c>FirstResolvedAt</c>) before they are counted, so a retry or a reopened and resolved-again conversation does not
/// count twice; a failure loses the count rather than the message or status change (<see cref="AnalyticsFeed"/>).
/// Conversations started before this was built count their next answer and resolution as their first.
/// </summary>
public sealed partial class ConversationGrain
{
    private IAnalyticsDayGrain AnalyticsToday => GrainFactory.AnalyticsDay(key.TenantId, time.GetUtcNow());

    private Task CountStarted(string? visitorId) => visitorId is null
        ? Task.CompletedTask
        : AnalyticsFeed.Count(logger, key.TenantId, "conversation started", () => AnalyticsToday.CountConversationStarted());

    private async Task CountFirstResponse(ChatMessage message)
    {
        if (message is not { Sender.Role: SenderRole.Agent, IsNote: false } || state.State.FirstResponseAt is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (await Remember(state.State with { FirstResponseAt = now }))
        {
            await AnalyticsFeed.Count(logger, key.TenantId, "first response", () => AnalyticsToday.CountFirstResponse(now - state.State.StartedAt));
        }
    }

    private async Task CountResolution(ConversationStatus status)
    {
        if (status != ConversationStatus.Resolved || state.State.FirstResolvedAt is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (await Remember(state.State with { FirstResolvedAt = now }))
        {
            await AnalyticsFeed.Count(logger, key.TenantId, "resolution", () => AnalyticsToday.CountResolution(now - state.State.StartedAt));
        }
    }

    /// <summary>Writes the state that marks a metric as counted; false, with the state as it was, when that fails.</summary>
    private async Task<bool> Remember(ConversationState marked)
    {
        var before = state.State;
        state.State = marked;
        try
        {
            await state.WriteStateAsync();
            return true;
        }
        catch (Exception problem)
        {
            state.State = before;
            LogMetricNotRemembered(problem, key);
            if (problem is Orleans.Storage.InconsistentStateException)
            {
                // Another activation wrote: this one's state is stale, and the next write would fail the chat too.
                this.DeactivateOnIdle();
            }

            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {Conversation}: an analytics marker was not saved; the metric is not counted")]
    private partial void LogMetricNotRemembered(Exception problem, ConversationKey conversation);
}
