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
            // The factory only makes the entry: it may run more than once in a race, and a subscription made there and
            // lost would deliver every event twice for the host's life.
            var channel = channels.GetOrAdd(id, _ => new Channel());
            if (channel.TryEnter(() => Subscribe(id)) is not { } subscription)
            {
                // Dropped between lookup and entry: whoever dropped it unsubscribes; this one subscribes anew.
                channels.TryRemove(KeyValuePair.Create(id, channel));
                continue;
            }

            try
            {
                await subscription;
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
    /// The channel's stream did not bring messages of <paramref name="conversation"/> that its log holds, as an audit
    /// first noticed at <paramref name="noticedAt"/> (a <see cref="TimeProvider"/> timestamp): the subscription may be
    /// gone (cancelled, or lost by the cluster). Unless it was made since, a new one replaces it, so that the many feeds
    /// of one channel that noticed the same loss renew it once; events that come through both meanwhile are dropped by
    /// the feeds' cursors.
    /// </summary>
    public async Task Renew(ConversationKey conversation, long noticedAt)
    {
        var id = ChatStreams.ForChannelOf(conversation);
        await changes.WaitAsync();
        try
        {
            if (channels.TryGetValue(id, out var channel) && channel.Made is { } made && made.At < noticedAt)
            {
                await Replace(id, channel, made.Subscription);
                LogRenewed(id.ToString());
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
                if (channel.TryDrop(time.GetElapsedTime(channel.IdleSince) >= Linger) is { } dropped)
                {
                    // Removed here or by an Enter that found it dropped; unsubscribed here either way.
                    channels.TryRemove(KeyValuePair.Create(id, channel));
                    await Unsubscribe(id, dropped);
                }
            }
        }
        finally
        {
            changes.Release();
        }
    }

    /// <summary>
    /// After the cluster connection came back: every channel is subscribed anew, as the cluster drops the subscriptions
    /// of a client it could not reach (a resumed handle would only bind the observer here again).
    /// </summary>
    public async Task Resume()
    {
        await changes.WaitAsync();
        try
        {
            foreach (var (id, channel) in channels)
            {
                if (channel.Made is { } made)
                {
                    await Replace(id, channel, made.Subscription);
                }
            }
        }
        finally
        {
            changes.Release();
        }
    }

    private async Task Replace(StreamId id, Channel channel, StreamSubscriptionHandle<ChannelEvent> stale)
    {
        var fresh = Subscribe(id);
        await fresh;
        channel.Replaced(fresh);
        await Unsubscribe(id, stale);
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

    private TimedSubscription Subscribe(StreamId id) =>
        new(time.GetTimestamp(), cluster.GetStreamProvider(ChatStreams.Provider).GetStream<ChannelEvent>(id).SubscribeAsync(observer));

    /// <summary>A subscription being made, and when it was asked for (a <see cref="TimeProvider"/> timestamp).</summary>
    private sealed record TimedSubscription(long At, Task<StreamSubscriptionHandle<ChannelEvent>> Task)
    {
        public System.Runtime.CompilerServices.TaskAwaiter<StreamSubscriptionHandle<ChannelEvent>> GetAwaiter() => Task.GetAwaiter();
    }

    /// <summary>A subscription made, and when it was asked for.</summary>
    private sealed record MadeSubscription(long At, StreamSubscriptionHandle<ChannelEvent> Subscription);

    /// <summary>A channel's subscription and how many conversations here use it; all of it changes under its lock.</summary>
    private sealed class Channel
    {
        private readonly Lock gate = new();
        private TimedSubscription? subscription;
        private int users;
        private bool dropped;

        /// <summary>When the last user left (a <see cref="TimeProvider"/> timestamp); meaningful while there are none.</summary>
        public long IdleSince { get; private set; }

        /// <summary>The subscription, once made.</summary>
        public MadeSubscription? Made
        {
            get
            {
                lock (gate)
                {
                    return subscription is { Task.IsCompletedSuccessfully: true } made ? new(made.At, made.Task.Result) : null;
                }
            }
        }

        /// <summary>Counts one more user and answers the subscription, started by the first; null when the channel was dropped.</summary>
        public TimedSubscription? TryEnter(Func<TimedSubscription> subscribe)
        {
            lock (gate)
            {
                if (dropped)
                {
                    return null;
                }

                users++;
                subscription ??= subscribe();
                return subscription;
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

                if (subscription is { Task.IsFaulted: true } or { Task.IsCanceled: true })
                {
                    // The next user tries again.
                    subscription = null;
                }
            }
        }

        public void Replaced(TimedSubscription fresh)
        {
            lock (gate)
            {
                subscription = fresh;
            }
        }

        /// <summary>
        /// Marks the channel dropped when nobody uses it, it has lingered long enough and its subscription is made;
        /// answers that subscription, for the caller to end.
        /// </summary>
        public StreamSubscriptionHandle<ChannelEvent>? TryDrop(bool lingeredEnough)
        {
            lock (gate)
            {
                if (dropped || users > 0 || !lingeredEnough || subscription is not { Task.IsCompletedSuccessfully: true } made)
                {
                    return null;
                }

                dropped = true;
                return made.Task.Result;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation channel {Channel}: subscription renewed, as it did not bring a conversation's messages")]
    private partial void LogRenewed(string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation channel {Channel}: could not unsubscribe")]
    private partial void LogUnsubscribeFailed(Exception exception, string channel);
}
