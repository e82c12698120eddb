using Microsoft.Extensions.Logging;

namespace Orbitalyntra.Analytics;

/// <summary>
/// How the chat and tracking grains feed the day's aggregates. A count is a side effect: it must never make the page
/// view, message or status change that caused it fail, so a failed count is logged (without personal data) and lost.
/// The call is awaited rather than one-way so that a failure is seen in the logs; it is cheap, as the day grain counts
/// in memory, and it cannot deadlock, as the day grain never calls back.
/// </summary>
public static partial class AnalyticsFeed
{
    /// <summary>Runs <paramref name="count"/>; logs and swallows its failure.</summary>
    public static async Task Count(ILogger logger, string tenantId, string what, Func<Task> count)
    {
        try
        {
            await count();
        }
        catch (Exception problem)
        {
            LogCountLost(logger, problem, tenantId, what);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics of tenant {TenantId}: a {What} count was lost")]
    private static partial void LogCountLost(ILogger logger, Exception problem, string tenantId, string what);
}
