using Orleans.Runtime;

namespace Orbitalyntra.Chat;

/// <summary>Names of the Orleans streams that carry live chat events.</summary>
public static class ChatStreams
{
    /// <summary>The stream provider for live chat events (an in-memory provider: the log gives durability).</summary>
    public const string Provider = "chat";

    /// <summary>The stream namespace of conversations; the stream key is the <see cref="ConversationKey"/>.</summary>
    public const string ConversationNamespace = "conversation";

    /// <summary>The stream namespace of tenants' inboxes; the stream key is the tenant id.</summary>
    public const string InboxNamespace = "inbox";

    /// <summary>The stream that carries a tenant's inbox, as a whole new view after each change.</summary>
    public static StreamId ForInbox(string tenantId) => StreamId.Create(InboxNamespace, tenantId);

    /// <summary>The stream that carries a conversation's <see cref="ConversationEvent"/>s.</summary>
    public static StreamId ForConversation(ConversationKey key) => StreamId.Create(ConversationNamespace, key.ToString());
}
