using Azure.Data.Tables;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>
/// What every <see cref="IAuditTrail"/> does: append-only, read newest first in pages going back in time, purged only
/// before a given time. Each implementation runs it through a subclass below.
/// </summary>
public abstract class AuditTrailContract(IAuditTrail trail, Func<CancellationToken, Task>? create = null) : StorageContract(create)
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    // Fresh per test: implementations on one storage account share the audit table, a partition per tenant.
    private readonly string tenantId = $"contract-{Guid.NewGuid():N}";

    private IAuditTrail Trail => trail;

    protected override Task CleanUp() => Trail.Purge(tenantId, DateTimeOffset.MaxValue);

    private static AuditEntry Entry(int minute, string? subjectId = "subject-1", string? detail = null) =>
        new(Start.AddMinutes(minute), new Actor("admin", "agent-1"), $"action.{minute}", subjectId, detail);

    /// <summary>Appends entries a minute apart, oldest first, as a trail is written; answers them newest first.</summary>
    private async Task<List<AuditEntry>> Written(int count)
    {
        var entries = Enumerable.Range(0, count).Select(minute => Entry(minute, detail: $"detail {minute}")).ToList();
        foreach (var entry in entries)
        {
            await Trail.Append(tenantId, entry);
        }

        entries.Reverse();
        return entries;
    }

    [Fact]
    public async Task A_tenant_without_entries_reads_an_empty_trail() => Assert.Empty(await Trail.Read(tenantId, null, 10));

    [Fact]
    public async Task Entries_read_back_whole_and_newest_first()
    {
        var newestFirst = await Written(3);
        await Trail.Append(tenantId, Entry(3, subjectId: null, detail: null));
        newestFirst.Insert(0, Entry(3, subjectId: null, detail: null));

        Assert.Equal(newestFirst, await Trail.Read(tenantId, null, 10));
    }

    [Fact]
    public async Task Reading_by_actor_answers_only_that_actors_entries_newest_first()
    {
        var mine = await Written(3);
        var someoneElses = new AuditEntry(Start.AddMinutes(10), new Actor("agent", "agent-2"), "action.other", "subject-2", null);
        await Trail.Append(tenantId, someoneElses);

        Assert.Equal(mine, await Trail.ReadBy(tenantId, "agent-1"));
        Assert.Equal([someoneElses], await Trail.ReadBy(tenantId, "agent-2"));
        Assert.Empty(await Trail.ReadBy(tenantId, "agent-3"));
    }

    [Fact]
    public async Task A_read_answers_at_most_its_limit_of_the_newest_entries()
    {
        var newestFirst = await Written(5);

        Assert.Equal(newestFirst.Take(2), await Trail.Read(tenantId, null, 2));
    }

    [Fact]
    public async Task Paging_before_the_oldest_entry_read_goes_back_through_the_whole_trail_once()
    {
        var newestFirst = await Written(7);
        var read = new List<AuditEntry>();

        for (DateTimeOffset? before = null; ;)
        {
            var page = await Trail.Read(tenantId, before, 3);
            if (page.Count == 0)
            {
                break;
            }

            read.AddRange(page);
            before = page[^1].At;
        }

        Assert.Equal(newestFirst, read);
    }

    [Fact]
    public async Task Before_means_strictly_before()
    {
        var newestFirst = await Written(3);

        Assert.Equal(newestFirst.Skip(2), await Trail.Read(tenantId, Start.AddMinutes(1), 10));
        Assert.Equal(newestFirst.Skip(1), await Trail.Read(tenantId, Start.AddMinutes(1).AddTicks(1), 10));
    }

    [Fact]
    public async Task A_purge_deletes_the_entries_written_strictly_before_its_time_and_answers_how_many()
    {
        var newestFirst = await Written(5);

        Assert.Equal(2, await Trail.Purge(tenantId, Start.AddMinutes(2)));
        Assert.Equal(0, await Trail.Purge(tenantId, Start.AddMinutes(2)));
        Assert.Equal(newestFirst.Take(3), await Trail.Read(tenantId, null, 10));
    }

    [Fact]
    public async Task Entries_appended_out_of_time_order_read_back_newest_by_time()
    {
        await Trail.Append(tenantId, Entry(2));
        await Trail.Append(tenantId, Entry(0));
        await Trail.Append(tenantId, Entry(1));

        Assert.Equal([Entry(2), Entry(1), Entry(0)], await Trail.Read(tenantId, null, 10));
        Assert.Equal([Entry(1)], await Trail.Read(tenantId, Start.AddMinutes(2), 1));
    }

    [Fact]
    public async Task Tenants_trails_are_apart()
    {
        await Written(2);
        var otherTenant = $"contract-{Guid.NewGuid():N}";

        Assert.Empty(await Trail.Read(otherTenant, null, 10));
        Assert.Equal(0, await Trail.Purge(otherTenant, Start.AddDays(1)));
        Assert.Equal(2, (await Trail.Read(tenantId, null, 10)).Count);
    }
}

public sealed class MemoryAuditTrailContract() : AuditTrailContract(new MemoryAuditTrail());

/// <summary>The table trail on the tests' Azurite (its table name is fixed; tenants keep the tests apart).</summary>
public sealed class TableAuditTrailContract() : AuditTrailContract(Trail, Trail.EnsureCreated)
{
    private static readonly TableAuditTrail Trail = new(new TableServiceClient(TestStorage.ConnectionString));
}
