using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Chat;
using Orbitalyntra.Web.Chat;
using Orleans.Streams;

namespace Orbitalyntra.Web.Relay;

/// <summary>
/// Relays conversations to this host's SignalR connections: a feed per conversation that at least one connection here
/// watches, closed when the last one leaves, fed from the conversation channels this host subscribes to.
/// </summary>
public sealed partial class ConversationRelay : IAsyncObserver<ChannelEvent>
{
    /// <summary>Audits run concurrently, but few enough that a burst of them cannot crowd out live traffic.</summary>
    private const int ParallelAudits = 8;

    private readonly ConcurrentDictionary<ConversationKey, ConversationFeed> feeds = new();
    // Per connection, a small set under its own lock: a concurrent dictionary per connection would cost more memory
    // than the connection's whole relay state.
    private readonly ConcurrentDictionary<string, HashSet<ConversationKey>> watchedBy = new();
    private readonly IClusterClient cluster;
    private readonly IHubClients<IChatClient> clients;
    private readonly TimeProvider time;
    private readonly ILogger<ConversationRelay> logger;
    private readonly ChannelSubscriptions channels;

    public ConversationRelay(IClusterClient cluster, IHubClients<IChatClient> clients, TimeProvider time, ILogger<ConversationRelay> logger)
    {
        this.cluster = cluster;
        this.clients = clients;
        this.time = time;
        this.logger = logger;
        channels = new ChannelSubscriptions(cluster, this, time, logger);
    }

    /// <summary>
    /// Sends the connection every message after <paramref name="lastSeenSequence"/>, then each new one as it comes;
    /// private notes only when <paramref name="seesNotes"/>.
    /// </summary>
    public async Task Watch(string connectionId, ConversationKey conversation, long lastSeenSequence, bool seesNotes)
    {
        var watched = watchedBy.GetOrAdd(connectionId, _ => []);
        lock (watched)
        {
            watched.Add(conversation);
        }

        while (true)
        {
            var feed = feeds.GetOrAdd(conversation, Open);
            if (await feed.AddWatcher(connectionId, lastSeenSequence, seesNotes))
            {
                return;
            }

            // The feed closed between lookup and join: drop it (whoever closed it may not have yet) and open a new one.
            feeds.TryRemove(KeyValuePair.Create(conversation, feed));
        }
    }

    public async Task Unwatch(string connectionId, ConversationKey conversation)
    {
        if (watchedBy.TryGetValue(connectionId, out var watched))
        {
            lock (watched)
            {
                watched.Remove(conversation);
            }
        }

        if (feeds.TryGetValue(conversation, out var feed) && await feed.RemoveWatcher(connectionId))
        {
            feeds.TryRemove(KeyValuePair.Create(conversation, feed));
        }
    }

    public async Task UnwatchAll(string connectionId)
    {
        if (watchedBy.TryRemove(connectionId, out var watched))
        {
            ConversationKey[] conversations;
            lock (watched)
            {
                conversations = [.. watched];
            }

            foreach (var conversation in conversations)
            {
                await Unwatch(connectionId, conversation);
            }
        }
    }

    /// <summary>
    /// Called when this host's connection to the cluster recovers: the channels' subscriptions are bound again (the client
    /// lost them), then every feed fills what its connections missed meanwhile from the log.
    /// </summary>
    public async Task ResumeAfterReconnect()
    {
        LogResuming(feeds.Count);
        try
        {
            await channels.Resume();
        }
        catch (Exception failure)
        {
            // The feeds' audits still deliver from the log, later.
            LogChannelsNotResumed(failure);
        }

        await Task.WhenAll(feeds.Values.Select(ResumeFeed));
    }

    /// <summary>Hands a channel's event to the feed of its conversation, if this host watches it.</summary>
    public Task OnNextAsync(ChannelEvent item, StreamSequenceToken? token = null)
    {
        if (feeds.TryGetValue(item.Conversation, out var feed))
        {
            feed.Enqueue(item.Event);
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex);
        return Task.CompletedTask;
    }

    /// <summary>Unsubscribes from the channels nobody here has watched for a while.</summary>
    public Task DropIdleChannels() => channels.DropIdle();

    private async Task ResumeFeed(ConversationFeed feed)
    {
        try
        {
            await feed.Resume();
        }
        catch (Exception failure)
        {
            LogResumeFailed(failure, feed.Key);
        }
    }

    /// <summary>Audits every feed whose audit is due (see <see cref="ConversationFeed.Audit"/>), a few at a time.</summary>
    public Task AuditDueFeeds(CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            feeds.Values.Where(feed => feed.AuditDue),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelAudits, CancellationToken = cancellationToken },
            async (feed, _) =>
            {
                try
                {
                    await feed.Audit();
                }
                catch (Exception failure)
                {
                    LogAuditFailed(failure, feed.Key);
                }
            });

    private ConversationFeed Open(ConversationKey conversation) => new(conversation, cluster, channels, clients, time, logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {Conversation}: could not audit its feed")]
    private partial void LogAuditFailed(Exception exception, ConversationKey conversation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster connection recovered; resuming {Count} conversation feeds")]
    private partial void LogResuming(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not resume the conversation channels' subscriptions; feeds rely on their audits")]
    private partial void LogChannelsNotResumed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation channel stream error")]
    private partial void LogStreamError(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Conversation {Conversation}: could not resume its feed")]
    private partial void LogResumeFailed(Exception exception, ConversationKey conversation);
}
