using System.Collections.Immutable;
using Orbitalyntra.Integrations;

namespace Orbitalyntra.Desk;

/// <summary>
/// The stored inbox of each tenant as entries: one per conversation in the inbox, one per agent that sent a heartbeat,
/// and the routing entry (where round robin goes on). A change writes only the entries it touched, so its cost does not
/// grow with the number of conversations waiting. Entries hold ids, never personal data.
/// </summary>
public interface IInboxEntries
{
    /// <summary>Every entry of the tenant's inbox, and its version; an inbox never written is empty, at version null.</summary>
    Task<StoredInbox> Load(string tenantId);

    /// <summary>
    /// Stores <paramref name="change"/> if the inbox is still at <paramref name="version"/>, and answers its new version.
    /// Throws <see cref="Orleans.Storage.InconsistentStateException"/>, storing nothing, when another writer changed the
    /// inbox since that version: the caller's copy is stale.
    /// </summary>
    Task<string> Write(string tenantId, string? version, InboxChange change);
}

/// <summary>A conversation in the inbox: waiting while it has no agent.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Queued">Its place in the queue, given when it came in: the waiting go out smallest first.</param>
/// <param name="AgentId">Its agent; null while it waits.</param>
public sealed record InboxConversation(Guid ConversationId, long Queued, string? AgentId);

/// <summary>An agent's last heartbeat.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Status">What it said.</param>
/// <param name="Capacity">Most conversations at once.</param>
/// <param name="LastSeen">When.</param>
public sealed record InboxAgent(string AgentId, PresenceStatus Status, int Capacity, DateTimeOffset LastSeen);

/// <summary>A tenant's stored inbox.</summary>
/// <param name="Conversations">Every conversation in it, in no particular order.</param>
/// <param name="Agents">Every agent that sent a heartbeat.</param>
/// <param name="LastAssigned">The agent that got the last routed conversation.</param>
/// <param name="Version">What the next write names; null when nothing was ever written.</param>
/// <param name="WebhookEvents">The webhook events of assignments, written with the change that stored them (docs/decisions/0052).</param>
public sealed record StoredInbox(
    IReadOnlyList<InboxConversation> Conversations, IReadOnlyList<InboxAgent> Agents, string? LastAssigned, string? Version,
    ImmutableList<WebhookEvent>? WebhookEvents = null);

/// <summary>The entries one change of an inbox touched.</summary>
/// <param name="Conversations">Conversations added or changed.</param>
/// <param name="Removed">Conversations that left the inbox.</param>
/// <param name="Agents">Agents added or changed.</param>
/// <param name="LastAssigned">The routing entry after the change, written with every change.</param>
/// <param name="WebhookEvents">
/// The webhook events of assignments not yet handed to the deliveries, those of this change among them: in the routing
/// entry, so that they are stored in the same write as the assignments (docs/decisions/0052).
/// </param>
public sealed record InboxChange(
    IReadOnlyList<InboxConversation> Conversations, IReadOnlyList<Guid> Removed, IReadOnlyList<InboxAgent> Agents, string? LastAssigned,
    ImmutableList<WebhookEvent>? WebhookEvents = null);
