using System.Collections.Concurrent;
using Orbitalyntra.Chat;
using Orleans.Streams;

namespace Orbitalyntra.Web.Relay;

/// <summary>
/// This host's subscriptions to conversation channels (<see cref="ChatStreams.ForChannelOf"/>): one per channel in which
/// a conversation is watched here, kept for <see cref="Linger"/> after the last one leaves, so that conversations coming
/// and going cost no subscription (a stored pub-sub change) each. Every subscription delivers to one observer.
/// </summary>
internal sealed partial class ChannelSubscriptions(IClusterClient cluster, IAsyncObserver<ChannelEvent> observer, TimeProvider time, ILogger logger)
{
    /// <summary>How long a channel nobody here watches stays subscribed.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<StreamId, Channel> channels = new();

    // Renewals, drops and resumptions replace or end subscriptions: one at a time, so none is left behind unreferenced.
    private readonly SemaphoreSlim changes = new(1, 1);

    /// <summary>Completes once events of <paramref name="conversation"/>'s channel reach the observer.</summary>
    public async Task Enter(ConversationKey conversation)
    {
        var id = ChatStreams.ForChannelOf(conversation);
        while (true)
        {
            var channel = channels.GetOrAdd(id, Subscribe);
            if (!channel.TryEnter())
            {
                // Dropped between lookup and entry: whoever dropped it removes it; subscribe anew.
                channels.TryRemove(KeyValuePair.Create(id, channel));
                continue;
            }

            try
            {
                await channel.Subscription;
                return;
            }
            catch
            {
                channel.Leave(time.GetTimestamp());
                channels.TryRemove(KeyValuePair.Create(id, channel));
                throw;
            }
        }
    }

    /// <summary>One conversation of the channel is no longer watched here.</summary>
    public void Leave(ConversationKey conversation)
    {
        if (channels.TryGetValue(ChatStreams.ForChannelOf(conversation), out var channel))
        {
            channel.Leave(time.GetTimestamp());
        }
    }

    /// <summary>
    /// The channel's stream did not bring messages of <paramref name="conversation"/> that its log holds: the subscription
    /// may be gone (cancelled, or lost by the cluster). A new one replaces it; events that come through both meanwhile
    /// are dropped by the feeds' cursors.
    /// </summary>
    public async Task Renew(ConversationKey conversation)
    {
        var id = ChatStreams.ForChannelOf(conversation);
        await changes.WaitAsync();
        try
        {
            if (channels.TryGetValue(id, out var channel) && channel.Subscription.IsCompletedSuccessfully)
            {
                var stale = channel.Subscription.Result;
                channel.Subscription = Task.FromResult(await Stream(id).SubscribeAsync(observer));
                LogRenewed(id.ToString());
                await Unsubscribe(id, stale);
            }
        }
        finally
        {
            changes.Release();
        }
    }

    /// <summary>Unsubscribes from each channel nobody here has watched for <see cref="Linger"/>.</summary>
    public async Task DropIdle()
    {
        await changes.WaitAsync();
        try
        {
            foreach (var (id, channel) in channels)
            {
                if (channel.TryDrop(time.GetElapsedTime(channel.IdleSince) >= Linger) && channels.TryRemove(KeyValuePair.Create(id, channel)))
                {
                    await Unsubscribe(id, channel.Subscription.Result);
                }
            }
        }
        finally
        {
            changes.Release();
        }
    }

    /// <summary>After the cluster connection came back: binds every subscription to the observer again.</summary>
    public async Task Resume()
    {
        await changes.WaitAsync();
        try
        {
            foreach (var channel in channels.Values.Where(c => c.Subscription.IsCompletedSuccessfully))
            {
                channel.Subscription = Task.FromResult(await channel.Subscription.Result.ResumeAsync(observer));
            }
        }
        finally
        {
            changes.Release();
        }
    }

    private async Task Unsubscribe(StreamId id, StreamSubscriptionHandle<ChannelEvent> subscription)
    {
        try
        {
            await subscription.UnsubscribeAsync();
        }
        catch (Exception failure)
        {
            // The cluster may be out of reach, or forgot it already; a stale subscription only costs the producer
            // deliveries nobody uses.
            LogUnsubscribeFailed(failure, id.ToString());
        }
    }

    private IAsyncStream<ChannelEvent> Stream(StreamId id) => cluster.GetStreamProvider(ChatStreams.Provider).GetStream<ChannelEvent>(id);

    private Channel Subscribe(StreamId id) => new(Stream(id).SubscribeAsync(observer));

    /// <summary>A channel's subscription and how many conversations here use it; the counts change under its lock.</summary>
    private sealed class Channel(Task<StreamSubscriptionHandle<ChannelEvent>> subscription)
    {
        private readonly Lock gate = new();
        private int users;
        private bool dropped;

        public Task<StreamSubscriptionHandle<ChannelEvent>> Subscription { get; set; } = subscription;

        /// <summary>When the last user left (a <see cref="TimeProvider"/> timestamp); meaningful while there are none.</summary>
        public long IdleSince { get; private set; }

        public bool TryEnter()
        {
            lock (gate)
            {
                if (dropped)
                {
                    return false;
                }

                users++;
                return true;
            }
        }

        public void Leave(long now)
        {
            lock (gate)
            {
                if (--users == 0)
                {
                    IdleSince = now;
                }
            }
        }

        /// <summary>Marks the channel dropped when nobody uses it, it has lingered long enough and its subscription is made.</summary>
        public bool TryDrop(bool lingeredEnough)
        {
            lock (gate)
            {
                if (dropped || users > 0 || !lingeredEnough || !Subscription.IsCompletedSuccessfully)
                {
                    return false;
                }

                dropped = true;
                return true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation channel {Channel}: subscription renewed, as it did not bring a conversation's messages")]
    private partial void LogRenewed(string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation channel {Channel}: could not unsubscribe")]
    private partial void LogUnsubscribeFailed(Exception exception, string channel);
}
