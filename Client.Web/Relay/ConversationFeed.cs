using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Chat;
using Orbitalyntra.Web.Chat;

namespace Orbitalyntra.Web.Relay;

/// <summary>
/// One conversation's events, relayed to the SignalR connections of this host that watch it. Each connection has a
/// cursor (the last sequence number it was sent): a stream event at the cursor or below is dropped, one past a gap
/// makes the feed read the missing messages from the conversation's log first. Events and joins are handled one at
/// a time, so every connection gets every message once, in order.
/// The events come from the conversation's channel (<see cref="ChannelSubscriptions"/>), which the relay hands over to
/// <see cref="Enqueue"/>: it returns at once, as all of this host's subscriptions share one consumer whose calls are
/// taken one at a time, so a feed that worked inside the call would hold up every other conversation (docs/decisions/0018).
/// A stream event can be lost (its silo died after the write, or the pulling agent gave up under overload); when no
/// later message shows the gap, only an audit does: the feed compares its cursors with the conversation's last
/// sequence soon after its last event, then less and less often while it stays quiet, and sends from the log what a
/// previous audit already found missing, so that a message the stream is about to bring is not raced by the log, and
/// then has the channel's subscription renewed, in case that is what was lost.
/// </summary>
internal sealed partial class ConversationFeed(
    ConversationKey key,
    IClusterClient cluster,
    ChannelSubscriptions channels,
    IHubClients<IChatClient> clients,
    TimeProvider time,
    ILogger logger)
{
    private const int CatchUpPageSize = ChatRules.MaxPageSize;

    /// <summary>How soon after an event the first audit comes; events of a busy feed keep pushing it back.</summary>
    public static readonly TimeSpan FirstAuditDelay = TimeSpan.FromSeconds(2);

    /// <summary>The longest a quiet feed goes without an audit.</summary>
    public static readonly TimeSpan LongestAuditDelay = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly Dictionary<string, Watcher> watchers = [];
    private readonly Channel<ConversationEvent> events = Channel.CreateUnbounded<ConversationEvent>(new() { SingleReader = true });
    private Task? relaying;
    private bool inChannel;
    private long lastAuditAt;
    private bool closed;
    private TimeSpan auditDelay = FirstAuditDelay;
    private long nextAuditTimestamp = time.GetTimestamp() + ToTimestamp(time, FirstAuditDelay);

    public ConversationKey Key => key;

    /// <summary>True when the feed's next audit is due; read without the turn, a stale answer only moves an audit by a tick.</summary>
    public bool AuditDue => !closed && time.GetTimestamp() >= Volatile.Read(ref nextAuditTimestamp);

    /// <summary>True once the last watcher left; a closed feed never opens again.</summary>
    public bool Closed => closed;

    private IConversationGrain Conversation => cluster.Conversation(key);

    /// <summary>
    /// Starts sending to <paramref name="connectionId"/> what follows <paramref name="lastSeenSequence"/>, private notes
    /// only when <paramref name="seesNotes"/> (staff); false when the feed has closed.
    /// </summary>
    public async Task<bool> AddWatcher(string connectionId, long lastSeenSequence, bool seesNotes)
    {
        await turn.WaitAsync();
        try
        {
            if (closed)
            {
                return false;
            }

            relaying ??= Task.Run(RelayEvents);
            if (!inChannel)
            {
                await channels.Enter(key);
                inChannel = true;
            }

            watchers[connectionId] = new Watcher(lastSeenSequence, seesNotes);
            await CatchUp(connectionId, long.MaxValue);
            return true;
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Stops sending to the connection; true when it was the last one and the feed closed.</summary>
    public async Task<bool> RemoveWatcher(string connectionId)
    {
        await turn.WaitAsync();
        try
        {
            if (!watchers.Remove(connectionId) || watchers.Count > 0 || closed)
            {
                return false;
            }

            closed = true;
            events.Writer.TryComplete();
            if (inChannel)
            {
                channels.Leave(key);
            }

            return true;
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>After the cluster connection came back (and the channels' subscriptions with it): send what was missed meanwhile.</summary>
    public async Task Resume()
    {
        await turn.WaitAsync();
        try
        {
            if (closed)
            {
                return;
            }

            foreach (var connectionId in watchers.Keys.ToList())
            {
                await CatchUp(connectionId, long.MaxValue);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>
    /// Sends each connection what a previous audit found missing and the stream has not brought since, and notes what is
    /// missing now for the next audit; that one comes after <see cref="FirstAuditDelay"/> when something is missing,
    /// otherwise twice as late as this one, up to <see cref="LongestAuditDelay"/>.
    /// </summary>
    public async Task Audit()
    {
        await turn.WaitAsync();
        try
        {
            if (closed || watchers.Count == 0)
            {
                return;
            }

            // What this audit sends from the log, the previous one found missing.
            var missingNoticedAt = lastAuditAt;
            lastAuditAt = time.GetTimestamp();
            var last = (await Conversation.GetSummary())?.LastSequence ?? 0;
            var neverBrought = false;
            foreach (var (connectionId, watcher) in watchers.ToList())
            {
                if (watcher.Cursor < watcher.MissingUpTo)
                {
                    LogMissed(key, watcher.Cursor, watcher.MissingUpTo);
                    await CatchUp(connectionId, watcher.MissingUpTo);
                    neverBrought = true;
                }

                watcher.MissingUpTo = watcher.Cursor < last ? last : 0;
            }

            if (neverBrought)
            {
                // The channel's subscription may be what failed; if so, every conversation of the channel suffers.
                await channels.Renew(key, missingNoticedAt);
            }

            auditDelay = watchers.Values.Any(w => w.MissingUpTo > 0)
                ? FirstAuditDelay
                : TimeSpan.FromTicks(Math.Min(auditDelay.Ticks * 2, LongestAuditDelay.Ticks));
            ScheduleAudit(auditDelay);
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Queues the event for <see cref="RelayEvents"/> and returns at once (see the class summary for why).</summary>
    public void Enqueue(ConversationEvent item) => events.Writer.TryWrite(item);

    /// <summary>Handles the stream's events in the order they came, each in its turn with joins and audits, until the feed closes.</summary>
    private async Task RelayEvents()
    {
        await foreach (var item in events.Reader.ReadAllAsync())
        {
            await turn.WaitAsync();
            try
            {
                if (!closed)
                {
                    await Handle(item);
                }
            }
            catch (Exception failure)
            {
                // A send or a read of the log failed: the cursors stay where they are, and the next event's gap or the
                // audit fills what this one did not deliver.
                LogRelayFailed(failure, key);
            }
            finally
            {
                turn.Release();
            }
        }
    }

    private async Task Handle(ConversationEvent item)
    {
        auditDelay = FirstAuditDelay;
        ScheduleAudit(auditDelay);
        switch (item)
        {
            case MessageAdded added:
                await Relay(added.Message);
                break;
            case ParticipantTyping typing:
                await Broadcast(client => client.Typing(key.ConversationId, typing.Sender));
                break;
            case MessagesAcknowledged receipt:
                await Broadcast(client => client.Receipt(key.ConversationId, receipt.Reader, receipt.Kind, receipt.UpToSequence));
                break;
        }
    }

    /// <summary>A message goes to each connection in sequence order: past its cursor at once, past a gap after the gap.</summary>
    private async Task Relay(ChatMessage message)
    {
        foreach (var (connectionId, watcher) in watchers.ToList())
        {
            var cursor = watcher.Cursor;
            if (message.Sequence == cursor + 1)
            {
                await Send(connectionId, message);
            }
            else if (message.Sequence > cursor + 1)
            {
                LogGap(key, cursor, message.Sequence);
                await CatchUp(connectionId, message.Sequence);
            }
        }
    }

    /// <summary>A passing signal (typing, receipts) goes to every watching connection as it is: nothing to order or fill.</summary>
    private async Task Broadcast(Func<IChatClient, Task> send)
    {
        foreach (var connectionId in watchers.Keys.ToList())
        {
            await send(clients.Client(connectionId));
        }
    }

    /// <summary>Sends the connection every stored message after its cursor, up to <paramref name="upTo"/>.</summary>
    private async Task CatchUp(string connectionId, long upTo)
    {
        var watcher = watchers[connectionId];
        while (watcher.Cursor < upTo)
        {
            var page = await Conversation.ReadAfter(watcher.Cursor, CatchUpPageSize);
            if (page is null || page.Messages.Count == 0)
            {
                return;
            }

            foreach (var message in page.Messages.TakeWhile(m => m.Sequence <= upTo))
            {
                await Send(connectionId, message);
            }

            if (watcher.Cursor >= page.LastSequence)
            {
                return;
            }
        }
    }

    /// <summary>Sends the next message to a connection; a private note only to staff, but every cursor moves past it.</summary>
    private async Task Send(string connectionId, ChatMessage message)
    {
        var watcher = watchers[connectionId];
        if (!message.IsNote || watcher.SeesNotes)
        {
            await clients.Client(connectionId).MessageReceived(key.ConversationId, message);
            RelayMetrics.CountDelivery(message.SentAt, time.GetUtcNow());
        }

        watcher.Cursor = message.Sequence;
    }

    private void ScheduleAudit(TimeSpan delay) =>
        Volatile.Write(ref nextAuditTimestamp, time.GetTimestamp() + ToTimestamp(time, delay));

    private static long ToTimestamp(TimeProvider clock, TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    /// <summary>What the feed knows of one connection: the last sequence number it has passed, and whether it sees notes.</summary>
    private sealed class Watcher(long cursor, bool seesNotes)
    {
        public long Cursor { get; set; } = cursor;

        public bool SeesNotes { get; } = seesNotes;

        /// <summary>What the last audit found missing (0 when nothing was): the next audit sends it if the stream has not.</summary>
        public long MissingUpTo { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {Conversation}: stream skipped from {Cursor} to {Sequence}; filling from the log")]
    private partial void LogGap(ConversationKey conversation, long cursor, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {Conversation}: the stream never brought messages {Cursor}..{Last}; sent from the log")]
    private partial void LogMissed(ConversationKey conversation, long cursor, long last);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {Conversation}: an event could not be relayed; the log fills the gap")]
    private partial void LogRelayFailed(Exception exception, ConversationKey conversation);
}
