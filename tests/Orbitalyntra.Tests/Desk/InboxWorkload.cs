using Orbitalyntra.Desk;

namespace Orbitalyntra.Tests.Desk;

/// <summary>
/// The inbox changes whose storage work the tests measure, on an inbox whose conversations all wait: agents come online
/// and take the oldest, a conversation comes in, an agent claims one, one is resolved, an agent's heartbeat, a listing.
/// </summary>
public static class InboxWorkload
{
    /// <summary>The change of each step, in order (each pays one write, listing none).</summary>
    public static readonly string[] Steps =
    [
        "agent a comes online with room for one and takes the oldest",
        "a conversation comes in and waits",
        "agent b comes online with room for one and takes the next",
        "agent b claims the newest",
        "agent a's conversation is resolved and a takes the next",
        "agent a's heartbeat",
        "the inbox is listed",
    ];

    /// <summary>Queues <paramref name="count"/> new conversations, oldest first, answering them.</summary>
    public static async Task<List<Guid>> Fill(IInboxGrain inbox, int count)
    {
        var conversations = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            conversations.Add(Guid.NewGuid());
            Assert.Null(await inbox.Enqueue(conversations[^1]));
        }

        return conversations;
    }

    /// <summary>
    /// Runs the <see cref="Steps"/> on an inbox filled with <paramref name="waiting"/> (no agent yet), answering each
    /// step's work as <paramref name="read"/> tells it, and checks what the listing shows.
    /// </summary>
    public static async Task<List<T>> Run<T>(IInboxGrain inbox, List<Guid> waiting, Func<T> read, Func<T, T, T> minus)
    {
        var work = new List<T>();
        async Task<TResult> Measure<TResult>(Func<Task<TResult>> change)
        {
            var before = read();
            var result = await change();
            work.Add(minus(read(), before));
            return result;
        }

        var newest = Guid.NewGuid();
        Assert.False((await Measure(() => inbox.Heartbeat("agent-a", PresenceStatus.Online, 1))).Available);
        Assert.Null(await Measure(() => inbox.Enqueue(newest)));
        Assert.False((await Measure(() => inbox.Heartbeat("agent-b", PresenceStatus.Online, 1))).Available);
        Assert.True(await Measure(() => inbox.Assign(newest, "agent-b")));
        await Measure(async () =>
        {
            await inbox.Release(waiting[0]);
            return true;
        });
        Assert.Equal(1, (await Measure(() => inbox.Heartbeat("agent-a", PresenceStatus.Online, 1))).Load);
        var view = await Measure(inbox.GetInbox);

        Assert.Equal(waiting.Count - 3, view.Waiting.Count);
        Assert.Equal(waiting[3], view.Waiting[0]);
        var assigned = new[] { ("agent-a", waiting[2]), ("agent-b", waiting[1]), ("agent-b", newest) };
        Assert.Equal(assigned.Order(), view.Assigned.Select(a => (a.AgentId, a.ConversationId)).Order());
        return work;
    }
}
