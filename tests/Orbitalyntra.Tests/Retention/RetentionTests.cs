using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Faq;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;
using Orbitalyntra.Visitors;

namespace Orbitalyntra.Tests.Retention;

/// <summary>Each tenant's data is purged on time by its retention reminder, and only what outlived its lifetime.</summary>
[Collection(RetentionClusterCollection.Name)]
public sealed class RetentionTests(RetentionCluster cluster)
{
    [Fact]
    public async Task Data_past_its_lifetime_is_purged_everywhere_it_was_stored_and_younger_data_stays()
    {
        var tenant = await cluster.NewTenant();
        await tenant.SetRetention(RetentionTestData.Short);
        var old = await TestPerson.Chatting(tenant, "Olga", conversations: 1);
        await old.SendFile(old.Conversations[0]);
        await Browse(tenant, old);
        var oldDay = RetentionTestData.Day(cluster.Clock.GetUtcNow());

        cluster.Clock.Travel(TimeSpan.FromDays(25));
        var young = await TestPerson.Chatting(tenant, "Yann", conversations: 1);
        await young.SendFile(young.Conversations[0]);
        var youngDay = RetentionTestData.Day(cluster.Clock.GetUtcNow());

        // The preview names what goes when: each conversation a lifetime after its last active day.
        var preview = await tenant.Preview(days: 40);
        Assert.Equal(RetentionTestData.Short, preview.Policy);
        Assert.Contains(new DueItems(RetentionKind.Conversation, oldDay.AddDays(31), 1), preview.Upcoming);
        Assert.Contains(new DueItems(RetentionKind.Conversation, youngDay.AddDays(31), 1), preview.Upcoming);

        cluster.Clock.Travel(TimeSpan.FromDays(10));
        var purged = await Eventually.Succeeds(async () =>
        {
            var reports = await tenant.Reports();
            Assert.Equal(1, reports.Sum(r => r.Count("conversations")));
            return reports;
        }, TimeSpan.FromSeconds(60));

        Assert.Equal((3, 1), (purged.Sum(r => r.Count("messages")), purged.Sum(r => r.Count("files"))));
        Assert.Equal((1, 1, 0), (purged.Sum(r => r.Count("pageViews")), purged.Sum(r => r.Count("deviceData")), purged.Sum(r => r.Count("visitorSessions"))));
        Assert.All(purged, r => Assert.Equal(0, r.Failed));
        Assert.Equal(HttpStatusCode.NotFound, await tenant.Status(old.Conversations[0]));

        // No remnant of the purged conversation in any blob, table row or queue message: not its id, not its texts (the
        // index entries go right after the report is saved).
        var oldConversation = old.Conversations[0];
        await Eventually.Succeeds(async () => Assert.Empty(await AzuriteScan.Find(
            oldConversation.ConversationId.ToString("N"), old.Said(oldConversation), TestPerson.AgentSaid(oldConversation), old.FileSays(oldConversation))));

        // The younger conversation is whole, its file included; the session stays, without its expired parts.
        Assert.Equal(HttpStatusCode.OK, await tenant.Status(young.Conversations[0]));
        Assert.Equal(3, (await young.History(young.Conversations[0])).Count);
        var session = await cluster.Client.GetGrain<IVisitorSessionGrain>(new SubjectKey(tenant.TenantId, old.SubjectId).ToString()).Get();
        Assert.NotNull(session);
        Assert.Empty(session.Pages);
        Assert.Null(session.Device);
        Assert.DoesNotContain(await old.Profile() is { } profile ? profile.Places : [], p => p.Id == oldConversation.ToString());

        // Purges are audited with counts only.
        using var admin = tenant.AsAdmin();
        var trail = (await admin.GetFromJsonAsync<List<AuditEntry>>($"/api/tenants/{tenant.TenantId}/audit?limit=200", WebHost.Json))!;
        Assert.Contains(trail, e => e.Action == "retention.purged" && e.Detail!.Contains("conversations=1") && e.SubjectId is null);
    }

    [Fact]
    public async Task Changing_the_policy_reschedules_what_is_purged()
    {
        var tenant = await cluster.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Paula", conversations: 1);
        var activeDay = RetentionTestData.Day(cluster.Clock.GetUtcNow());

        cluster.Clock.Travel(TimeSpan.FromDays(40));
        var travelled = cluster.Clock.GetUtcNow();
        var before = await tenant.PurgedSince(travelled);
        Assert.Equal(RetentionPolicy.Default, before.Policy);
        Assert.DoesNotContain(before.Upcoming, d => d.Kind == RetentionKind.Conversation);
        Assert.Equal(HttpStatusCode.OK, await tenant.Status(person.Conversations[0]));
        Assert.Contains(new DueItems(RetentionKind.Conversation, activeDay.AddDays(366), 1), (await tenant.Preview(days: 400)).Upcoming);

        await tenant.SetRetention(RetentionTestData.Short);

        Assert.Contains(new DueItems(RetentionKind.Conversation, activeDay.AddDays(31), 1), (await tenant.Preview()).Upcoming);
        await Eventually.Succeeds(async () => Assert.Equal(1, (await tenant.Reports()).Sum(r => r.Count("conversations"))), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.NotFound, await tenant.Status(person.Conversations[0]));
    }

    [Fact]
    public async Task A_purge_interrupted_half_way_by_storage_faults_and_a_cluster_restart_completes_once()
    {
        var tenant = await cluster.NewTenant();
        await tenant.SetRetention(RetentionTestData.Short);
        var person = await TestPerson.Chatting(tenant, "Igor", conversations: 2);
        var stuck = person.Conversations[1];

        // Its authors' records and the log's first reads go through; the deletion of its messages fails.
        using (cluster.TableFaults.FailRequestsTouching(stuck.ToString(), passFirst: 3))
        {
            cluster.Clock.Travel(TimeSpan.FromDays(31));
            await Eventually.Succeeds(async () => Assert.Contains(await tenant.Reports(), r => r.Failed > 0), TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.NotFound, await tenant.Status(person.Conversations[0]));
            await cluster.StopSilos();
        }

        await cluster.StartSilosOnTheirClock();

        await Eventually.Succeeds(async () => Assert.Equal(HttpStatusCode.NotFound, await tenant.Status(stuck)), TimeSpan.FromSeconds(60));
        var reports = await Eventually.Succeeds(async () =>
        {
            var all = await tenant.Reports();
            Assert.Equal(2, all.Sum(r => r.Count("conversations")));
            return all;
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(4, reports.Sum(r => r.Count("messages")));
        await Eventually.Succeeds(async () =>
            Assert.Empty(await AzuriteScan.Find(person.Conversations.SelectMany(c => new[] { c.ConversationId.ToString("N"), person.Said(c) }).ToArray())));

        // Later purges find nothing more to count: each conversation was purged and reported once.
        var settled = cluster.Clock.GetUtcNow();
        await tenant.PurgedSince(settled);
        Assert.Equal(2, (await tenant.Reports()).Sum(r => r.Count("conversations")));
    }

    [Fact]
    public async Task A_day_of_aggregated_analytics_is_deleted_after_its_lifetime()
    {
        var tenant = await cluster.NewTenant();
        await tenant.SetRetention(RetentionTestData.Short with { AnalyticsDays = 30 });
        await TestPerson.Chatting(tenant, "Ana", conversations: 1);
        var day = RetentionTestData.Day(cluster.Clock.GetUtcNow());
        await Eventually.Succeeds(async () => Assert.Equal(1, await ConversationsStartedOn(tenant, day)));

        cluster.Clock.Travel(TimeSpan.FromDays(32));

        await Eventually.Succeeds(async () => Assert.Equal(1, (await tenant.Reports()).Sum(r => r.Count("analyticsDays"))), TimeSpan.FromSeconds(60));
        Assert.Equal(0, await ConversationsStartedOn(tenant, day));
    }

    [Fact]
    public async Task A_day_of_faq_assistant_counts_is_an_aggregate_deleted_after_the_analytics_lifetime()
    {
        var tenant = await cluster.NewTenant();
        await tenant.SetRetention(RetentionTestData.Short with { AnalyticsDays = 30 });
        await Faq.AssistantTests.Publish(tenant, "en", "Refund policy", "We refund any order within 30 days.");
        await TestPerson.Chatting(tenant, "Fay", conversations: 1); // a conversation's first visitor message is a question
        var day = RetentionTestData.Day(cluster.Clock.GetUtcNow());
        var key = FaqEffectiveness.Day(tenant.TenantId, day);
        await Eventually.Succeeds(async () => Assert.Equal(1, (await FaqCountsOn(tenant, day)).QuestionsAsked));
        Assert.NotEmpty(await StoredEffectivenessDay(key));
        Assert.Contains((await tenant.Preview(days: 40)).Upcoming, due => due.Kind == RetentionKind.Analytics && due.Due == day.AddDays(31));

        cluster.Clock.Travel(TimeSpan.FromDays(32));

        await Eventually.Succeeds(
            async () => Assert.Equal(1, (await tenant.Reports()).Sum(r => r.Count(FaqEffectivenessDayGrain.DaysCounter))), TimeSpan.FromSeconds(60));
        Assert.Equal(0, (await FaqCountsOn(tenant, day)).QuestionsAsked);
        await Eventually.Succeeds(async () => Assert.Empty(await StoredEffectivenessDay(key)));
    }

    /// <summary>Where the day's effectiveness grain is stored: its state and its retention index entry.</summary>
    private static async Task<List<string>> StoredEffectivenessDay(string key) =>
        [.. (await AzuriteScan.Find(key)).Where(found => found.Contains(FaqEffectivenessDayGrain.GrainTypeName, StringComparison.OrdinalIgnoreCase))];

    private static async Task<FaqDayCounts> FaqCountsOn(TenantSession tenant, DateOnly day)
    {
        using var admin = tenant.AsAdmin();
        var report = await admin.GetFromJsonAsync<Web.Apis.FaqEffectivenessApi.EffectivenessReport>(
            $"/api/tenants/{tenant.TenantId}/faq/effectiveness?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", WebHost.Json);
        return Assert.Single(report!.Days);
    }

    private static async Task<int> ConversationsStartedOn(TenantSession tenant, DateOnly day)
    {
        using var admin = tenant.AsAdmin();
        var report = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tenants/{tenant.TenantId}/analytics?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        return report.GetProperty("days")[0].GetProperty("conversationsStarted").GetInt32();
    }

    /// <summary>The person consents to analytics and views one page.</summary>
    private static async Task Browse(TenantSession tenant, TestPerson person)
    {
        using var http = tenant.Bearer(person.Token);
        var me = $"/api/tenants/{tenant.TenantId}/visitors/me";
        (await http.PostAsJsonAsync($"{me}/consents", new { purpose = "analytics", granted = true, source = "widget banner" })).EnsureSuccessStatusCode();
        var response = await http.PostAsJsonAsync($"{me}/page-views", new { url = "https://shop.example/pricing", title = "Pricing", timeOnPageMs = 5_000 });
        Assert.True((await response.Content.ReadFromJsonAsync<TrackingOutcome>(WebHost.Json))!.Recorded);
    }
}
