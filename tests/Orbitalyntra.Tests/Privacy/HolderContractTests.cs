using System.Net.Http.Json;
using Orbitalyntra.Chat;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Retention;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>
/// A new kind of holder of personal data plugs into every right and into retention by implementing the holder contracts
/// and registering its export section and purge count, with no change to Privacy or Retention: the test's own
/// <see cref="TestNoteGrain"/> goes through the same paths as conversations and sessions.
/// </summary>
[Collection(RetentionClusterCollection.Name)]
public sealed class HolderContractTests(RetentionCluster cluster)
{
    [Fact]
    public async Task A_holder_that_exists_only_in_the_tests_is_exported_erased_and_purged_through_the_paths_conversations_take()
    {
        var tenant = await cluster.NewTenant();
        await tenant.SetRetention(RetentionTestData.Short);
        var erased = await TestPerson.Chatting(tenant, "Hana");
        var expiring = await TestPerson.Chatting(tenant, "Emil");
        var (erasedNote, erasedNoteId) = Note(tenant);
        var (expiringNote, expiringNoteId) = Note(tenant);
        var erasedSecret = $"Hana's note {Guid.NewGuid():N}";
        Assert.True(await erasedNote.Keep(erased.SubjectId, erasedSecret));
        Assert.True(await expiringNote.Keep(expiring.SubjectId, $"Emil's note {Guid.NewGuid():N}"));

        // The export carries the holder's own section next to the conversations.
        using var visitor = tenant.Bearer(erased.Token);
        var me = $"/api/tenants/{tenant.TenantId}/visitors/me";
        var export = (await visitor.GetFromJsonAsync<SubjectExport>($"{me}/export", WebHost.Json))!;
        Assert.Equal([erasedSecret], export.Section<ExportedNote>(TestNoteGrain.Section).Select(n => n.Text));
        Assert.Single(export.Section<ExportedConversation>(ExportedConversation.Section));

        // The erasure finds the holder among the subject's places and clears it like any other.
        Assert.Contains((await erased.Profile()).Places, p => p.Holder == erasedNote.GetGrainId());
        var progress = (await (await visitor.PostAsync($"{me}/erasure", null)).Content.ReadFromJsonAsync<ErasureProgress>(WebHost.Json))!;
        Assert.NotNull(progress.CompletedAt);
        Assert.Empty(progress.Pending);
        Assert.Null(await erasedNote.Read());
        Assert.All(await AzuriteScan.Find(erasedNoteId), found => Assert.Contains("retention", found)); // only its index entry, until a purge

        // Retention purges the holder once its lifetime has passed, counts it in the report, and leaves nothing of either note.
        Assert.Equal(0, (await tenant.Reports()).Sum(r => r.Count(TestNoteGrain.Section)));
        cluster.Clock.Travel(TimeSpan.FromDays(31));
        await Eventually.Succeeds(async () => Assert.Equal(1, (await tenant.Reports()).Sum(r => r.Count(TestNoteGrain.Section))), TimeSpan.FromSeconds(60));
        Assert.Null(await expiringNote.Read());
        Assert.DoesNotContain((await expiring.Profile()).Places, p => p.Holder == expiringNote.GetGrainId());
        await Eventually.Succeeds(async () => Assert.Empty(await AzuriteScan.Find(erasedNoteId, expiringNoteId)));
    }

    private (ITestNoteGrain Note, string NoteId) Note(TenantSession tenant)
    {
        var noteId = Guid.NewGuid().ToString("N");
        return (cluster.Client.GetGrain<ITestNoteGrain>($"{tenant.TenantId}:{noteId}"), noteId);
    }
}
