using Microsoft.Extensions.DependencyInjection;
using Orbitalyntra.Desk;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Desk;

/// <summary>
/// A change of the inbox writes what it touches, however many conversations are open: counted at the inbox's storage
/// port on a silo in the memory storage mode, where ten thousand conversations weigh on no shared Azurite.
/// </summary>
public sealed class InboxScaleTests
{
    private const int Open = 10_000;

    /// <summary>Entries each step writes: the conversations and agents it changed, and the routing entry.</summary>
    private static readonly PortWork[] Expected =
    [
        new(1, 3), // a's heartbeat, the oldest conversation, routing
        new(1, 2), // the new conversation, routing
        new(1, 3),
        new(1, 2), // the claimed conversation, routing
        new(1, 3), // the resolved conversation deleted, the next one assigned, routing
        new(1, 2),
        new(0, 0),
    ];

    [Fact]
    public async Task A_tenant_with_ten_thousand_open_conversations_assigns_claims_releases_and_lists_writing_only_what_each_change_touches()
    {
        var store = new MemoryInboxEntries();
        var entries = new CountingInboxEntries(store);
        using var silo = await TestSilo.Start(
            TestStorage.NewClusterId(), services => services.AddSingleton<IInboxEntries>(entries), new Dictionary<string, string?> { ["Storage:Mode"] = "Memory" });
        try
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            foreach (var open in new[] { 10, Open })
            {
                // The open conversations stored as the inbox stores those that come in (the grain's own intake is a step
                // below, and counted conversation by conversation on Azurite).
                var tenantId = $"t-{Guid.NewGuid():N}"[..20];
                var waiting = Enumerable.Range(0, open).Select(_ => Guid.NewGuid()).ToList();
                await store.Write(tenantId, null, new InboxChange([.. waiting.Select((id, i) => new InboxConversation(id, i + 1, null))], [], [], null));

                var work = await InboxWorkload.Run(grains.GetGrain<IInboxGrain>(tenantId), waiting, () => entries.Work, (after, before) => after - before);

                Assert.Equal(InboxWorkload.Steps.Zip(Expected), InboxWorkload.Steps.Zip(work));
            }

            // Each inbox was read once, when it activated; listing reads memory.
            Assert.Equal(2, entries.Loads);
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    /// <summary>Calls of the port that write, and the entries they write.</summary>
    private readonly record struct PortWork(long Writes, long Entries)
    {
        public static PortWork operator -(PortWork after, PortWork before) => new(after.Writes - before.Writes, after.Entries - before.Entries);
    }

    /// <summary>The port, counting its reads and writes.</summary>
    private sealed class CountingInboxEntries(IInboxEntries entries) : IInboxEntries
    {
        private long writes;
        private long written;
        private int loads;

        public PortWork Work => new(Interlocked.Read(ref writes), Interlocked.Read(ref written));

        public int Loads => loads;

        public Task<StoredInbox> Load(string tenantId)
        {
            Interlocked.Increment(ref loads);
            return entries.Load(tenantId);
        }

        public Task<string> Write(string tenantId, string? version, InboxChange change)
        {
            Interlocked.Increment(ref writes);
            Interlocked.Add(ref written, change.Conversations.Count + change.Removed.Count + change.Agents.Count + 1);
            return entries.Write(tenantId, version, change);
        }
    }
}
