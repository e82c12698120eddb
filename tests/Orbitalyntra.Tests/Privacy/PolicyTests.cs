using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>
/// Versioned privacy policies through the API: a tenant's notice and the platform's policy are published with versions
/// and effective dates; a consent records the version shown; a material version makes earlier consents count no more;
/// "what do you hold about me" and the export carry the versions and the CNIL.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class PolicyTests(ChatCluster chat)
{
    private static readonly LocalizedText NoticeText = new("Nous mesurons les visites avec votre accord.", "We measure visits with your consent.");

    [Fact]
    public async Task A_tenant_publishes_versions_of_its_notice_that_anyone_reads_and_bad_versions_are_refused_with_problem_details()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var versions = $"/api/tenants/{tenant.TenantId}/privacy/notice/versions";

        // Before any version of its own, the tenant's visitors read the platform's visitor text.
        var before = await Read(chat.Web.Http, tenant);
        Assert.Equal(PolicyOwners.PlatformPolicy, before.Notice.Policy);
        Assert.NotNull(before.Visitors);

        var first = await admin.PostAsJsonAsync(versions, new { url = "https://shop.example/privacy", material = false });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var published = (await first.Content.ReadFromJsonAsync<PolicyVersion>(WebHost.Json))!;
        Assert.Equal((1, "https://shop.example/privacy", false), (published.Version, published.Url, published.Material));

        var read = await Read(chat.Web.Http, tenant);
        Assert.Equal(new PolicyRef(PolicyOwners.TenantPolicy, 1), read.Notice);
        Assert.Equal("https://shop.example/privacy", read.Url);
        Assert.Equal(Complaint.Cnil.Url, read.Complaint.Url);
        Assert.Equal("https://www.cnil.fr/fr/plaintes", read.Complaint.Url);
        Assert.False(string.IsNullOrWhiteSpace(read.ControllerContact));

        var bad = new (object Body, string Field)[]
        {
            (new { url = "https://shop.example/privacy", visitors = NoticeText, material = false }, "url"),
            (new { url = "javascript:alert(1)", material = false }, "url"),
            (new { visitors = new { fr = "", en = "Only English." }, material = false }, "visitors.fr"),
            (new { url = "https://shop.example/privacy", material = false, effectiveAt = DateTimeOffset.UtcNow.AddDays(-2) }, "effectiveAt"),
            (new { url = "https://shop.example/privacy" }, "material"),
            (new { url = "https://shop.example/privacy", material = false, accountHolders = NoticeText }, "accountHolders"),
        };
        foreach (var (body, field) in bad)
        {
            var refused = await admin.PostAsJsonAsync(versions, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} is named in {problem}");
        }

        var visitor = await tenant.NewVisitor();
        using var asVisitor = tenant.Bearer(visitor.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, (await asVisitor.PostAsJsonAsync(versions, new { url = "https://evil.example/", material = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/api/operators/privacy-policy/versions", new { material = false })).StatusCode);
        Assert.Equal([1], (await admin.GetFromJsonAsync<List<PolicyVersion>>(versions, WebHost.Json))!.Select(v => v.Version));
        var trail = (await admin.GetFromJsonAsync<List<AuditEntry>>($"/api/tenants/{tenant.TenantId}/audit", WebHost.Json))!;
        Assert.Single(trail, e => e.Action == "policy.published" && e.Detail == "version 1");
        Assert.Equal(HttpStatusCode.NotFound, (await chat.Web.Http.GetAsync("/api/tenants/no-such-tenant-here/privacy/notice")).StatusCode);
    }

    [Fact]
    public async Task A_consent_carries_the_version_shown_and_a_material_version_asks_again_while_the_export_carries_the_versions_and_the_cnil()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Vera");
        using var admin = tenant.AsAdmin();
        using var visitor = tenant.Bearer(person.Token);
        var me = $"/api/tenants/{tenant.TenantId}/visitors/me";
        var versions = $"/api/tenants/{tenant.TenantId}/privacy/notice/versions";
        var subject = chat.Client.DataSubject(new SubjectKey(tenant.TenantId, person.SubjectId));
        (await admin.PostAsJsonAsync(versions, new { visitors = NoticeText, material = false })).EnsureSuccessStatusCode();

        var shown = (await visitor.GetFromJsonAsync<PoliciesApi.VisitorNotice>($"{me}/notice", WebHost.Json))!;
        Assert.Equal(new PolicyRef(PolicyOwners.TenantPolicy, 1), shown.Policy.Notice);
        Assert.Equal(NoticeText, shown.Policy.Visitors);
        (await visitor.PostAsJsonAsync($"{me}/consents", new { purpose = "analytics", granted = true, source = "widget banner", notice = shown.Policy.Notice })).EnsureSuccessStatusCode();
        Assert.True(await subject.MayProcess(ConsentPurpose.Analytics));

        // A material version: the consent given under version 1 counts no more, and the widget is told to ask again.
        (await admin.PostAsJsonAsync(versions, new { visitors = NoticeText with { En = "We now also share visits with our CRM." }, material = true })).EnsureSuccessStatusCode();
        Assert.False(await subject.MayProcess(ConsentPurpose.Analytics));
        var changed = (await visitor.GetFromJsonAsync<PoliciesApi.VisitorNotice>($"{me}/notice", WebHost.Json))!;
        Assert.Equal(new PolicyRef(PolicyOwners.TenantPolicy, 2), changed.Policy.Notice);
        Assert.Equal([ConsentPurpose.Analytics], changed.AskAgain);
        var page = new { url = "https://shop.example/pricing", title = "Pricing" };
        Assert.False((await (await visitor.PostAsJsonAsync($"{me}/page-views", page)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").GetBoolean());

        // A consent to the version no longer in force is refused, and changes nothing.
        var stale = await visitor.PostAsJsonAsync($"{me}/consents", new { purpose = "analytics", granted = true, source = "widget banner", notice = shown.Policy.Notice });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("version 2", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.False(await subject.MayProcess(ConsentPurpose.Analytics));

        (await visitor.PostAsJsonAsync($"{me}/consents", new { purpose = "analytics", granted = true, source = "widget banner", notice = changed.Policy.Notice })).EnsureSuccessStatusCode();
        Assert.True(await subject.MayProcess(ConsentPurpose.Analytics));
        Assert.Empty((await visitor.GetFromJsonAsync<PoliciesApi.VisitorNotice>($"{me}/notice", WebHost.Json))!.AskAgain);

        var held = (await visitor.GetFromJsonAsync<SubjectProfile>($"{me}/privacy", WebHost.Json))!;
        Assert.Equal([1, 2], held.Consents.Select(c => c.Notice!.Version));
        Assert.Equal(new PolicyRef(PolicyOwners.TenantPolicy, 2), held.Transparency!.Notice);
        Assert.Equal("https://www.cnil.fr/fr/plaintes", held.Transparency.Complaint.Url);

        var json = await (await visitor.GetAsync($"{me}/export")).Content.ReadAsStringAsync();
        ExportTests.AssertFollowsSchema(json);
        var export = JsonSerializer.Deserialize<SubjectExport>(json, WebHost.Json)!;
        Assert.Equal([new PolicyRef("tenant", 1), new PolicyRef("tenant", 2)], export.Consents.Select(c => c.Notice));
        Assert.Equal(new PolicyRef("tenant", 2), export.Transparency!.Notice);
        Assert.Contains("CNIL", export.Transparency.Complaint.Authority);
        Assert.Equal("https://www.cnil.fr/fr/plaintes", export.Transparency.Complaint.Url);
    }

    [Fact]
    public async Task An_operator_publishes_the_platforms_policy_which_the_public_reads_and_every_account_holder_is_told_of()
    {
        var tenant = await chat.NewTenant();
        using var operators = await chat.Web.SignedInOperator();
        var before = (await chat.Web.Http.GetFromJsonAsync<PoliciesApi.PolicyView>("/api/privacy/policy", WebHost.Json))!;
        Assert.Equal(PolicyOwners.PlatformPolicy, before.Notice.Policy);
        Assert.NotNull(before.AccountHolders);

        var refused = await operators.PostAsJsonAsync("/api/operators/privacy-policy/versions", new { url = "https://orbitalyntra.example/privacy", material = false });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("visitors", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));

        var tag = Guid.NewGuid().ToString("N");
        var texts = new
        {
            visitors = new LocalizedText($"Texte pour les visiteurs {tag}.", $"Text for visitors {tag}."),
            accountHolders = new LocalizedText($"Texte pour les comptes {tag}.", $"Text for account holders {tag}."),
            material = false,
        };
        var published = await operators.PostAsJsonAsync("/api/operators/privacy-policy/versions", texts);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var version = (await published.Content.ReadFromJsonAsync<PolicyVersion>(WebHost.Json))!;
        Assert.Equal(before.Notice.Version + 1, version.Version);

        var read = (await chat.Web.Http.GetFromJsonAsync<PoliciesApi.PolicyView>("/api/privacy/policy", WebHost.Json))!;
        Assert.Equal(new PolicyRef(PolicyOwners.PlatformPolicy, version.Version), read.Notice);
        Assert.Equal(texts.accountHolders, read.AccountHolders);
        Assert.Equal("https://www.cnil.fr/fr/plaintes", read.Complaint.Url);

        using var admin = tenant.AsAdmin();
        var banners = (await admin.GetFromJsonAsync<List<NotificationsApi.Notice>>($"/api/tenants/{tenant.TenantId}/notices?language=en", WebHost.Json))!;
        Assert.Contains(banners, n => n.Category == NoticeCategory.PolicyChange && n.Title == $"Our privacy policy changes (version {version.Version})");
    }

    private static async Task<PoliciesApi.PolicyView> Read(HttpClient http, TenantSession tenant) =>
        (await http.GetFromJsonAsync<PoliciesApi.PolicyView>($"/api/tenants/{tenant.TenantId}/privacy/notice", WebHost.Json))!;
}
