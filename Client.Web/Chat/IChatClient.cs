using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Chat;
using Orbitalyntra.Desk;

namespace Orbitalyntra.Web.Chat;

/// <summary>
/// What the chat hub's connections receive, by the event names the browser and the .NET clients listen for. The hub
/// sends <see cref="InboxPage"/> when a connection starts watching an inbox; the relays send everything else as the
/// conversations' and inboxes' streams bring it. It lives apart from the hub so that the relays need not know the hub.
/// </summary>
public interface IChatClient
{
    public const string MessageReceivedEvent = "messageReceived";
    public const string TypingEvent = "typing";
    public const string ReceiptEvent = "receipt";
    public const string InboxPageEvent = "inboxPage";
    public const string InboxDeltaEvent = "inboxDelta";

    /// <summary>The next message of a watched conversation: each once, in sequence order (private notes to staff only).</summary>
    [HubMethodName(MessageReceivedEvent)]
    Task MessageReceived(Guid conversationId, ChatMessage message);

    /// <summary>Someone in a watched conversation is typing.</summary>
    [HubMethodName(TypingEvent)]
    Task Typing(Guid conversationId, Sender sender);

    /// <summary>Someone in a watched conversation received or read every message up to <paramref name="upToSequence"/>.</summary>
    [HubMethodName(ReceiptEvent)]
    Task Receipt(Guid conversationId, Sender reader, ReceiptKind kind, long upToSequence);

    /// <summary>A watched inbox's first page as it is now: what the deltas that follow apply to.</summary>
    [HubMethodName(InboxPageEvent)]
    Task InboxPage(InboxPage page);

    /// <summary>One change of a watched inbox's page (docs/decisions/0045-inbox-deltas.md).</summary>
    [HubMethodName(InboxDeltaEvent)]
    Task InboxDelta(InboxDelta delta);
}
