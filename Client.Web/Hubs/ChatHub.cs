using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Chat;
using Orbitalyntra.Desk;
using Orbitalyntra.Web.Chat;
using Orbitalyntra.Web.Relay;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Hubs;

/// <summary>
/// The real-time chat endpoint (<c>/hubs/chat</c>), for signed-in agents and visitors with a widget token. Clients send
/// messages and join conversations of their tenant (a visitor only its own); joined connections receive
/// <see cref="IChatClient.MessageReceived"/>(conversationId, message) for every message after the sequence number they
/// last saw, in order, once.
/// </summary>
[Authorize]
public sealed class ChatHub(IClusterClient cluster, ConversationAccess access, ConversationRelay relay, InboxRelay inboxes) : Hub<IChatClient>
{
    /// <summary>How often one connection's typing signal is passed on for one conversation; more are dropped.</summary>
    private static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(2);

    /// <summary>Stores a message from the caller and returns it with its sequence number; a retry with the same client message id returns the first.</summary>
    public async Task<ChatMessage> SendMessage(string tenantId, string conversationId, PostMessageRequest? message) =>
        await Store(tenantId, conversationId, message, isNote: false);

    /// <summary>Stores a private note of the tenant's staff: other staff receive it, visitors never do.</summary>
    public async Task<ChatMessage> AddNote(string tenantId, string conversationId, PostMessageRequest? note) =>
        Context.User!.IsStaff()
            ? await Store(tenantId, conversationId, note, isNote: true)
            : throw new HubException("Only the tenant's staff write private notes.");

    private async Task<ChatMessage> Store(string tenantId, string conversationId, PostMessageRequest? message, bool isNote)
    {
        var key = await Authorized(tenantId, conversationId);
        var command = (message ?? throw new HubException("The message is missing.")).ToCommand(Context.User!.AsSender(), isNote);
        var problems = ChatRules.Check(command);
        if (problems.Count > 0)
        {
            throw new HubException("The message is not valid: " + string.Join(" ", problems.Values.SelectMany(p => p)));
        }

        var outcome = await cluster.Conversation(key).Post(command);
        return outcome.Status switch
        {
            PostStatus.Stored or PostStatus.AlreadyStored => outcome.Message!,
            PostStatus.Rejected => throw new HubException("The message is not valid: " + outcome.Error),
            PostStatus.Busy => throw new HubException(outcome.Error),
            _ => throw NotFound(conversationId),
        };
    }

    /// <summary>Tells the conversation's other watchers that the caller is typing (at most once every 2 seconds per connection).</summary>
    public async Task Typing(string tenantId, string conversationId)
    {
        var key = await Authorized(tenantId, conversationId);
        var now = DateTimeOffset.UtcNow;
        var throttle = ("typing", key);
        if (Context.Items.TryGetValue(throttle, out var last) && last is DateTimeOffset previous && now - previous < TypingInterval)
        {
            return;
        }

        Context.Items[throttle] = now;
        await cluster.Conversation(key).Typing(Context.User!.AsSender());
    }

    /// <summary>Tells the watchers that the caller's device received every message up to <paramref name="upToSequence"/>.</summary>
    public Task MarkDelivered(string tenantId, string conversationId, long upToSequence) =>
        Acknowledge(tenantId, conversationId, ReceiptKind.Delivered, upToSequence);

    /// <summary>Tells the watchers that the caller read every message up to <paramref name="upToSequence"/>.</summary>
    public Task MarkRead(string tenantId, string conversationId, long upToSequence) =>
        Acknowledge(tenantId, conversationId, ReceiptKind.Read, upToSequence);

    private async Task Acknowledge(string tenantId, string conversationId, ReceiptKind kind, long upToSequence)
    {
        var key = await Authorized(tenantId, conversationId);
        if (!await cluster.Conversation(key).Acknowledge(Context.User!.AsSender(), kind, upToSequence))
        {
            throw new HubException("upToSequence must be between 1 and the conversation's newest message.");
        }
    }

    /// <summary>Sends this connection every message after <paramref name="lastSeenSequence"/> (0 for all), then new ones live.</summary>
    public async Task JoinConversation(string tenantId, string conversationId, long lastSeenSequence)
    {
        var (key, summary) = await Find(tenantId, conversationId);
        if (lastSeenSequence < 0 || lastSeenSequence > summary.LastSequence)
        {
            throw new HubException($"lastSeenSequence must be between 0 and the conversation's newest message, {summary.LastSequence}.");
        }

        await relay.Watch(Context.ConnectionId, key, lastSeenSequence, seesNotes: Context.User!.IsStaff());
        if (Context.ConnectionAborted.IsCancellationRequested)
        {
            // The connection went away while it joined, perhaps after OnDisconnectedAsync ran: undo the join.
            await relay.Unwatch(Context.ConnectionId, key);
        }
    }

    /// <summary>Stops sending this connection the conversation's messages.</summary>
    public async Task LeaveConversation(string tenantId, string conversationId) =>
        await relay.Unwatch(Context.ConnectionId, await Authorized(tenantId, conversationId));

    /// <summary>Sends this staff connection the tenant's inbox now, then again after each change (<see cref="IChatClient.InboxChanged"/>).</summary>
    public async Task WatchInbox(string tenantId)
    {
        if (!Context.User!.IsStaffOf(tenantId))
        {
            throw new HubException("Only the tenant's staff watch its inbox.");
        }

        await inboxes.Watch(Context.ConnectionId, tenantId);
        await Groups.AddToGroupAsync(Context.ConnectionId, InboxRelay.Group(tenantId));
        await Clients.Caller.InboxChanged(await cluster.GetGrain<IInboxGrain>(tenantId).GetInbox());
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await relay.UnwatchAll(Context.ConnectionId);
        await inboxes.Forget(Context.ConnectionId);
    }

    private async Task<(ConversationKey Key, ConversationSummary Summary)> Find(string tenantId, string conversationId)
    {
        var found = await access.Find(Context.User!, tenantId, conversationId) ?? throw NotFound(conversationId);
        Context.Items[found.Key] = true;
        return found;
    }

    /// <summary>
    /// The conversation's key once this connection has been let in: a connection's identity and a conversation's owner
    /// never change, so the check runs once per connection and conversation, not on every message.
    /// </summary>
    private async Task<ConversationKey> Authorized(string tenantId, string conversationId) =>
        ConversationAddress.TryParse(tenantId, conversationId, out var key) && Context.Items.ContainsKey(key)
            ? key
            : (await Find(tenantId, conversationId)).Key;

    private static HubException NotFound(string conversationId) =>
        new($"There is no conversation '{conversationId}' for you in this tenant.");
}
