namespace Orbitalyntra.Desk;

/// <summary>
/// A tenant's inbox and routing: the conversations waiting for an agent, who handles which, and the agents'
/// availability kept by their heartbeats. New conversations go round robin to online agents below their capacity;
/// offline agents never get work from routing, only by a transfer. Keyed by the tenant id. It never calls a conversation, so conversations may call it.
/// </summary>
[Alias("orbitalyntra.desk.IInboxGrain")]
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>What is waiting, who handles what, and who is available.</summary>
    [Alias("GetInbox")]
    Task<InboxView> GetInbox();

    /// <summary>
    /// One page of the inbox for REST clients: up to <paramref name="limit"/> waiting conversations queued after the
    /// cursor <paramref name="waitingAfter"/> (0 for the first page), every assignment and every agent.
    /// </summary>
    [Alias("ListInbox")]
    Task<InboxListing> ListInbox(long waitingAfter, int limit);

    /// <summary>
    /// What a watching console starts from: the first waiting conversations, the assigned ones and the agents, with the
    /// version the <see cref="InboxDelta"/>s published after it apply to (docs/decisions/0045-inbox-deltas.md).
    /// </summary>
    [Alias("GetPage")]
    Task<InboxPage> GetPage();

    /// <summary>An agent's heartbeat: its status and capacity; an online agent with room takes waiting conversations.</summary>
    [Alias("Heartbeat")]
    Task<AgentAvailability> Heartbeat(string agentId, PresenceStatus status, int capacity);

    /// <summary>Routes a new conversation: answers the agent it went to, or null when it waits.</summary>
    [Alias("Enqueue")]
    Task<string?> Enqueue(Guid conversationId);

    /// <summary>Gives a conversation to <paramref name="agentId"/>, waiting or assigned to someone else; false when the agent is unknown or offline.</summary>
    [Alias("Assign")]
    Task<bool> Assign(Guid conversationId, string agentId);

    /// <summary>
    /// Gives a conversation to <paramref name="agentId"/>, an agent of the tenant (the caller checked), online or not: a
    /// colleague hands it to someone who will be back. An agent away or offline then is mailed that it waits, if they
    /// turned that mail on (<see cref="Notifications.MailTopic.AssignedWhileAway"/>).
    /// </summary>
    [Alias("Transfer")]
    Task Transfer(Guid conversationId, string agentId);

    /// <summary>Takes a conversation out of the inbox (it was resolved): its agent has room again.</summary>
    [Alias("Release")]
    Task Release(Guid conversationId);
}

/// <summary>An agent's presence.</summary>
public enum PresenceStatus
{
    /// <summary>Working and taking conversations.</summary>
    Online = 1,

    /// <summary>Signed in but taking no new conversations.</summary>
    Away = 2,

    /// <summary>Gone.</summary>
    Offline = 3,
}

/// <summary>An agent as routing sees it.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Status">What the agent last said.</param>
/// <param name="Capacity">Most conversations at once.</param>
/// <param name="LastSeen">The last heartbeat.</param>
/// <param name="Load">Conversations it handles now.</param>
/// <param name="Available">Online, heard from within <see cref="InboxRules.PresenceTimeout"/>, and below capacity.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.agent-availability")]
public sealed record AgentAvailability(
    [property: Id(0)] string AgentId,
    [property: Id(1)] PresenceStatus Status,
    [property: Id(2)] int Capacity,
    [property: Id(3)] DateTimeOffset LastSeen,
    [property: Id(4)] int Load,
    [property: Id(5)] bool Available);

/// <summary>Which agent handles a conversation.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="AgentId">Its agent.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.assignment")]
public sealed record Assignment([property: Id(0)] Guid ConversationId, [property: Id(1)] string AgentId);

/// <summary>The inbox at a glance.</summary>
/// <param name="Waiting">Conversations waiting for an agent, oldest first.</param>
/// <param name="Assigned">Conversations and their agents.</param>
/// <param name="Agents">Every agent that ever sent a heartbeat.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.inbox-view")]
public sealed record InboxView(
    [property: Id(0)] IReadOnlyList<Guid> Waiting,
    [property: Id(1)] IReadOnlyList<Assignment> Assigned,
    [property: Id(2)] IReadOnlyList<AgentAvailability> Agents);

/// <summary>A page of the inbox (<see cref="IInboxGrain.ListInbox"/>).</summary>
/// <param name="Waiting">Waiting conversations of this page, oldest first.</param>
/// <param name="Assigned">Every assigned conversation (bounded by agents' capacities and staff's own actions).</param>
/// <param name="Agents">Every agent's availability.</param>
/// <param name="WaitingCount">How many conversations wait in all.</param>
/// <param name="NextWaitingAfter">The cursor of the next page of waiting conversations; null on the last.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.inbox-listing")]
public sealed record InboxListing(
    [property: Id(0)] IReadOnlyList<Guid> Waiting,
    [property: Id(1)] IReadOnlyList<Assignment> Assigned,
    [property: Id(2)] IReadOnlyList<AgentAvailability> Agents,
    [property: Id(3)] int WaitingCount,
    [property: Id(4)] long? NextWaitingAfter);

/// <summary>The rules of routing.</summary>
public static class InboxRules
{
    /// <summary>An online agent not heard from for this long counts as offline.</summary>
    public static readonly TimeSpan PresenceTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Waiting conversations in a page of <c>GET /inbox</c> unless asked otherwise, and the most it gives.</summary>
    public const int DefaultListLimit = 100, MaxListLimit = 500;

    /// <summary>The most conversations an agent may take at once.</summary>
    public const int MaxCapacity = 50;

    /// <summary>The capacity of an agent that did not say.</summary>
    public const int DefaultCapacity = 5;

    /// <summary>How many waiting conversations, oldest first, a watching console is shown and kept up to date on.</summary>
    public const int PageSize = 100;
}
