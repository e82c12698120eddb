using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>Sign-up all or nothing, and one e-mail one agent under concurrency (issue 19, docs/decisions/0048).</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AtomicSignUpTests(ChatCluster chat)
{
    [Fact]
    public async Task A_sign_up_that_fails_half_way_leaves_no_tenant_and_frees_its_id()
    {
        var tenantId = $"t-{Guid.NewGuid():N}"[..20];
        var body = new
        {
            tenantId,
            organisationName = "Half Made",
            contactEmail = "contact@half.test",
            admin = new { displayName = "Ada", email = $"ada@{tenantId}.test", password = TenantSession.AdminPassword },
        };

        // The administrator's creation fails: recording where their data lives is a table write under the tenant's id.
        HttpResponseMessage failed;
        using (chat.TableFaults.FailRequestsTouching(tenantId + ":"))
        {
            failed = await chat.Web.Http.PostAsJsonAsync("/api/tenants", body);
        }

        Assert.True((int)failed.StatusCode >= 500, $"the failed sign-up answered {failed.StatusCode}");
        var tenant = chat.Client.GetGrain<ITenantGrain>(tenantId);
        Assert.Null(await tenant.GetProfile());
        Assert.Empty(await tenant.ListAgentIds());
        var signIn = await chat.Web.Http.PostAsJsonAsync($"/api/tenants/{tenantId}/sessions", new { email = body.admin.email, password = body.admin.password });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);

        var again = await chat.Web.Http.PostAsJsonAsync("/api/tenants", body);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.NotNull(await TenantSession.SignIn(chat.Web, tenantId, body.admin.email, body.admin.password));
        Assert.Single(await tenant.ListAgentIds());
    }

    [Fact]
    public async Task Agents_added_at_once_with_one_e_mail_make_one_agent()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var email = $"twin@{tenant.TenantId}.test";

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => admin.PostAsJsonAsync(
            $"/api/tenants/{tenant.TenantId}/agents", new { displayName = $"Twin {i}", email, password = "a twin's long password", role = "agent" })));

        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(answer => answer.StatusCode != HttpStatusCode.Created), answer => Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode));
        Assert.Equal(2, (await chat.Client.GetGrain<ITenantGrain>(tenant.TenantId).ListAgentIds()).Count);
    }
}
