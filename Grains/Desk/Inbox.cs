using System.Collections.Immutable;

namespace Orbitalyntra.Desk;

/// <summary>
/// A tenant's inbox in memory and its routing rules. Its entries are indexed so that a change costs what it touches, not
/// what the inbox holds (the waiting queue in order, each agent's load), and it tracks the entries touched since it was
/// stored, which are all a change writes. Immutable: a change that fails to store leaves the grain's inbox as it was.
/// </summary>
internal sealed record Inbox(
    ImmutableDictionary<Guid, InboxConversation> Conversations,
    ImmutableSortedSet<(long Queued, Guid ConversationId)> Waiting,
    ImmutableSortedDictionary<string, InboxAgent> Agents,
    ImmutableDictionary<string, int> Loads,
    string? LastAssigned,
    long LastQueued,
    ImmutableHashSet<Guid> TouchedConversations,
    ImmutableHashSet<string> TouchedAgents)
{
    public static readonly Inbox Empty = new(
        ImmutableDictionary<Guid, InboxConversation>.Empty,
        [],
        ImmutableSortedDictionary.Create<string, InboxAgent>(StringComparer.Ordinal),
        ImmutableDictionary<string, int>.Empty,
        null,
        0,
        [],
        []);

    public static Inbox From(StoredInbox stored)
    {
        var inbox = stored.Conversations.Aggregate(Empty, (built, conversation) => built.Put(conversation));
        inbox = stored.Agents.Aggregate(inbox, (built, agent) => built.SetAgent(agent));
        return inbox.Stored() with
        {
            LastAssigned = stored.LastAssigned,
            LastQueued = stored.Conversations.Select(c => c.Queued).DefaultIfEmpty(0).Max(),
        };
    }

    public bool Holds(Guid conversationId) => Conversations.ContainsKey(conversationId);

    public string? AgentOf(Guid conversationId) => Conversations.GetValueOrDefault(conversationId)?.AgentId;

    /// <summary>Queues the conversation last, unless it is in the inbox already.</summary>
    public Inbox Enqueue(Guid conversationId) => Holds(conversationId) ? this : Queue(conversationId, null);

    /// <summary>Gives the conversation to the agent, whether it waits, has another agent, or was not in the inbox.</summary>
    public Inbox Assign(Guid conversationId, string agentId) =>
        Conversations.TryGetValue(conversationId, out var conversation) ? Put(conversation with { AgentId = agentId }) : Queue(conversationId, agentId);

    public Inbox Remove(Guid conversationId) => Take(conversationId) with { TouchedConversations = TouchedConversations.Add(conversationId) };

    public Inbox SetAgent(InboxAgent agent) => this with { Agents = Agents.SetItem(agent.AgentId, agent), TouchedAgents = TouchedAgents.Add(agent.AgentId) };

    /// <summary>Gives waiting conversations, oldest first, round robin to available agents until none is left or none has room.</summary>
    public Inbox AssignWaiting(DateTimeOffset now)
    {
        var inbox = this;
        while (!inbox.Waiting.IsEmpty && inbox.NextAgent(now) is { } agentId)
        {
            inbox = inbox.Put(inbox.Conversations[inbox.Waiting.Min.ConversationId] with { AgentId = agentId }) with { LastAssigned = agentId };
        }

        return inbox;
    }

    public bool IsOnline(string agentId, DateTimeOffset now) =>
        Agents.TryGetValue(agentId, out var agent) && agent.Status == PresenceStatus.Online && now - agent.LastSeen <= InboxRules.PresenceTimeout;

    public AgentAvailability Availability(string agentId, DateTimeOffset now)
    {
        var agent = Agents[agentId];
        var load = Loads.GetValueOrDefault(agentId);
        return new AgentAvailability(agentId, agent.Status, agent.Capacity, agent.LastSeen, load, IsOnline(agentId, now) && load < agent.Capacity);
    }

    public InboxView View(DateTimeOffset now) => new(Waiting.Select(w => w.ConversationId).ToList(), Assignments(), AllAvailability(now));

    /// <summary>
    /// Up to <paramref name="limit"/> waiting conversations queued after <paramref name="after"/>, in queue order, with
    /// the cursor of the next ones; every assignment and agent. Costs the page, never the queue (docs/decisions/0045).
    /// </summary>
    public InboxListing Listing(long after, int limit, DateTimeOffset now)
    {
        var found = Waiting.IndexOf((after, LastGuid));
        var start = found < 0 ? ~found : found + 1;
        var page = Enumerable.Range(start, Math.Clamp(Waiting.Count - start, 0, limit)).Select(index => Waiting[index]).ToList();
        long? next = start + page.Count < Waiting.Count ? page[^1].Queued : null;
        return new InboxListing(page.Select(w => w.ConversationId).ToList(), Assignments(), AllAvailability(now), Waiting.Count, next);
    }

    private static readonly Guid LastGuid = new("ffffffff-ffff-ffff-ffff-ffffffffffff");

    private List<Assignment> Assignments() =>
        Conversations.Values.Where(c => c.AgentId is not null).Select(c => new Assignment(c.ConversationId, c.AgentId!)).OrderBy(a => a.ConversationId).ToList();

    private List<AgentAvailability> AllAvailability(DateTimeOffset now) => Agents.Keys.Select(id => Availability(id, now)).ToList();

    /// <summary>The first page of waiting conversations, every assigned one and every agent, as a watcher starts from.</summary>
    public InboxPage Page(long version, DateTimeOffset now) => new(
        version,
        [.. FirstWaiting().Concat(Conversations.Values.Where(c => c.AgentId is not null)).Select(Entry)],
        Waiting.Count,
        [.. Agents.Keys.Select(id => Availability(id, now))]);

    /// <summary>
    /// What a watcher of <paramref name="stored"/>'s page must change to see this inbox's page, or null when nothing it
    /// shows changed. Costs what the change touched and the page's size, never what the inbox holds.
    /// </summary>
    public InboxDelta? DeltaFrom(Inbox stored, long from, long version, DateTimeOffset now)
    {
        var wasShown = stored.FirstWaiting().Select(c => c.ConversationId).ToHashSet();
        var shown = FirstWaiting().ToDictionary(c => c.ConversationId);
        bool IsShown(InboxConversation c) => c.AgentId is not null || shown.ContainsKey(c.ConversationId);
        bool WasShown(InboxConversation c) => c.AgentId is not null || wasShown.Contains(c.ConversationId);

        var changed = TouchedConversations.Concat(shown.Keys).Distinct()
            .Select(Conversations.GetValueOrDefault).OfType<InboxConversation>()
            .Where(c => IsShown(c) && !(stored.Conversations.GetValueOrDefault(c.ConversationId) is { } before && before == c && WasShown(before)))
            .ToList();
        var removed = TouchedConversations.Concat(wasShown).Distinct()
            .Where(id => stored.Conversations.GetValueOrDefault(id) is { } before && WasShown(before)
                && !(Conversations.GetValueOrDefault(id) is { } after && IsShown(after)))
            .ToList();
        // An agent's availability changes with its heartbeat and with its load.
        var agents = TouchedConversations.SelectMany(id => new[] { stored.AgentOf(id), AgentOf(id) }).OfType<string>()
            .Where(id => stored.Loads.GetValueOrDefault(id) != Loads.GetValueOrDefault(id))
            .Concat(TouchedAgents)
            .Distinct()
            .Where(Agents.ContainsKey)
            .Select(id => Availability(id, now))
            .ToList();
        return changed.Count + removed.Count + agents.Count == 0 && Waiting.Count == stored.Waiting.Count
            ? null
            : new InboxDelta(from, version, [.. changed.Select(Entry)], removed, Waiting.Count, agents);
    }

    /// <summary>What changed since <paramref name="stored"/>, from which this inbox was made; null when nothing did.</summary>
    public InboxChange? ChangeFrom(Inbox stored)
    {
        var conversations = TouchedConversations.Select(Conversations.GetValueOrDefault).OfType<InboxConversation>()
            .Where(c => c != stored.Conversations.GetValueOrDefault(c.ConversationId)).ToList();
        var removed = TouchedConversations.Where(id => !Holds(id) && stored.Holds(id)).ToList();
        var agents = TouchedAgents.Select(id => Agents[id]).Where(a => a != stored.Agents.GetValueOrDefault(a.AgentId)).ToList();
        return conversations.Count + removed.Count + agents.Count == 0 ? null : new InboxChange(conversations, removed, agents, LastAssigned);
    }

    /// <summary>This inbox as stored: nothing touched.</summary>
    public Inbox Stored() => this with { TouchedConversations = [], TouchedAgents = [] };

    /// <summary>The waiting conversations a watcher is shown, oldest first.</summary>
    private IEnumerable<InboxConversation> FirstWaiting() => Waiting.Take(InboxRules.PageSize).Select(w => Conversations[w.ConversationId]);

    private static InboxEntry Entry(InboxConversation conversation) => new(conversation.ConversationId, conversation.Queued, conversation.AgentId);

    /// <summary>The first available agent after the one that got the last conversation, in a fixed order.</summary>
    private string? NextAgent(DateTimeOffset now)
    {
        var available = Agents.Keys.Where(id => Availability(id, now).Available).ToList();
        return available.FirstOrDefault(id => string.CompareOrdinal(id, LastAssigned) > 0) ?? available.FirstOrDefault();
    }

    private Inbox Queue(Guid conversationId, string? agentId) =>
        Put(new InboxConversation(conversationId, LastQueued + 1, agentId)) with { LastQueued = LastQueued + 1 };

    private Inbox Put(InboxConversation conversation)
    {
        var inbox = Take(conversation.ConversationId);
        return inbox with
        {
            Conversations = inbox.Conversations.SetItem(conversation.ConversationId, conversation),
            Waiting = conversation.AgentId is null ? inbox.Waiting.Add((conversation.Queued, conversation.ConversationId)) : inbox.Waiting,
            Loads = conversation.AgentId is { } agentId ? inbox.Loads.SetItem(agentId, inbox.Loads.GetValueOrDefault(agentId) + 1) : inbox.Loads,
            TouchedConversations = inbox.TouchedConversations.Add(conversation.ConversationId),
        };
    }

    /// <summary>The inbox without the conversation, its place in the queue or its agent's load.</summary>
    private Inbox Take(Guid conversationId) => Conversations.GetValueOrDefault(conversationId) switch
    {
        null => this,
        { AgentId: null } waiting => this with { Conversations = Conversations.Remove(conversationId), Waiting = Waiting.Remove((waiting.Queued, conversationId)) },
        { AgentId: { } agentId } => this with { Conversations = Conversations.Remove(conversationId), Loads = Loads.SetItem(agentId, Loads[agentId] - 1) },
    };
}
