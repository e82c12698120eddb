using Azure.Data.Tables;
using Orbitalyntra.Retention;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Retention;

/// <summary>
/// What every <see cref="IRetentionIndex"/> does: entries per tenant, day, kind and holder, read back by kind for the
/// days before a cutoff, oldest day first, marked with a purge's outcome and removed idempotently. Each implementation
/// runs it through a subclass below.
/// </summary>
public abstract class RetentionIndexContract(IRetentionIndex index, Func<CancellationToken, Task>? create = null) : StorageContract(create)
{
    private static readonly DateOnly Day = new(2026, 11, 27);

    // Fresh per test: implementations on one storage account share the table, a partition per tenant and day.
    private readonly string tenantId = $"contract-{Guid.NewGuid():N}"[..24];

    private IRetentionIndex Index => index;

    protected override async Task CleanUp()
    {
        foreach (var kind in Enum.GetValues<RetentionKind>())
        {
            foreach (var tenant in new[] { tenantId, tenantId + "x", tenantId + "~" })
            {
                foreach (var entry in await Before(tenant, kind, DateOnly.MaxValue))
                {
                    await Index.Remove(entry);
                }
            }
        }
    }

    private GrainId Conversation(int n) => GrainId.Create("conversation", $"{tenantId}:{new Guid(n, 0, 0, new byte[8]):N}");

    private GrainId Session(string visitorId) => GrainId.Create("visitorsession", $"{tenantId}:{visitorId}");

    private async Task<List<RetentionEntry>> Before(string tenant, RetentionKind kind, DateOnly day)
    {
        var entries = new List<RetentionEntry>();
        await foreach (var entry in Index.Before(tenant, kind, day))
        {
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public async Task A_holder_touched_for_several_kinds_is_found_under_each_kind_and_no_other()
    {
        RetentionKind[] kinds = [RetentionKind.VisitorSession, RetentionKind.PageViews, RetentionKind.DeviceData];
        await Index.Touch(tenantId, Day, Session("visitor-1"), kinds);

        foreach (var kind in kinds)
        {
            Assert.Equal([new RetentionEntry(tenantId, Day, kind, Session("visitor-1"))], await Before(tenantId, kind, Day.AddDays(1)));
        }

        Assert.Empty(await Before(tenantId, RetentionKind.Conversation, Day.AddDays(1)));
    }

    [Fact]
    public async Task The_days_before_a_cutoff_are_read_oldest_first_and_the_cutoff_day_is_not()
    {
        await Index.Touch(tenantId, Day, Conversation(3), [RetentionKind.Conversation]);
        await Index.Touch(tenantId, Day.AddDays(-10), Conversation(1), [RetentionKind.Conversation]);
        await Index.Touch(tenantId, Day.AddDays(-1), Conversation(2), [RetentionKind.Conversation]);
        await Index.Touch(tenantId, Day.AddDays(-1), Conversation(2), [RetentionKind.Conversation]);

        var entries = await Before(tenantId, RetentionKind.Conversation, Day);

        Assert.Equal([Conversation(1), Conversation(2)], entries.Select(e => e.Holder));
        Assert.Equal([Day.AddDays(-10), Day.AddDays(-1)], entries.Select(e => e.Day));
    }

    [Fact]
    public async Task Tenants_whose_ids_share_a_beginning_are_apart()
    {
        await Index.Touch(tenantId, Day, Conversation(1), [RetentionKind.Conversation]);
        await Index.Touch(tenantId + "x", Day, Conversation(2), [RetentionKind.Conversation]);
        await Index.Touch(tenantId + "~", Day, Conversation(3), [RetentionKind.Conversation]);

        Assert.Equal([Conversation(1)], (await Before(tenantId, RetentionKind.Conversation, Day.AddDays(1))).Select(e => e.Holder));
    }

    [Fact]
    public async Task A_marked_entry_reads_back_with_its_purge_and_outcome()
    {
        await Index.Touch(tenantId, Day, Conversation(1), [RetentionKind.Conversation]);
        var entry = Assert.Single(await Before(tenantId, RetentionKind.Conversation, Day.AddDays(1)));
        var runId = Guid.NewGuid();
        var outcome = PurgeOutcome.Deleted(new PurgeCount("conversations", 1), new PurgeCount("messages", 12), new PurgeCount("files", 0));

        await Index.Mark(entry, runId, outcome);

        var marked = Assert.Single(await Before(tenantId, RetentionKind.Conversation, Day.AddDays(1)));
        Assert.Equal((runId, outcome.Result), (marked.PurgedIn, marked.Outcome!.Result));
        Assert.Equal(outcome.Removed, marked.Outcome.Removed);
    }

    [Fact]
    public async Task Removing_an_entry_leaves_the_holders_other_kinds_and_days_and_removing_again_changes_nothing()
    {
        await Index.Touch(tenantId, Day, Session("visitor-2"), [RetentionKind.VisitorSession, RetentionKind.PageViews]);
        await Index.Touch(tenantId, Day.AddDays(1), Session("visitor-2"), [RetentionKind.VisitorSession]);
        var first = (await Before(tenantId, RetentionKind.VisitorSession, Day.AddDays(2)))[0];

        await Index.Remove(first);
        await Index.Remove(first);

        Assert.Equal([Day.AddDays(1)], (await Before(tenantId, RetentionKind.VisitorSession, Day.AddDays(2))).Select(e => e.Day));
        Assert.Single(await Before(tenantId, RetentionKind.PageViews, Day.AddDays(2)));
    }
}

public sealed class MemoryRetentionIndexContract() : RetentionIndexContract(new MemoryRetentionIndex());

/// <summary>The table index on the tests' Azurite (its table name is fixed; tenants keep the tests apart).</summary>
public sealed class TableRetentionIndexContract() : RetentionIndexContract(Index, Index.EnsureCreated)
{
    private static readonly TableRetentionIndex Index = new(new TableServiceClient(TestStorage.ConnectionString));
}
