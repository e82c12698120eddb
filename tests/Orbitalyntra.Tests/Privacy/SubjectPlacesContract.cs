using Azure.Data.Tables;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>
/// What every <see cref="ISubjectPlaces"/> does: a set of holders' grain ids per subject, added and removed idempotently.
/// Each implementation runs it through a subclass below.
/// </summary>
public abstract class SubjectPlacesContract(ISubjectPlaces places, Func<CancellationToken, Task>? create = null) : StorageContract(create)
{
    // Fresh per test: implementations on one storage account share the table, a partition per subject.
    private readonly string tenantId = $"contract-{Guid.NewGuid():N}"[..24];
    private readonly HashSet<(SubjectKey, GrainId)> written = [];

    /// <summary>The places under test, remembering what the test adds so that it can be removed after.</summary>
    private ISubjectPlaces Places => new Remembering(places, written);

    protected override async Task CleanUp()
    {
        foreach (var (subject, holder) in written)
        {
            await places.Remove(subject, holder);
        }
    }

    private SubjectKey Subject(string id) => new(tenantId, id);

    private GrainId Conversation(int n) => GrainId.Create("conversation", $"{tenantId}:{new Guid(n, 0, 0, new byte[8]):N}");

    [Fact]
    public async Task A_subject_without_places_lists_none() => Assert.Empty(await Places.List(Subject("nobody")));

    [Fact]
    public async Task Places_are_listed_by_their_holders_grain_ids_once_however_often_added()
    {
        GrainId[] holders = [Conversation(1), Conversation(2), GrainId.Create("visitorsession", $"{tenantId}:visitor-1")];
        foreach (var holder in holders.Concat(holders))
        {
            await Places.Add(Subject("visitor-1"), holder);
        }

        Assert.Equal(holders.OrderBy(h => h.ToString()), (await Places.List(Subject("visitor-1"))).OrderBy(h => h.ToString()));
    }

    [Fact]
    public async Task Holders_of_different_types_with_one_key_are_different_places()
    {
        var key = $"{tenantId}:agent-1";
        await Places.Add(Subject("agent-1"), GrainId.Create("agent", key));
        await Places.Add(Subject("agent-1"), GrainId.Create("visitorsession", key));

        await Places.Remove(Subject("agent-1"), GrainId.Create("agent", key));

        Assert.Equal([GrainId.Create("visitorsession", key)], await Places.List(Subject("agent-1")));
    }

    [Fact]
    public async Task Removing_forgets_one_place_and_removing_again_or_what_was_never_added_changes_nothing()
    {
        await Places.Add(Subject("visitor-2"), Conversation(1));
        await Places.Add(Subject("visitor-2"), Conversation(2));

        await Places.Remove(Subject("visitor-2"), Conversation(1));
        await Places.Remove(Subject("visitor-2"), Conversation(1));
        await Places.Remove(Subject("visitor-2"), Conversation(3));

        Assert.Equal([Conversation(2)], await Places.List(Subject("visitor-2")));
    }

    [Fact]
    public async Task Each_subject_lists_only_its_own_places()
    {
        await Places.Add(Subject("visitor-3"), Conversation(1));
        await Places.Add(Subject("visitor-33"), Conversation(2));
        await Places.Add(new SubjectKey(tenantId + "x", "visitor-3"), Conversation(3));

        Assert.Equal([Conversation(1)], await Places.List(Subject("visitor-3")));
    }

    private sealed class Remembering(ISubjectPlaces places, HashSet<(SubjectKey, GrainId)> written) : ISubjectPlaces
    {
        public Task Add(SubjectKey subject, GrainId holder)
        {
            written.Add((subject, holder));
            return places.Add(subject, holder);
        }

        public Task Remove(SubjectKey subject, GrainId holder) => places.Remove(subject, holder);

        public Task<IReadOnlyList<GrainId>> List(SubjectKey subject) => places.List(subject);
    }
}

public sealed class MemorySubjectPlacesContract() : SubjectPlacesContract(new MemorySubjectPlaces());

/// <summary>The table places on the tests' Azurite (its table name is fixed; tenants keep the tests apart).</summary>
public sealed class TableSubjectPlacesContract() : SubjectPlacesContract(Places, Places.EnsureCreated)
{
    private static readonly TableSubjectPlaces Places = new(new TableServiceClient(TestStorage.ConnectionString));
}
