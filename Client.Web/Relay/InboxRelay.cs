using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Chat;
using Orbitalyntra.Desk;
using Orbitalyntra.Web.Chat;
using Orleans.Streams;

namespace Orbitalyntra.Web.Relay;

/// <summary>
/// Relays tenants' inbox streams to this host's staff connections that watch them: one subscription per tenant with a
/// watcher here, dropped when the last watcher leaves. Each delta goes to the tenant's SignalR group (<see cref="Group"/>),
/// which the hub adds a watching connection to.
/// </summary>
public sealed partial class InboxRelay(IClusterClient cluster, IHubClients<IChatClient> clients, ILogger<InboxRelay> logger)
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly Dictionary<string, TenantWatch> watches = [];

    public static string Group(string tenantId) => $"inbox:{tenantId}";

    public async Task Watch(string connectionId, string tenantId)
    {
        await turn.WaitAsync();
        try
        {
            if (!watches.TryGetValue(tenantId, out var watch))
            {
                watch = new TenantWatch(await Subscribe(tenantId));
                watches[tenantId] = watch;
            }

            watch.Connections.Add(connectionId);
        }
        finally
        {
            turn.Release();
        }
    }

    public async Task Forget(string connectionId)
    {
        await turn.WaitAsync();
        try
        {
            foreach (var (tenantId, watch) in watches.Where(w => w.Value.Connections.Remove(connectionId) && w.Value.Connections.Count == 0).ToList())
            {
                watches.Remove(tenantId);
                try
                {
                    await watch.Subscription.UnsubscribeAsync();
                }
                catch (Exception failure)
                {
                    LogUnsubscribeFailed(failure, tenantId);
                }
            }
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>After the cluster connection came back: renew every subscription (a watcher that missed a delta reads the page again).</summary>
    public async Task Resume()
    {
        await turn.WaitAsync();
        try
        {
            foreach (var tenantId in watches.Keys.ToList())
            {
                watches[tenantId] = watches[tenantId] with { Subscription = await watches[tenantId].Subscription.ResumeAsync(Relay(tenantId)) };
            }
        }
        catch (Exception failure)
        {
            LogResumeFailed(failure);
        }
        finally
        {
            turn.Release();
        }
    }

    private Task<StreamSubscriptionHandle<InboxDelta>> Subscribe(string tenantId) =>
        cluster.GetStreamProvider(ChatStreams.Provider).GetStream<InboxDelta>(ChatStreams.ForInbox(tenantId)).SubscribeAsync(Relay(tenantId));

    private Func<InboxDelta, StreamSequenceToken?, Task> Relay(string tenantId) =>
        (delta, _) => clients.Group(Group(tenantId)).InboxDelta(delta);

    private sealed record TenantWatch(StreamSubscriptionHandle<InboxDelta> Subscription)
    {
        public HashSet<string> Connections { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox of tenant {TenantId}: could not unsubscribe")]
    private partial void LogUnsubscribeFailed(Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not resume the inbox subscriptions")]
    private partial void LogResumeFailed(Exception exception);
}
