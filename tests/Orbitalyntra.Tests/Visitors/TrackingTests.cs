using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;
using Orbitalyntra.Visitors;

namespace Orbitalyntra.Tests.Visitors;

/// <summary>Page views are kept only with analytics consent and never while processing is restricted or objected to.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class TrackingTests(ChatCluster chat)
{
    private static object PageView(string path = "/pricing") => new
    {
        url = $"https://shop.example{path}?email=someone%40example.com#top",
        title = "Pricing",
        referrer = "https://search.example/results?q=private+words",
        timeOnPageMs = 12_000,
    };

    [Fact]
    public async Task No_page_view_is_kept_before_consent_and_one_is_kept_after()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        using var http = tenant.Bearer(visitor.AccessToken);
        var me = $"/api/tenants/{tenant.TenantId}/visitors/me";

        var before = await Report(http, tenant, PageView());
        Assert.False(before.Recorded);
        Assert.Null(await Session(tenant, visitor.VisitorId).Get());

        (await http.PostAsJsonAsync($"{me}/consents", new { purpose = "analytics", granted = true, source = "widget banner" })).EnsureSuccessStatusCode();
        Assert.True((await Report(http, tenant, PageView())).Recorded);

        var kept = (await Session(tenant, visitor.VisitorId).Get())!;
        var page = Assert.Single(kept.Pages);
        Assert.Equal(("/pricing", "Pricing", "search.example", 12_000), (page.Path, page.Title, page.ReferrerHost, page.TimeOnPageMs));
        // The tenant's daily aggregates count paths in clear on purpose (docs/decisions/0011): nothing there is linked to a visitor.
        Assert.DoesNotContain(
            await AzuriteScan.Find("someone%40example.com", "someone@example.com", "private+words", "/pricing", "search.example"),
            found => !found.Contains("blob grainstate/analytics-day-", StringComparison.Ordinal));

        // Withdrawing is one call, and stops tracking at once.
        (await http.PostAsJsonAsync($"{me}/consents", new { purpose = "analytics", granted = false, source = "widget banner" })).EnsureSuccessStatusCode();
        Assert.False((await Report(http, tenant, PageView("/after"))).Recorded);
        Assert.Single((await Session(tenant, visitor.VisitorId).Get())!.Pages);
    }

    [Fact]
    public async Task A_tenant_that_does_not_require_consent_tracks_visitors_until_they_refuse_or_object()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var settings = (await admin.GetFromJsonAsync<Orbitalyntra.Accounts.TenantSettings>($"/api/tenants/{tenant.TenantId}/settings", WebHost.Json))!;
        Assert.Equal(Orbitalyntra.Accounts.TrackingConsent.Required, settings.TrackingConsent);
        (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", settings with { TrackingConsent = Orbitalyntra.Accounts.TrackingConsent.NotRequired }, WebHost.Json))
            .EnsureSuccessStatusCode();
        var refusing = await tenant.NewVisitor();
        var objecting = await tenant.NewVisitor();
        using var refuser = tenant.Bearer(refusing.AccessToken);
        using var objector = tenant.Bearer(objecting.AccessToken);
        var me = $"/api/tenants/{tenant.TenantId}/visitors/me";

        Assert.True((await Report(refuser, tenant, PageView("/first"))).Recorded);
        Assert.True((await Report(objector, tenant, PageView("/first"))).Recorded);
        (await refuser.PostAsJsonAsync($"{me}/consents", new { purpose = "analytics", granted = false, source = "widget banner: reject" })).EnsureSuccessStatusCode();
        (await objector.PostAsJsonAsync($"{me}/requests", new { kind = "objection" })).EnsureSuccessStatusCode();

        Assert.False((await Report(refuser, tenant, PageView("/second"))).Recorded);
        Assert.False((await Report(objector, tenant, PageView("/second"))).Recorded);
        Assert.Equal(["/first"], (await Session(tenant, refusing.VisitorId).Get())!.Pages.Select(p => p.Path));
    }

    [Theory]
    [InlineData("restriction")]
    [InlineData("objection")]
    public async Task A_restriction_or_an_objection_stops_tracking_that_had_consent(string kind)
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        using var http = tenant.Bearer(visitor.AccessToken);
        var me = $"/api/tenants/{tenant.TenantId}/visitors/me";
        (await http.PostAsJsonAsync($"{me}/consents", new { purpose = "analytics", granted = true, source = "widget banner" })).EnsureSuccessStatusCode();
        Assert.True((await Report(http, tenant, PageView("/first"))).Recorded);

        (await http.PostAsJsonAsync($"{me}/requests", new { kind })).EnsureSuccessStatusCode();

        Assert.False((await Report(http, tenant, PageView("/second"))).Recorded);
        Assert.Equal(["/first"], (await Session(tenant, visitor.VisitorId).Get())!.Pages.Select(p => p.Path));
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::")]
    public async Task Stored_addresses_are_truncated_and_user_agents_reduced_to_families(string address, string kept)
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        using var http = tenant.Bearer(visitor.AccessToken);
        (await http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/consents", new { purpose = "analytics", granted = true, source = "widget banner" })).EnsureSuccessStatusCode();
        const string userAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.6613.127 Mobile Safari/537.36";

        var outcome = await Session(tenant, visitor.VisitorId).Record(new PageViewReport("https://shop.example/", "Home", null, 1_000), address, userAgent);

        Assert.True(outcome.Recorded);
        Assert.Equal(new DeviceInfo("Chrome", "Android", "mobile", kept), (await Session(tenant, visitor.VisitorId).Get())!.Device);
        Assert.Empty(await AzuriteScan.Find(address, "Pixel 8", "AP2A.240805.005"));
    }

    [Fact]
    public async Task Erasure_deletes_the_visitors_browsing_and_the_export_contains_it_before()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Tia");
        using var http = tenant.Bearer(person.Token);
        var me = $"/api/tenants/{tenant.TenantId}/visitors/me";
        (await http.PostAsJsonAsync($"{me}/consents", new { purpose = "analytics", granted = true, source = "widget banner" })).EnsureSuccessStatusCode();
        Assert.True((await Report(http, tenant, PageView("/contact"))).Recorded);

        var export = (await http.GetFromJsonAsync<SubjectExport>($"{me}/export", WebHost.Json))!;
        Assert.Equal(["/contact"], Assert.Single(export.Section<VisitorSession>(VisitorSession.ExportSection)).Pages.Select(p => p.Path));

        (await http.PostAsync($"{me}/erasure", null)).EnsureSuccessStatusCode();

        Assert.Null(await Session(tenant, person.SubjectId).Get());
        // The erasure ended the visitor's token (docs/decisions/0037): nothing more is reported with it.
        var after = await http.PostAsJsonAsync($"{me}/page-views", PageView("/after"));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Null(await Session(tenant, person.SubjectId).Get());
    }

    [Fact]
    public async Task A_malformed_page_view_is_refused_and_only_visitors_report_them()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        using var http = tenant.Bearer(visitor.AccessToken);
        using var admin = tenant.AsAdmin();
        var path = $"/api/tenants/{tenant.TenantId}/visitors/me/page-views";

        var bad = await http.PostAsJsonAsync(path, new { url = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("url must be", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync(path, PageView())).StatusCode);
    }

    private IVisitorSessionGrain Session(TenantSession tenant, string visitorId) =>
        chat.Client.GetGrain<IVisitorSessionGrain>(new SubjectKey(tenant.TenantId, visitorId).ToString());

    private static async Task<TrackingOutcome> Report(HttpClient http, TenantSession tenant, object pageView)
    {
        var response = await http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/page-views", pageView);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TrackingOutcome>(WebHost.Json))!;
    }
}
