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
/// last saw, in order, once. Each command is <see cref="ConversationCommands"/>' own, as over REST; a refusal comes back
/// as a <see cref="HubException"/> that says why.
/// </summary>
[Authorize]
public sealed class ChatHub(ConversationCommands commands, ConversationRelay relay, InboxRelay inboxes, OpenConnections connections, IClusterClient cluster) : Hub<IChatClient>
{
    /// <summary>How often one connection's typing signal is passed on for one conversation; more are dropped.</summary>
    private static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(2);

    /// <summary>Stores a message from the caller and returns it with its sequence number; a retry with the same client message id returns the first.</summary>
    public async Task<ChatMessage> SendMessage(string tenantId, string conversationId, PostMessageRequest? message) =>
        Answer(await commands.Post(Call(tenantId, conversationId), message ?? throw MessageMissing(), isNote: false));

    /// <summary>Stores a private note of the tenant's staff: other staff receive it, visitors never do.</summary>
    public async Task<ChatMessage> AddNote(string tenantId, string conversationId, PostMessageRequest? note) =>
        Answer(await commands.Post(Call(tenantId, conversationId), note ?? throw MessageMissing(), isNote: true));

    /// <summary>Tells the conversation's other watchers that the caller is typing (at most once every 2 seconds per connection).</summary>
    public async Task Typing(string tenantId, string conversationId)
    {
        // Only a call that was let in is remembered, so a throttled call is one of an admitted caller.
        var throttle = (nameof(Typing), tenantId, conversationId);
        var now = DateTimeOffset.UtcNow;
        if (Context.Items.TryGetValue(throttle, out var last) && last is DateTimeOffset previous && now - previous < TypingInterval)
        {
            return;
        }

        Answer(await commands.Typing(Call(tenantId, conversationId)));
        Context.Items[throttle] = now;
    }

    /// <summary>Tells the watchers that the caller's device received every message up to <paramref name="upToSequence"/>.</summary>
    public async Task MarkDelivered(string tenantId, string conversationId, long upToSequence) =>
        Answer(await commands.Acknowledge(Call(tenantId, conversationId), ReceiptKind.Delivered, upToSequence));

    /// <summary>Tells the watchers that the caller read every message up to <paramref name="upToSequence"/>.</summary>
    public async Task MarkRead(string tenantId, string conversationId, long upToSequence) =>
        Answer(await commands.Acknowledge(Call(tenantId, conversationId), ReceiptKind.Read, upToSequence));

    /// <summary>Sends this connection every message after <paramref name="lastSeenSequence"/> (0 for all), then new ones live.</summary>
    public async Task JoinConversation(string tenantId, string conversationId, long lastSeenSequence)
    {
        var summary = Answer(await commands.Summary(Call(tenantId, conversationId)));
        if (lastSeenSequence < 0 || lastSeenSequence > summary.LastSequence)
        {
            throw new HubException($"lastSeenSequence must be between 0 and the conversation's newest message, {summary.LastSequence}.");
        }

        var key = new ConversationKey(summary.TenantId, summary.ConversationId);
        await relay.Watch(Context.ConnectionId, key, lastSeenSequence, seesNotes: Context.User!.IsStaff());
        if (Context.ConnectionAborted.IsCancellationRequested)
        {
            // The connection went away while it joined, perhaps after OnDisconnectedAsync ran: undo the join.
            await relay.Unwatch(Context.ConnectionId, key);
        }
    }

    /// <summary>The visitor says the assistant's suggestions answered the question: the conversation is resolved as deflected.</summary>
    public async Task AssistantAnswered(string tenantId, string conversationId) =>
        Answer(await commands.AnswerAssistant(Call(tenantId, conversationId), answered: true));

    /// <summary>The visitor asks for a person after the assistant's suggestions: the conversation goes to the inbox.</summary>
    public async Task TalkToPerson(string tenantId, string conversationId) =>
        Answer(await commands.AnswerAssistant(Call(tenantId, conversationId), answered: false));

    /// <summary>The visitor opened an article the assistant suggested in the conversation: counted as opened.</summary>
    public async Task OpenedSuggestion(string tenantId, string conversationId, Guid articleId) =>
        Answer(await commands.OpenedSuggestion(Call(tenantId, conversationId), articleId));

    /// <summary>Stops sending this connection the conversation's messages.</summary>
    public async Task LeaveConversation(string tenantId, string conversationId) =>
        await relay.Unwatch(Context.ConnectionId, Answer(await commands.Admit(Call(tenantId, conversationId))));

    /// <summary>
    /// Sends this staff connection the inbox's first page now (<see cref="IChatClient.InboxPage"/>), then each change of
    /// it (<see cref="IChatClient.InboxDelta"/>); called again, sends the page again (a client that missed a delta).
    /// </summary>
    public async Task WatchInbox(string tenantId)
    {
        if (!Context.User!.IsStaffOf(tenantId))
        {
            throw new HubException("Only the tenant's staff watch its inbox.");
        }

        await inboxes.Watch(Context.ConnectionId, tenantId);
        await Groups.AddToGroupAsync(Context.ConnectionId, InboxRelay.Group(tenantId));
        await Clients.Caller.InboxPage(await cluster.GetGrain<IInboxGrain>(tenantId).GetPage());
    }

    public override Task OnConnectedAsync()
    {
        connections.Opened(Context);
        return Task.CompletedTask;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context);
        await relay.UnwatchAll(Context.ConnectionId);
        await inboxes.Forget(Context.ConnectionId);
    }

    /// <summary>The call as the commands take it: this connection's caller, who is let into each conversation once.</summary>
    private ConversationCall Call(string tenantId, string conversationId) => new(Context.User!, tenantId, conversationId, Context.Items);

    /// <summary>The command's result, or its refusal as the hub's error: a refused request's content is named, then what was wrong.</summary>
    private static T Answer<T>(CommandOutcome<T> outcome) =>
        outcome.Refusal switch
        {
            null => outcome.Value!,
            CommandRefusal.Invalid or CommandRefusal.Rejected => throw new HubException($"{outcome.Refusal.Title.TrimEnd('.')}: {outcome.Refusal.Detail}"),
            { } refusal => throw new HubException(refusal.Detail),
        };

    private static HubException MessageMissing() => new("The message is missing.");
}
