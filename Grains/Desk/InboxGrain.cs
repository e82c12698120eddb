using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Desk;

public sealed partial class InboxGrain(
    [PersistentState("inbox")] IPersistentState<InboxState> state,
    TimeProvider time,
    ILogger<InboxGrain> logger) : Grain, IInboxGrain
{
    private InboxState Inbox => state.State.Waiting is null ? InboxState.Empty : state.State;

    Task<InboxView> IInboxGrain.GetInbox() => Task.FromResult(View());

    private InboxView View()
    {
        var inbox = Inbox;
        return new InboxView(
            inbox.Waiting,
            inbox.Assignments.Select(a => new Assignment(a.Key, a.Value)).OrderBy(a => a.ConversationId).ToList(),
            inbox.Agents.Keys.Order(StringComparer.Ordinal).Select(id => Availability(inbox, id)).ToList());
    }

    async Task<AgentAvailability> IInboxGrain.Heartbeat(string agentId, PresenceStatus status, int capacity)
    {
        var inbox = Inbox with { Agents = Inbox.Agents.SetItem(agentId, new AgentPresence(status, capacity, time.GetUtcNow())) };
        await Save(AssignWaiting(inbox));
        return Availability(Inbox, agentId);
    }

    async Task<string?> IInboxGrain.Enqueue(Guid conversationId)
    {
        if (Inbox.Assignments.TryGetValue(conversationId, out var assigned))
        {
            return assigned;
        }

        var inbox = Inbox.Waiting.Contains(conversationId) ? Inbox : Inbox with { Waiting = Inbox.Waiting.Add(conversationId) };
        await Save(AssignWaiting(inbox));
        return Inbox.Assignments.GetValueOrDefault(conversationId);
    }

    async Task<bool> IInboxGrain.Assign(Guid conversationId, string agentId)
    {
        if (!Inbox.Agents.ContainsKey(agentId) || !IsOnline(Inbox.Agents[agentId]))
        {
            return false;
        }

        await Save(Inbox with { Waiting = Inbox.Waiting.Remove(conversationId), Assignments = Inbox.Assignments.SetItem(conversationId, agentId) });
        return true;
    }

    async Task IInboxGrain.Release(Guid conversationId)
    {
        if (!Inbox.Assignments.ContainsKey(conversationId) && !Inbox.Waiting.Contains(conversationId))
        {
            return;
        }

        await Save(AssignWaiting(Inbox with { Waiting = Inbox.Waiting.Remove(conversationId), Assignments = Inbox.Assignments.Remove(conversationId) }));
    }

    /// <summary>Gives waiting conversations, oldest first, round robin to available agents until none is left or none has room.</summary>
    private InboxState AssignWaiting(InboxState inbox)
    {
        while (!inbox.Waiting.IsEmpty && NextAgent(inbox) is { } agentId)
        {
            var conversation = inbox.Waiting[0];
            inbox = inbox with
            {
                Waiting = inbox.Waiting.RemoveAt(0),
                Assignments = inbox.Assignments.SetItem(conversation, agentId),
                LastAssigned = agentId,
            };
        }

        return inbox;
    }

    /// <summary>The first available agent after the one that got the last conversation, in a fixed order.</summary>
    private string? NextAgent(InboxState inbox)
    {
        var available = inbox.Agents.Keys.Order(StringComparer.Ordinal).Where(id => Availability(inbox, id).Available).ToList();
        return available.FirstOrDefault(id => string.CompareOrdinal(id, inbox.LastAssigned) > 0) ?? available.FirstOrDefault();
    }

    private AgentAvailability Availability(InboxState inbox, string agentId)
    {
        var presence = inbox.Agents[agentId];
        var load = inbox.Assignments.Count(a => a.Value == agentId);
        return new AgentAvailability(agentId, presence.Status, presence.Capacity, presence.LastSeen, load, IsOnline(presence) && load < presence.Capacity);
    }

    private bool IsOnline(AgentPresence presence) =>
        presence.Status == PresenceStatus.Online && time.GetUtcNow() - presence.LastSeen <= InboxRules.PresenceTimeout;

    private async Task Save(InboxState next)
    {
        state.State = next;
        await state.WriteStateAsync();
        try
        {
            await this.GetStreamProvider(ChatStreams.Provider).GetStream<InboxView>(ChatStreams.ForInbox(this.GetPrimaryKeyString())).OnNextAsync(View());
        }
        catch (Exception failure)
        {
            // The change is stored; watchers missing one view catch up with the next, or by reading the inbox.
            LogPublishFailed(failure, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox of tenant {TenantId}: could not publish the new view")]
    private partial void LogPublishFailed(Exception exception, string tenantId);
}

[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.inbox-state")]
public sealed record InboxState(
    [property: Id(0)] ImmutableList<Guid> Waiting,
    [property: Id(1)] ImmutableDictionary<Guid, string> Assignments,
    [property: Id(2)] ImmutableDictionary<string, AgentPresence> Agents,
    [property: Id(3)] string? LastAssigned)
{
    public static readonly InboxState Empty = new([], ImmutableDictionary<Guid, string>.Empty, ImmutableDictionary<string, AgentPresence>.Empty, null);
}

[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.agent-presence")]
public sealed record AgentPresence([property: Id(0)] PresenceStatus Status, [property: Id(1)] int Capacity, [property: Id(2)] DateTimeOffset LastSeen);
