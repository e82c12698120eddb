using Orbitalyntra.Quotas;

namespace Orbitalyntra.Chat;

/// <summary>
/// The limits on what the conversation's own visitor posts here (docs/decisions/0043): messages a minute, files and
/// file bytes an hour. Staff, the assistant, and conversations no visitor started are not counted. The buckets live in
/// this activation's memory: a deactivation or a silo restart refills them, and nothing is written per message.
/// </summary>
public sealed partial class ConversationGrain
{
    private const long Megabyte = 1024 * 1024;

    private TokenBucket? visitorMessages;
    private TokenBucket? visitorFiles;
    private TokenBucket? visitorFileBytes;
    private TenantQuotaReader? quotaReader;

    /// <summary>
    /// Counts a post of the conversation's visitor (with a file of <paramref name="fileBytes"/>); the refusal when a limit
    /// is spent, and then nothing is counted.
    /// </summary>
    private async Task<QuotaRefusal?> Admit(PostMessage post, long? fileBytes)
    {
        if (post.Sender.Role != SenderRole.Visitor || post.Sender.Id != state.State.VisitorId)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var limits = await (quotaReader ??= new TenantQuotaReader(key.TenantId)).InForce(GrainFactory, now);
        visitorMessages = TokenBucket.Fit(visitorMessages, limits.VisitorMessagesPerMinute, TimeSpan.FromMinutes(1), now);
        List<(TokenBucket Bucket, long Cost, QuotaKind Kind, int Limit)> counted =
            [(visitorMessages, 1, QuotaKind.VisitorMessages, limits.VisitorMessagesPerMinute)];
        if (fileBytes is { } bytes)
        {
            visitorFiles = TokenBucket.Fit(visitorFiles, limits.VisitorFilesPerHour, TimeSpan.FromHours(1), now);
            visitorFileBytes = TokenBucket.Fit(visitorFileBytes, limits.VisitorFileMegabytesPerHour * Megabyte, TimeSpan.FromHours(1), now);
            counted.Add((visitorFiles, 1, QuotaKind.VisitorFiles, limits.VisitorFilesPerHour));
            counted.Add((visitorFileBytes, bytes, QuotaKind.VisitorFileBytes, limits.VisitorFileMegabytesPerHour));
        }

        foreach (var (bucket, cost, kind, limit) in counted)
        {
            if (bucket.WaitFor(now, cost) is { } wait)
            {
                return new QuotaRefusal(kind, limit, wait).Counted();
            }
        }

        counted.ForEach(c => c.Bucket.TryTake(now, c.Cost));
        return null;
    }

    private static PostOutcome TooMany(QuotaRefusal refusal) => new(PostStatus.TooMany, null, refusal.Detail, refusal);
}
