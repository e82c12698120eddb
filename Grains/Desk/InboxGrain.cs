using System.Globalization;
using Microsoft.Extensions.Logging;
using Orbitalyntra.Chat;
using Orbitalyntra.Notifications;

namespace Orbitalyntra.Desk;

/// <summary>
/// Keeps the tenant's inbox in memory, loaded from its entries on activation; each change writes only the entries it
/// touched (docs/decisions/0016-inbox-entries.md), and listing reads memory. Watchers get what changed on their page, not
/// the whole inbox (docs/decisions/0045-inbox-deltas.md).
/// </summary>
public sealed partial class InboxGrain(IInboxEntries entries, TimeProvider time, ILogger<InboxGrain> logger) : Grain, IInboxGrain
{
    private Inbox inbox = Inbox.Empty;
    private string? version;

    /// <summary>
    /// What watchers' pages are at. Not stored: it starts from the activation's clock (milliseconds × 1000, above any
    /// version an earlier activation reached at a thousand changes a millisecond, and exact as a JavaScript number), so a
    /// watcher holding a page of an earlier activation sees the next delta start from another version and reads the page again.
    /// </summary>
    private long pageVersion;

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await entries.Load(TenantId);
        inbox = Inbox.From(stored);
        version = stored.Version;
        pageVersion = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
    }

    Task<InboxView> IInboxGrain.GetInbox() => Task.FromResult(inbox.View(time.GetUtcNow()));

    Task<InboxListing> IInboxGrain.ListInbox(long waitingAfter, int limit) => Task.FromResult(inbox.Listing(waitingAfter, limit, time.GetUtcNow()));

    Task<InboxPage> IInboxGrain.GetPage() => Task.FromResult(inbox.Page(pageVersion, time.GetUtcNow()));

    async Task<AgentAvailability> IInboxGrain.Heartbeat(string agentId, PresenceStatus status, int capacity)
    {
        var now = time.GetUtcNow();
        await Save(inbox.SetAgent(new InboxAgent(agentId, status, capacity, now)).AssignWaiting(now));
        return inbox.Availability(agentId, time.GetUtcNow());
    }

    async Task<string?> IInboxGrain.Enqueue(Guid conversationId)
    {
        if (inbox.AgentOf(conversationId) is { } assigned)
        {
            return assigned;
        }

        await Save(inbox.Enqueue(conversationId).AssignWaiting(time.GetUtcNow()));
        return inbox.AgentOf(conversationId);
    }

    async Task<bool> IInboxGrain.Assign(Guid conversationId, string agentId)
    {
        if (!inbox.IsOnline(agentId, time.GetUtcNow()))
        {
            return false;
        }

        await Save(inbox.Assign(conversationId, agentId));
        return true;
    }

    async Task IInboxGrain.Transfer(Guid conversationId, string agentId)
    {
        if (inbox.AgentOf(conversationId) == agentId)
        {
            return;
        }

        var now = time.GetUtcNow();
        var away = !inbox.IsOnline(agentId, now);
        await Save(inbox.Assign(conversationId, agentId));
        if (away)
        {
            // Queued after the inbox's write, not in it (the outbox is another grain's state): a silo dying between the
            // two loses this mail, not the assignment (docs/decisions/0038-agent-away-mail-and-retention-reports.md).
            await GrainFactory.GetGrain<INotificationOutboxGrain>(TenantId).Enqueue(Notification.ToPerson(
                Notification.IdOf(TenantId, conversationId.ToString("N"), agentId, "assigned", now.UtcTicks.ToString(CultureInfo.InvariantCulture)),
                NotificationKind.AssignedWhileAway,
                agentId,
                (NotificationValues.ConversationId, conversationId.ToString())));
        }
    }

    async Task IInboxGrain.Release(Guid conversationId)
    {
        if (!inbox.Holds(conversationId))
        {
            return;
        }

        await Save(inbox.Remove(conversationId).AssignWaiting(time.GetUtcNow()));
    }

    /// <summary>Writes what changed, then publishes what watchers' pages must change.</summary>
    private async Task Save(Inbox next)
    {
        if (next.ChangeFrom(inbox) is { } change)
        {
            try
            {
                version = await entries.Write(TenantId, version, change);
            }
            catch
            {
                // Whether the write landed is unknown (a timeout may hide a commit, another activation may have written):
                // the next activation starts from what is stored.
                this.DeactivateOnIdle();
                throw;
            }
        }

        var delta = next.DeltaFrom(inbox, pageVersion, pageVersion + 1, time.GetUtcNow());
        inbox = next.Stored();
        if (delta is null)
        {
            return;
        }

        pageVersion = delta.Version;
        try
        {
            await this.GetStreamProvider(ChatStreams.Provider).GetStream<InboxDelta>(ChatStreams.ForInbox(TenantId)).OnNextAsync(delta);
        }
        catch (Exception failure)
        {
            // The change is stored; watchers missing this delta see the next one start from a version they are not at,
            // and read the page again.
            LogPublishFailed(failure, TenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox of tenant {TenantId}: could not publish a change")]
    private partial void LogPublishFailed(Exception exception, string tenantId);
}
