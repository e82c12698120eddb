using Orleans.Runtime;

namespace Orbitalyntra.Chat;

/// <summary>Names of the Orleans streams that carry live chat events.</summary>
public static class ChatStreams
{
    /// <summary>The stream provider for live chat events (an in-memory provider: the log gives durability).</summary>
    public const string Provider = "chat";

    /// <summary>The stream namespace of tenants' inboxes; the stream key is the tenant id.</summary>
    public const string InboxNamespace = "inbox";

    /// <summary>The stream namespace of conversation channels; the stream key is the channel's number.</summary>
    public const string ChannelNamespace = "conversations";

    /// <summary>
    /// How many channels the conversations of every tenant are spread over. A stream per conversation cost stored
    /// pub-sub writes each time a conversation started and was watched; a channel is registered once by the silo that
    /// carries it, and a web host keeps its subscription while it watches any conversation of it, and a while after
    /// (docs/decisions/0020). Silos and web hosts must agree on it.
    /// </summary>
    public const int Channels = 16;

    /// <summary>The stream that carries a tenant's inbox, as an <see cref="Desk.InboxDelta"/> after each change that a watcher's page shows.</summary>
    public static StreamId ForInbox(string tenantId) => StreamId.Create(InboxNamespace, tenantId);

    /// <summary>The stream that carries the <see cref="ChannelEvent"/>s of the conversation, among others of its channel.</summary>
    public static StreamId ForChannelOf(ConversationKey key) =>
        StreamId.Create(ChannelNamespace, ChannelOf(key.ConversationId).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A conversation's channel: computed from its id alone, the same in every process and version.</summary>
    private static int ChannelOf(Guid conversationId) => (int)(StableHash.Of(conversationId.ToString("N")) % Channels);
}
