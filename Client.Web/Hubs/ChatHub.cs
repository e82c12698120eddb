using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Chat;
using Orbitalyntra.Web.Apis;
using Orbitalyntra.Web.Relay;

namespace Orbitalyntra.Web.Hubs;

/// <summary>
/// The real-time chat endpoint (<c>/hubs/chat</c>). Clients send messages and join conversations; joined
/// connections receive <see cref="MessageReceivedEvent"/>(conversationId, message) for every message after the
/// sequence number they last saw, in order, once.
/// </summary>
public sealed class ChatHub(IClusterClient cluster, ConversationRelay relay) : Hub
{
    public const string MessageReceivedEvent = "messageReceived";

    /// <summary>Stores a message and returns it with its sequence number; a retry with the same client message id returns the first.</summary>
    public async Task<ChatMessage> SendMessage(string tenantId, string conversationId, PostMessageRequest? message)
    {
        var key = Address(tenantId, conversationId);
        var command = (message ?? throw new HubException("The message is missing.")).ToCommand();
        var problems = ChatRules.Check(command);
        if (problems.Count > 0)
        {
            throw new HubException("The message is not valid: " + string.Join(" ", problems.Values.SelectMany(p => p)));
        }

        var outcome = await cluster.GetGrain<IConversationGrain>(key.ToString()).Post(command);
        return outcome.Status switch
        {
            PostStatus.Stored or PostStatus.AlreadyStored => outcome.Message!,
            PostStatus.Rejected => throw new HubException("The message is not valid: " + outcome.Error),
            PostStatus.Busy => throw new HubException(outcome.Error),
            _ => throw NotFound(conversationId),
        };
    }

    /// <summary>Sends this connection every message after <paramref name="lastSeenSequence"/> (0 for all), then new ones live.</summary>
    public async Task JoinConversation(string tenantId, string conversationId, long lastSeenSequence)
    {
        var key = Address(tenantId, conversationId);
        if (lastSeenSequence < 0)
        {
            throw new HubException("lastSeenSequence must be 0 or more.");
        }

        var summary = await cluster.GetGrain<IConversationGrain>(key.ToString()).GetSummary() ?? throw NotFound(conversationId);
        if (lastSeenSequence > summary.LastSequence)
        {
            throw new HubException($"lastSeenSequence is {lastSeenSequence} but the conversation's newest message is {summary.LastSequence}.");
        }

        await relay.Watch(Context.ConnectionId, key, lastSeenSequence);
        if (Context.ConnectionAborted.IsCancellationRequested)
        {
            // The connection went away while it joined, perhaps after OnDisconnectedAsync ran: undo the join.
            await relay.Unwatch(Context.ConnectionId, key);
        }
    }

    /// <summary>Stops sending this connection the conversation's messages.</summary>
    public Task LeaveConversation(string tenantId, string conversationId) =>
        relay.Unwatch(Context.ConnectionId, Address(tenantId, conversationId));

    public override Task OnDisconnectedAsync(Exception? exception) => relay.UnwatchAll(Context.ConnectionId);

    private static ConversationKey Address(string tenantId, string conversationId) =>
        ConversationAddress.TryParse(tenantId, conversationId, out var key) ? key : throw NotFound(conversationId);

    private static HubException NotFound(string conversationId) =>
        new($"There is no conversation '{conversationId}' in this tenant.");
}
