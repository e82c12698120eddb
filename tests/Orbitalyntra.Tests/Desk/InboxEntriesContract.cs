using Azure.Data.Tables;
using Orbitalyntra.Desk;
using Orbitalyntra.Tests.Infrastructure;
using Orleans.Storage;

namespace Orbitalyntra.Tests.Desk;

/// <summary>
/// What every <see cref="IInboxEntries"/> does: a tenant's entries written change by change and loaded back whole, each
/// write naming the version it read, so that a writer with a stale copy stores nothing. Each implementation runs it
/// through a subclass below.
/// </summary>
public abstract class InboxEntriesContract(IInboxEntries entries, Func<CancellationToken, Task>? create = null) : StorageContract(create)
{
    private static readonly DateTimeOffset Seen = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    // Fresh per test: implementations on one storage account share the table, a partition per tenant.
    protected string TenantId { get; } = $"contract-{Guid.NewGuid():N}"[..24];

    protected string OtherTenantId => TenantId + "x";

    private IInboxEntries Entries => entries;

    private static InboxConversation Waiting(int n) => new(new Guid(n, 0, 0, new byte[8]), n, null);

    private static InboxAgent Agent(string id, PresenceStatus status = PresenceStatus.Online) => new(id, status, 3, Seen);

    private static InboxChange Change(
        IReadOnlyList<InboxConversation>? conversations = null, IReadOnlyList<Guid>? removed = null, IReadOnlyList<InboxAgent>? agents = null, string? lastAssigned = null) =>
        new(conversations ?? [], removed ?? [], agents ?? [], lastAssigned);

    /// <summary>The stored inbox as comparable text: every value of every entry, in a fixed order; the version left out.</summary>
    private async Task<string> Shape(string tenantId)
    {
        var stored = await Entries.Load(tenantId);
        return Shape(stored.Conversations, stored.Agents, stored.LastAssigned);
    }

    private static string Shape(IEnumerable<InboxConversation> conversations, IEnumerable<InboxAgent> agents, string? lastAssigned) => string.Join(
        " ",
        [
            .. conversations.OrderBy(c => c.Queued).Select(c => $"{c.ConversationId:N}/{c.Queued}/{c.AgentId}"),
            .. agents.OrderBy(a => a.AgentId, StringComparer.Ordinal).Select(a => $"{a.AgentId}/{a.Status}/{a.Capacity}/{a.LastSeen.UtcTicks}/{a.LastSeen.Offset}"),
            $"last:{lastAssigned}",
        ]);

    [Fact]
    public async Task An_inbox_never_written_is_empty_at_no_version()
    {
        var stored = await Entries.Load(TenantId);

        Assert.Equal((0, 0, null, null), (stored.Conversations.Count, stored.Agents.Count, stored.LastAssigned, stored.Version));
    }

    [Fact]
    public async Task Written_entries_load_back_whole()
    {
        var assigned = Waiting(2) with { AgentId = "agent-b" };
        var version = await Entries.Write(TenantId, null, Change([Waiting(1), assigned], agents: [Agent("agent-b"), Agent("agent-a", PresenceStatus.Away)], lastAssigned: "agent-b"));

        var stored = await Entries.Load(TenantId);

        Assert.Equal(Shape([Waiting(1), assigned], [Agent("agent-a", PresenceStatus.Away), Agent("agent-b")], "agent-b"), await Shape(TenantId));
        Assert.Equal(version, stored.Version);
    }

    [Fact]
    public async Task The_webhook_events_of_a_write_load_back_until_a_write_without_them()
    {
        var assigned = new Orbitalyntra.Integrations.WebhookEvent(
            "assigned_1", Orbitalyntra.Integrations.WebhookEvents.ConversationAssigned, Seen, Waiting(1).ConversationId, -1, null, "{\"agentId\":\"agent-a\"}");
        var version = await Entries.Write(TenantId, null, Change([Waiting(1) with { AgentId = "agent-a" }], lastAssigned: "agent-a") with { WebhookEvents = [assigned] });

        Assert.Equal([assigned], (await Entries.Load(TenantId)).WebhookEvents!);

        await Entries.Write(TenantId, version, Change(agents: [Agent("agent-a")], lastAssigned: "agent-a"));
        Assert.Null((await Entries.Load(TenantId)).WebhookEvents);
    }

    [Fact]
    public async Task A_write_replaces_and_removes_only_the_entries_it_names_and_each_write_answers_the_version_the_next_names()
    {
        var version = await Entries.Write(TenantId, null, Change([Waiting(1), Waiting(2), Waiting(3)], agents: [Agent("agent-a"), Agent("agent-b")]));

        var assigned = Waiting(1) with { AgentId = "agent-a" };
        var later = Agent("agent-b", PresenceStatus.Offline) with { LastSeen = Seen.AddMinutes(1) };
        var next = await Entries.Write(TenantId, version, Change([assigned], removed: [Waiting(2).ConversationId], agents: [later], lastAssigned: "agent-a"));
        var last = await Entries.Write(TenantId, next, Change([Waiting(4)], lastAssigned: "agent-a"));

        Assert.NotEqual(version, next);
        Assert.NotEqual(next, last);
        Assert.Equal(Shape([assigned, Waiting(3), Waiting(4)], [Agent("agent-a"), later], "agent-a"), await Shape(TenantId));
        Assert.Equal(last, (await Entries.Load(TenantId)).Version);
    }

    [Fact]
    public async Task A_write_naming_a_version_no_longer_current_stores_nothing()
    {
        var first = await Entries.Write(TenantId, null, Change([Waiting(1)]));
        await Entries.Write(TenantId, first, Change([Waiting(2)]));
        var before = await Shape(TenantId);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Entries.Write(TenantId, first, Change([Waiting(3)], removed: [Waiting(1).ConversationId])));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Entries.Write(TenantId, null, Change([Waiting(3)])));

        Assert.Equal(before, await Shape(TenantId));
    }

    [Fact]
    public async Task Of_two_writers_that_read_the_same_version_only_the_first_stores()
    {
        var version = await Entries.Write(TenantId, null, Change(agents: [Agent("agent-a")]));

        await Entries.Write(TenantId, version, Change([Waiting(1) with { AgentId = "agent-a" }], lastAssigned: "agent-a"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Entries.Write(TenantId, version, Change([Waiting(2) with { AgentId = "agent-a" }], lastAssigned: "agent-a")));

        Assert.Equal(Shape([Waiting(1) with { AgentId = "agent-a" }], [Agent("agent-a")], "agent-a"), await Shape(TenantId));
    }

    [Fact]
    public async Task A_change_larger_than_one_entity_group_transaction_is_stored_whole()
    {
        var many = Enumerable.Range(1, 250).Select(Waiting).ToList();
        var version = await Entries.Write(TenantId, null, Change(many, agents: [Agent("agent-a")]));

        var next = await Entries.Write(TenantId, version, Change([.. many.Take(150).Select(c => c with { AgentId = "agent-a" })], removed: [.. many.Skip(150).Select(c => c.ConversationId)], lastAssigned: "agent-a"));

        Assert.Equal(Shape(many.Take(150).Select(c => c with { AgentId = "agent-a" }), [Agent("agent-a")], "agent-a"), await Shape(TenantId));
        Assert.Equal(next, (await Entries.Load(TenantId)).Version);
    }

    [Fact]
    public async Task Tenants_are_apart()
    {
        await Entries.Write(TenantId, null, Change([Waiting(1)], agents: [Agent("agent-a")], lastAssigned: "agent-a"));

        var other = await Entries.Write(OtherTenantId, null, Change([Waiting(2)]));

        Assert.Equal(Shape([Waiting(2)], [], null), await Shape(OtherTenantId));
        Assert.Equal(Shape([Waiting(1)], [Agent("agent-a")], "agent-a"), await Shape(TenantId));
        Assert.Equal(other, (await Entries.Load(OtherTenantId)).Version);
    }
}

public sealed class MemoryInboxEntriesContract() : InboxEntriesContract(new MemoryInboxEntries())
{
    // A fresh store per test: nothing to remove.
    protected override Task CleanUp() => Task.CompletedTask;
}

/// <summary>The table entries on the tests' Azurite (its table name is fixed; tenants keep the tests apart).</summary>
public sealed class TableInboxEntriesContract() : InboxEntriesContract(Entries, Entries.EnsureCreated)
{
    private static readonly TableServiceClient Tables = new(TestStorage.ConnectionString);
    private static readonly TableInboxEntries Entries = new(Tables);

    /// <summary>Every row of the tests' tenants: the port never deletes a tenant's agents or routing row, so the table is read directly.</summary>
    protected override async Task CleanUp()
    {
        var table = Tables.GetTableClient(TableInboxEntries.TableName);
        foreach (var tenantId in new[] { TenantId, OtherTenantId })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == tenantId, select: ["PartitionKey", "RowKey"]))
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            }
        }
    }
}
