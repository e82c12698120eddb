using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Orbitalyntra.Accounts;
using Orbitalyntra.Analytics;
using Orbitalyntra.Chat;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Visitors;

namespace Orbitalyntra.Tests.Analytics;

/// <summary>
/// The tenant's daily aggregates, fed by tracking and chat and read by administrators: right counts, and nothing in the
/// report that names or singles out a person.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AnalyticsTests(ChatCluster chat)
{
    private static readonly string[] Addresses = ["203.0.113.77", "2001:db8:85a3:8d3:1319:8a2e:370:7348", "198.51.100.23"];

    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.6613.120 Safari/537.36 ProbeA",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1 ProbeB",
        "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0 ProbeC",
    ];

    private const string SecretTitle = "Pricing for Jane Example's account";

    [Fact]
    public async Task The_report_counts_views_visitors_paths_and_conversations_and_names_no_one()
    {
        var tenant = await chat.NewTenant();
        var visitors = new List<Orbitalyntra.Web.Apis.WidgetApi.VisitorToken>();
        for (var i = 0; i < 3; i++)
        {
            var visitor = await tenant.NewVisitor();
            visitors.Add(visitor);
            using var http = tenant.Bearer(visitor.AccessToken);
            await Consent(http, tenant);
        }

        // Through the grain, as TrackingTests do, because the web host sees every test request come from 127.0.0.1.
        string[][] paths = [["/", "/pricing", "/contact"], ["/", "/pricing"], []];
        for (var i = 0; i < 3; i++)
        {
            foreach (var path in paths[i])
            {
                var kept = await Session(tenant, visitors[i].VisitorId).Record(View(path), Addresses[i], UserAgents[i]);
                Assert.True(kept.Recorded);
            }
        }

        using (var third = tenant.Bearer(visitors[2].AccessToken))
        {
            third.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgents[2]);
            var response = await third.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/page-views", View("/pricing"));
            Assert.True((await response.Content.ReadFromJsonAsync<TrackingOutcome>(WebHost.Json))!.Recorded);
        }

        var conversation = await tenant.StartConversation(visitors[0].AccessToken);
        using (var owner = tenant.Bearer(visitors[0].AccessToken))
        {
            await Write(owner, conversation, "messages", "Hello, my order is late");
        }

        using var admin = tenant.AsAdmin();
        await Write(admin, conversation, "notes", "a note is not an answer");
        await Write(admin, conversation, "messages", "Sorry! Let me look.");
        await Write(admin, conversation, "messages", "It ships today.");
        foreach (var status in new[] { "resolved", "open", "resolved" })
        {
            (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/conversations/{conversation.ConversationId}/status", new { status }))
                .EnsureSuccessStatusCode();
        }

        var (report, json) = await Report(admin, tenant);

        var totals = report.Totals;
        Assert.Equal(6, totals.PageViews);
        // HyperLogLog counts small numbers exactly unless two hashes share a register (odds about 1 in 1,400 for 3): ±1.
        Assert.InRange(totals.VisitorDays!.Value, 2, 4);
        Assert.Null(totals.UniqueVisitors);
        Assert.Equal(12.0, totals.AverageTimeOnPageSeconds);
        Assert.Equal([new TopPage("/pricing", 3), new TopPage("/", 2), new TopPage("/contact", 1)], totals.TopPages);
        Assert.Equal([new TopTransition("/", "/pricing", 2), new TopTransition("/pricing", "/contact", 1)], totals.TopTransitions);
        Assert.Equal(1, totals.ConversationsStarted);
        Assert.Equal(1, totals.FirstResponse.Count);
        Assert.Equal(1, totals.Resolution.Count);
        Assert.InRange(totals.FirstResponse.MedianSeconds!.Value, 0, 120);
        Assert.InRange(totals.Resolution.AverageSeconds!.Value, 0, 120);
        Assert.Equal(Orbitalyntra.Web.Apis.AnalyticsApi.DefaultDays, report.Days.Count);
        Assert.Equal(6, report.Days.Sum(d => d.PageViews));

        var admins = tenant.SignUp.Admin;
        string[] identifiers =
        [
            .. visitors.Select(v => v.VisitorId),
            conversation.ConversationId.ToString("N"),
            conversation.ConversationId.ToString(),
            admins.AgentId,
            admins.Email,
            admins.DisplayName,
            .. Addresses,
            .. Addresses.Select(a => TrackingRules.TruncateIp(a)!),
            "127.0.0.1",
            .. UserAgents,
            "ProbeA", "ProbeB", "ProbeC", "Firefox", "iPhone",
            SecretTitle, "Jane",
        ];
        foreach (var identifier in identifiers)
        {
            Assert.DoesNotContain(identifier, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cookieless_mode_counts_anonymous_page_views_and_keeps_no_visitor_session()
    {
        var tenant = await chat.NewTenant();
        await SetTrackingConsent(tenant, TrackingConsent.Cookieless);
        var visitor = await tenant.NewVisitor();
        var userAgent = $"CookielessProbe/{Guid.NewGuid():N}";

        using (var withoutConsent = tenant.Bearer(visitor.AccessToken))
        {
            var response = await withoutConsent.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/page-views", View("/"));
            Assert.False((await response.Content.ReadFromJsonAsync<TrackingOutcome>(WebHost.Json))!.Recorded);
        }

        using var anonymous = chat.Web.Client(null);
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        var first = await Anonymous(anonymous, tenant, new { url = "https://shop.example/pricing?ref=mail", referrer = "https://shop.example/", timeOnPageMs = 4_000 });
        var second = await Anonymous(anonymous, tenant, new { url = "https://shop.example/contact", previousUrl = "https://shop.example/pricing", timeOnPageMs = 6_000 });
        var elsewhere = await Anonymous(anonymous, tenant, new { url = "https://shop.example/", referrer = "https://search.example/?q=shop" });

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], [first.StatusCode, second.StatusCode, elsewhere.StatusCode]);
        using var admin = tenant.AsAdmin();
        var totals = (await Report(admin, tenant)).Report.Totals;
        Assert.Equal(3, totals.PageViews);
        Assert.Equal(1, totals.VisitorDays);
        Assert.Equal(5.0, totals.AverageTimeOnPageSeconds);
        Assert.Equal([new TopTransition("/", "/pricing", 1), new TopTransition("/pricing", "/contact", 1)], totals.TopTransitions);
        Assert.Null(await Session(tenant, visitor.VisitorId).Get());

        // Stored as counts only: after the day grain has written them, neither the user agent nor a session is anywhere.
        var today = chat.Client.AnalyticsDay(tenant.TenantId, DateTimeOffset.UtcNow);
        await chat.Deactivate(today);
        Assert.Equal(3, (await today.GetCounts()).PageViews);
        Assert.Empty(await AzuriteScan.Find(userAgent, "CookielessProbe", "search.example", "ref=mail"));
    }

    [Fact]
    public async Task Where_consent_is_required_the_anonymous_endpoint_refuses_and_counts_nothing()
    {
        var tenant = await chat.NewTenant();
        using var anonymous = chat.Web.Client(null);

        var refused = await Anonymous(anonymous, tenant, new { url = "https://shop.example/pricing" });
        var unknown = await anonymous.PostAsJsonAsync("/api/tenants/no-such-tenant-here/page-views/anonymous", new { url = "https://shop.example/" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Cookieless counting is off.", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var admin = tenant.AsAdmin();
        Assert.Equal(0, (await Report(admin, tenant)).Report.Totals.PageViews);
    }

    [Fact]
    public async Task An_invalid_anonymous_page_view_is_a_validation_problem()
    {
        var tenant = await chat.NewTenant();
        await SetTrackingConsent(tenant, TrackingConsent.Cookieless);
        using var anonymous = chat.Web.Client(null);

        var response = await Anonymous(anonymous, tenant, new { url = "javascript:alert(1)", previousUrl = "ftp://elsewhere" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("pageView", out _) && errors.TryGetProperty("previousUrl", out _), errors.ToString());
    }

    [Fact]
    public async Task Only_the_tenants_administrators_read_the_report()
    {
        var tenant = await chat.NewTenant();
        var other = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var email = $"bea@{tenant.TenantId}.test";
        (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
            new { displayName = "Bea", email, password = "a long agent password", role = "agent" })).EnsureSuccessStatusCode();
        using var agent = tenant.Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, email, "a long agent password"));
        using var otherAdmin = other.AsAdmin();
        var path = $"/api/tenants/{tenant.TenantId}/analytics";

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync(path)).StatusCode);
        using var apiKey = tenant.WithApiKey();
        Assert.Equal(HttpStatusCode.OK, (await apiKey.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("to=26-11-2026", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("from=2026-01-01&to=2026-04-03", "from")]
    public async Task A_bad_period_is_a_validation_problem(string query, string field)
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();

        var response = await admin.GetAsync($"/api/tenants/{tenant.TenantId}/analytics?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_period_of_92_days_is_reported_day_by_day()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();

        var report = (await admin.GetFromJsonAsync<AnalyticsReport>($"/api/tenants/{tenant.TenantId}/analytics?from=2026-01-01&to=2026-04-02", WebHost.Json))!;

        Assert.Equal(92, report.Days.Count);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 2)), (report.Days[0].Day, report.Days[^1].Day));
    }

    [Fact]
    public async Task Counts_are_written_by_the_flush_timer_survive_deactivation_and_are_cleared()
    {
        var tenant = await chat.NewTenant();
        var path = $"/flushed-{Guid.NewGuid():N}";
        var today = chat.Client.AnalyticsDay(tenant.TenantId, DateTimeOffset.UtcNow);

        await today.CountPageView(new PageHit(path, null, 1_000), "visitor-one");
        await today.CountPageView(new PageHit(path, "/", 3_000), "visitor-two");
        await today.CountConversationStarted();

        // Written by the timer, while the grain stays active: no deactivation, no read in between.
        await Eventually.Succeeds(async () => Assert.Contains(path, await StoredDay(tenant.TenantId)), TimeSpan.FromSeconds(30));
        await chat.Deactivate(today);
        var counts = await today.GetCounts();
        Assert.Equal((2, 1, 2_000.0), (counts.PageViews, counts.ConversationsStarted, counts.TimeOnPageTotalMs / (double)counts.TimedPageViews));
        Assert.InRange(counts.UniqueVisitors, 1, 2); // 2, unless both hashes fall in one of the 4,096 registers

        // Purged through the holder contract as retention does, once the day is past its lifetime; a repeated tick changes nothing.
        var retention = chat.Client.GetGrain<IRetentionHolder>(today.GetGrainId());
        var later = DateTimeOffset.UtcNow.AddDays(RetentionPolicy.Default.AnalyticsDays + 2);
        Assert.Equal(PurgeResult.Deleted, (await retention.Purge(RetentionPolicy.Default, later)).Result);
        Assert.Equal(PurgeResult.Gone, (await retention.Purge(RetentionPolicy.Default, later)).Result);

        Assert.Equal(0, (await today.GetCounts()).PageViews);
        Assert.Null(await StoredDay(tenant.TenantId));
        await chat.Deactivate(today);
        Assert.Equal(0, (await today.GetCounts()).PageViews);
    }

    private IVisitorSessionGrain Session(TenantSession tenant, string visitorId) =>
        chat.Client.GetGrain<IVisitorSessionGrain>(new SubjectKey(tenant.TenantId, visitorId).ToString());

    private static PageViewReport View(string path) => new PageViewReport($"https://shop.example{path}?session=abc", SecretTitle, "https://search.example/", 12_000);

    private static async Task Consent(HttpClient visitor, TenantSession tenant) =>
        (await visitor.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/consents", new { purpose = "analytics", granted = true, source = "widget banner" }))
            .EnsureSuccessStatusCode();

    private static async Task Write(HttpClient http, ConversationKey conversation, string kind, string text) =>
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(
            $"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId:N}/{kind}",
            new { clientMessageId = Guid.NewGuid().ToString("N"), text })).StatusCode);

    private static Task<HttpResponseMessage> Anonymous(HttpClient http, TenantSession tenant, object pageView) =>
        http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/page-views/anonymous", pageView);

    private static async Task SetTrackingConsent(TenantSession tenant, TrackingConsent mode)
    {
        using var admin = tenant.AsAdmin();
        var settings = (await admin.GetFromJsonAsync<TenantSettings>($"/api/tenants/{tenant.TenantId}/settings", WebHost.Json))!;
        (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", settings with { TrackingConsent = mode }, WebHost.Json)).EnsureSuccessStatusCode();
    }

    private static async Task<(AnalyticsReport Report, string Json)> Report(HttpClient admin, TenantSession tenant)
    {
        var response = await admin.GetAsync($"/api/tenants/{tenant.TenantId}/analytics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        return (JsonSerializer.Deserialize<AnalyticsReport>(json, WebHost.Json)!, json);
    }

    /// <summary>The stored state of the tenant's analytics for today, as text; null when there is none.</summary>
    private static async Task<string?> StoredDay(string tenantId)
    {
        var container = new BlobServiceClient(TestStorage.ConnectionString).GetBlobContainerClient("grainstate");
        var key = AnalyticsDayKey.For(tenantId, DateTimeOffset.UtcNow).ToString();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "analytics-day" }))
        {
            if (blob.Name.Contains(key, StringComparison.Ordinal))
            {
                var content = await container.GetBlobClient(blob.Name).DownloadContentAsync();
                return System.Text.Encoding.UTF8.GetString(content.Value.Content.ToArray());
            }
        }

        return null;
    }
}
