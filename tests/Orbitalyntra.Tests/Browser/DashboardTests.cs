using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;

namespace Orbitalyntra.Tests.Browser;

/// <summary>The Orleans Dashboard at /dashboard: operators only, and no personal data in what it shows.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class DashboardTests(ChatCluster chat)
{
    [Fact]
    public Task The_dashboard_refuses_an_anonymous_visitor_and_opens_for_a_signed_in_operator_in_a_browser() =>
        chat.NewTenant().ContinueWith(tenant => BrowserScenario.Run("dashboard.mjs", chat.Web, tenant.Result)).Unwrap();

    [Fact]
    public async Task Only_operators_reach_the_dashboard()
    {
        var tenant = await chat.NewTenant();
        Assert.Equal(HttpStatusCode.Unauthorized, (await chat.Web.Http.GetAsync("/dashboard/ClusterStats")).StatusCode);
        using var admin = tenant.AsAdmin();
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/dashboard/ClusterStats")).StatusCode);

        using var wrong = OperatorClient();
        var refused = await wrong.PostAsJsonAsync("/api/operators/sessions", new { name = WebHost.OperatorName, password = "not the password" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/dashboard/ClusterStats")).StatusCode);
        var unknown = await wrong.PostAsJsonAsync("/api/operators/sessions", new { name = "nobody", password = WebHost.OperatorPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var blank = await wrong.PostAsJsonAsync("/api/operators/sessions", new { name = "", password = "" });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);

        using var operatorHttp = await SignedInOperator();
        var page = await operatorHttp.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await operatorHttp.GetAsync("/dashboard/ClusterStats")).StatusCode);

        // An operator is nobody in any tenant.
        Assert.Equal(HttpStatusCode.NotFound, (await operatorHttp.GetAsync($"/api/tenants/{tenant.TenantId}/audit")).StatusCode);
    }

    [Fact]
    public async Task What_the_dashboard_shows_holds_no_personal_data_and_its_grain_state_viewer_is_closed()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Dora", conversations: 1);
        using var operatorHttp = await SignedInOperator();

        var state = await operatorHttp.GetAsync($"/dashboard/GrainState?grainId={tenant.TenantId}&grainType=Orbitalyntra.Accounts.TenantGrain");
        Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);

        var shown = new List<string>();
        foreach (var path in new[] { "/dashboard/ClusterStats", "/dashboard/Reminders", "/dashboard/TopGrainMethods", "/dashboard/GrainTypes", "/dashboard/DashboardCounters" })
        {
            var response = await operatorHttp.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
            shown.Add(await response.Content.ReadAsStringAsync());
        }

        var everything = string.Join("\n", shown);
        Assert.Contains("ConversationGrain", everything, StringComparison.Ordinal);
        foreach (var personal in new[] { person.Name, person.Email, person.Said(person.Conversations[0]), "contact@example.test" })
        {
            Assert.DoesNotContain(personal, everything, StringComparison.Ordinal);
        }
    }

    private HttpClient OperatorClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = chat.Web.Address };

    private async Task<HttpClient> SignedInOperator()
    {
        var http = OperatorClient();
        var signedIn = await http.PostAsJsonAsync("/api/operators/sessions", new { name = WebHost.OperatorName, password = WebHost.OperatorPassword });
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        return http;
    }
}
