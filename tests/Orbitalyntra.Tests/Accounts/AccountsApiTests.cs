using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Accounts;

[Collection(ChatClusterCollection.Name)]
public sealed class AccountsApiTests(ChatCluster chat)
{
    private HttpClient Anonymous => chat.Web.Http;

    private static object SignUpBody(string tenantId, string? billingReference = "cus_123", string password = TenantSession.AdminPassword) => new
    {
        tenantId,
        organisationName = "Acme",
        contactEmail = "contact@acme.test",
        billingReference,
        admin = new { displayName = "Ada", email = $"ada@{tenantId}.test", password },
    };

    private static string NewTenantId() => $"t-{Guid.NewGuid():N}"[..20];

    // Which references look like card numbers, and which tokens pass, is tested in the fast tier (BillingReferencesTests).
    [Fact]
    public async Task A_billing_reference_that_looks_like_a_card_number_is_refused_and_nothing_is_created()
    {
        const string cardLike = "4111 1111 1111 1111";
        var tenantId = NewTenantId();

        var response = await Anonymous.PostAsJsonAsync("/api/tenants", SignUpBody(tenantId, cardLike));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("card number", problem.GetProperty("errors").GetProperty("billingReference")[0].GetString());
        Assert.DoesNotContain("1111", await response.Content.ReadAsStringAsync().ContinueWith(t => t.Result.Replace(cardLike, "")));
        Assert.Null(await chat.Client.GetGrain<ITenantGrain>(tenantId).GetProfile());
    }

    [Fact]
    public async Task A_card_number_in_the_organisation_details_is_refused()
    {
        var tenantId = NewTenantId();
        var body = new
        {
            tenantId,
            organisationName = "Acme",
            contactEmail = "contact@acme.test",
            organisationDetails = "Invoices to Acme Ltd; card 4111 1111 1111 1111 exp 12/30",
            admin = new { displayName = "Ada", email = $"ada@{tenantId}.test", password = TenantSession.AdminPassword },
        };

        var response = await Anonymous.PostAsJsonAsync("/api/tenants", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("organisationDetails", await response.Content.ReadAsStringAsync());
        Assert.Null(await chat.Client.GetGrain<ITenantGrain>(tenantId).GetProfile());
    }

    [Fact]
    public async Task Sign_up_refuses_a_taken_tenant_id_and_a_short_password()
    {
        var tenant = await chat.NewTenant();

        var taken = await Anonymous.PostAsJsonAsync("/api/tenants", SignUpBody(tenant.TenantId));
        var weak = await Anonymous.PostAsJsonAsync("/api/tenants", SignUpBody(NewTenantId(), password: "short"));

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("admin.password", await weak.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer()
    {
        var tenant = await chat.NewTenant();
        var signIn = $"/api/tenants/{tenant.TenantId}/sessions";

        var unknown = await Anonymous.PostAsJsonAsync(signIn, new { email = "nobody@example.test", password = "whatever password" });
        var wrong = await Anonymous.PostAsJsonAsync(signIn, new { email = tenant.SignUp.Admin.Email, password = "whatever password" });

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadFromJsonAsync<JsonElement>().ContinueWith(t => t.Result.GetProperty("detail").GetString()),
            await wrong.Content.ReadFromJsonAsync<JsonElement>().ContinueWith(t => t.Result.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_revoked_API_key_stops_working_at_once_and_a_rotated_one_is_replaced()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var issued = await (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/api-keys", new { label = "crm", scopes = new[] { "admin" } })).Content.ReadFromJsonAsync<IssuedApiKey>(WebHost.Json);
        using var withKey = tenant.WithApiKey(issued!.Key);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync($"/api/tenants/{tenant.TenantId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tenants/{tenant.TenantId}/api-keys/{issued.Summary.KeyId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync($"/api/tenants/{tenant.TenantId}")).StatusCode);

        using var initial = tenant.WithApiKey();
        var rotated = await (await admin.PostAsync($"/api/tenants/{tenant.TenantId}/api-keys/{tenant.SignUp.ApiKey.Split('_')[2]}/rotate", null))
            .Content.ReadFromJsonAsync<IssuedApiKey>(WebHost.Json);
        using var replacement = tenant.WithApiKey(rotated!.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await initial.GetAsync($"/api/tenants/{tenant.TenantId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await replacement.GetAsync($"/api/tenants/{tenant.TenantId}")).StatusCode);

        var listed = await admin.GetFromJsonAsync<List<ApiKeySummary>>($"/api/tenants/{tenant.TenantId}/api-keys", WebHost.Json);
        Assert.Equal(3, listed!.Count);
        Assert.Equal(2, listed.Count(k => k.RevokedAt is not null));
        Assert.DoesNotContain(rotated.Key.Split('_')[3], await admin.GetStringAsync($"/api/tenants/{tenant.TenantId}/api-keys"));
    }

    [Fact]
    public async Task Administrators_add_agents_and_agents_may_not()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var agentBody = new { displayName = "Bob", email = $"bob@{tenant.TenantId}.test", password = "bob's long password", role = "agent" };

        var created = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents", agentBody);
        var again = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents", agentBody);
        var bobToken = await TenantSession.SignIn(chat.Web, tenant.TenantId, agentBody.email, agentBody.password);
        using var bob = tenant.Bearer(bobToken);
        var byAgent = await bob.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents", agentBody with { email = "carol@example.test" });
        var keysByAgent = await bob.GetAsync($"/api/tenants/{tenant.TenantId}/api-keys");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bobProfile = (await created.Content.ReadFromJsonAsync<AgentProfile>(WebHost.Json))!;
        Assert.Equal(AgentRole.Agent, bobProfile.Role);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, keysByAgent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/api/tenants/{tenant.TenantId}")).StatusCode);

        // Administrators list everyone; agents may not.
        var everyone = (await admin.GetFromJsonAsync<List<AgentProfile>>($"/api/tenants/{tenant.TenantId}/agents", WebHost.Json))!;
        Assert.Equal(
            new[] { (tenant.SignUp.Admin.AgentId, AgentRole.Admin), (bobProfile.AgentId, AgentRole.Agent) }.Order(),
            everyone.Select(a => (a.AgentId, a.Role)).Order());
        Assert.Contains(everyone, a => a.DisplayName == "Bob" && a.Email == agentBody.email);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync($"/api/tenants/{tenant.TenantId}/agents")).StatusCode);
    }

    [Fact]
    public async Task The_console_signs_in_with_a_cookie_and_out_again()
    {
        var tenant = await chat.NewTenant();
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = chat.Web.Address };

        var signIn = await browser.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/sessions",
            new { email = tenant.SignUp.Admin.Email, password = TenantSession.AdminPassword, useCookie = true });
        var whileSignedIn = await browser.GetAsync($"/api/tenants/{tenant.TenantId}");
        var signOut = await browser.DeleteAsync("/api/sessions/current");
        var afterSignOut = await browser.GetAsync($"/api/tenants/{tenant.TenantId}");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Null((await signIn.Content.ReadFromJsonAsync<SessionsApi.SignedIn>(WebHost.Json))!.AccessToken);
        Assert.Equal(HttpStatusCode.OK, whileSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
    }

    [Fact]
    public async Task A_visitor_token_is_tenant_scoped_and_a_returning_visitor_keeps_its_id()
    {
        var tenant = await chat.NewTenant();
        var first = await tenant.NewVisitor();
        using var returning = tenant.Bearer(first.AccessToken);

        var renewed = await (await returning.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = tenant.SignUp.WidgetKey }))
            .Content.ReadFromJsonAsync<WidgetApi.VisitorToken>(WebHost.Json);
        var badKey = await Anonymous.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = tenant.TenantId + ".0000" });

        Assert.Equal(tenant.TenantId, first.TenantId);
        Assert.Equal(first.VisitorId, renewed!.VisitorId);
        Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await returning.GetAsync($"/api/tenants/{tenant.TenantId}")).StatusCode);
    }
}
