namespace Orbitalyntra.Retention;

/// <summary>The counts of one purge as it goes.</summary>
internal sealed class PurgeTally
{
    private int conversations;
    private int messages;
    private int files;
    private int sessions;
    private int pageViews;
    private int deviceData;
    private int analyticsDays;

    public int AuditEntries { get; set; }

    public int ClosedRequests { get; set; }

    public int Failed { get; set; }

    /// <summary>Nothing removed and nothing failed.</summary>
    public bool Empty => conversations + sessions + pageViews + deviceData + analyticsDays + AuditEntries + ClosedRequests + Failed == 0;

    public void Add(RetentionKind kind, PurgeOutcome outcome)
    {
        switch (kind)
        {
            case RetentionKind.Conversation:
                conversations++;
                messages += outcome.Messages;
                files += outcome.Files;
                break;
            case RetentionKind.Analytics:
                analyticsDays++;
                break;
            case RetentionKind.VisitorSession or RetentionKind.PageViews or RetentionKind.DeviceData:
                sessions += outcome.Result == PurgeResult.Deleted ? 1 : 0;
                pageViews += outcome.PageViews;
                deviceData += outcome.DeviceData ? 1 : 0;
                break;
        }
    }

    public PurgeReport Report(RunningPurge run, DateTimeOffset completedAt) => new(
        run.RunId, run.StartedAt, completedAt, conversations, messages, files, sessions, pageViews, deviceData, analyticsDays, AuditEntries, ClosedRequests, Failed);

    /// <summary>The counts in words, for the audit trail and the log: no id, no content.</summary>
    public string Summary() =>
        $"conversations={conversations} messages={messages} files={files} visitorSessions={sessions} pageViews={pageViews} " +
        $"deviceData={deviceData} analyticsDays={analyticsDays} auditEntries={AuditEntries} closedRequests={ClosedRequests}";
}
