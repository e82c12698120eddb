using Microsoft.Extensions.Logging;
using Orbitalyntra.Analytics;

namespace Orbitalyntra.Chat;

/// <summary>
/// What a conversation tells the tenant's daily analytics (<see cref="IAnalyticsDayGrain"/>, the UTC day of the event):
/// a visitor started it, an agent first answered it, it was first resolved. Nothing about who. Each is counted at most
/// once: the first answer is an agent's first message in the log (<see cref="AnsweredBefore"/>), and the first
/// resolution is remembered in the state (<c>FirstResolvedAt</c>) before it is counted, so a retry or a reopened and
/// resolved-again conversation does not count twice; a failure loses the count rather than the message or status
/// change (<see cref="AnalyticsFeed"/>).
/// </summary>
public sealed partial class ConversationGrain
{
    // Known once an agent's answer is seen: the log need not be read again by this activation.
    private bool answered;

    private IAnalyticsDayGrain AnalyticsToday => GrainFactory.AnalyticsDay(key.TenantId, time.GetUtcNow());

    private Task CountStarted(string? visitorId) => visitorId is null
        ? Task.CompletedTask
        : AnalyticsFeed.Count(logger, key.TenantId, "conversation started", () => AnalyticsToday.CountConversationStarted());

    private async Task CountFirstResponse(ChatMessage message)
    {
        if (!IsAnswer(message) || await AnsweredBefore(message.Sequence))
        {
            return;
        }

        answered = true;
        var now = time.GetUtcNow();
        await AnalyticsFeed.Count(logger, key.TenantId, "first response", () => AnalyticsToday.CountFirstResponse(now - state.State.StartedAt));
    }

    private static bool IsAnswer(Sender sender, bool isNote) => sender.Role == SenderRole.Agent && !isNote;

    private static bool IsAnswer(ChatMessage message) => IsAnswer(message.Sender, message.IsNote);

    /// <summary>
    /// Whether an agent answered before <paramref name="sequence"/>. The log is the record, so a retried post or a new
    /// activation never counts a first answer twice, and nothing is written to remember it: the tail tells for most
    /// conversations, a longer one reads its older messages (once per activation) until it finds an answer.
    /// </summary>
    private async Task<bool> AnsweredBefore(long sequence)
    {
        if (answered)
        {
            return true;
        }

        if (tail.After(0, TailCapacity) is { } whole)
        {
            return answered = whole.Any(m => m.Sequence < sequence && IsAnswer(m));
        }

        for (var after = 0L; after < sequence - 1;)
        {
            var page = await log.ReadAfter(key, after, ChatRules.MaxPageSize);
            if (page.Count == 0)
            {
                break;
            }

            if (page.Any(m => m.Sequence < sequence && IsAnswer(m.Sender, m.IsNote)))
            {
                return answered = true;
            }

            after = page[^1].Sequence;
        }

        return false;
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
