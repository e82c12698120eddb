using System.Globalization;
using Microsoft.Extensions.Logging;
using Orbitalyntra.Chat;
using Orbitalyntra.Notifications;

namespace Orbitalyntra.Desk;

/// <summary>
/// Keeps the tenant's inbox in memory, loaded from its entries on activation; each change writes only the entries it
/// touched (docs/decisions/0016-inbox-entries.md), and listing reads memory.
/// </summary>
public sealed partial class InboxGrain(IInboxEntries entries, TimeProvider time, ILogger<InboxGrain> logger) : Grain, IInboxGrain
{
    private Inbox inbox = Inbox.Empty;
    private string? version;

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await entries.Load(TenantId);
        inbox = Inbox.From(stored);
        version = stored.Version;
    }

    Task<InboxView> IInboxGrain.GetInbox() => Task.FromResult(inbox.View(time.GetUtcNow()));

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

    /// <summary>Writes what changed, then publishes the new view.</summary>
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

        inbox = next.Stored();
        try
        {
            await this.GetStreamProvider(ChatStreams.Provider).GetStream<InboxView>(ChatStreams.ForInbox(TenantId)).OnNextAsync(inbox.View(time.GetUtcNow()));
        }
        catch (Exception failure)
        {
            // The change is stored; watchers missing one view catch up with the next, or by reading the inbox.
            LogPublishFailed(failure, TenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox of tenant {TenantId}: could not publish the new view")]
    private partial void LogPublishFailed(Exception exception, string tenantId);
}
