using Orbitalyntra.Desk;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// An inbox as a watching client builds it from the hub's first page and the deltas after it, by the rules the console
/// follows (docs/decisions/0045-inbox-deltas.md): a delta applies to the version it starts from; an older one was already
/// in the page; any other means one was missed.
/// </summary>
public sealed class WatchedInbox
{
    private readonly Dictionary<Guid, InboxEntry> entries = [];
    private readonly Dictionary<string, AgentAvailability> agents = [];
    private long? version;
    private int waitingCount;

    public enum Outcome
    {
        Applied,
        AlreadyIn,
        Missed,
    }

    /// <summary>Waiting conversations as shown (the first page, oldest first), the assigned ones, the agents.</summary>
    public InboxView View
    {
        get
        {
            lock (entries)
            {
                return new InboxView(
                    [.. entries.Values.Where(e => e.AgentId is null).OrderBy(e => e.Queued).Select(e => e.ConversationId)],
                    [.. entries.Values.Where(e => e.AgentId is not null).OrderBy(e => e.ConversationId).Select(e => new Assignment(e.ConversationId, e.AgentId!))],
                    [.. agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal)]);
            }
        }
    }

    /// <summary>How many wait in all, shown or not.</summary>
    public int WaitingCount
    {
        get
        {
            lock (entries)
            {
                return waitingCount;
            }
        }
    }

    public InboxView Read(InboxPage page)
    {
        lock (entries)
        {
            version = page.Version;
            entries.Clear();
            foreach (var entry in page.Entries)
            {
                entries[entry.ConversationId] = entry;
            }

            agents.Clear();
            foreach (var agent in page.Agents)
            {
                agents[agent.AgentId] = agent;
            }

            waitingCount = page.WaitingCount;
        }

        return View;
    }

    public Outcome Apply(InboxDelta delta)
    {
        lock (entries)
        {
            if (version is not { } held || delta.Version <= held)
            {
                return Outcome.AlreadyIn;
            }

            if (delta.From != held)
            {
                version = null;
                return Outcome.Missed;
            }

            version = delta.Version;
            foreach (var removed in delta.Removed)
            {
                entries.Remove(removed);
            }

            foreach (var changed in delta.Changed)
            {
                entries[changed.ConversationId] = changed;
            }

            foreach (var agent in delta.Agents)
            {
                agents[agent.AgentId] = agent;
            }

            waitingCount = delta.WaitingCount;
            return Outcome.Applied;
        }
    }
}
