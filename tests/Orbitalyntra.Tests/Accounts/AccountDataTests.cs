using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>Administrators change the organisation's account data; bad input is refused with problem details and changes nothing.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AccountDataTests(ChatCluster chat)
{
    [Fact]
    public async Task An_administrator_updates_the_organisations_account_data_and_the_change_is_audited_without_its_values()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var changed = new { organisationName = "Ateliers Dupont", contactEmail = "compta@dupont.test", organisationDetails = "12 rue des Lilas, Lyon", billingReference = "cus_Q9xY2" };

        var response = await admin.PutAsJsonAsync(Account(tenant), changed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await admin.GetFromJsonAsync<TenantProfile>($"/api/tenants/{tenant.TenantId}", WebHost.Json);
        Assert.Equal(
            (changed.organisationName, changed.contactEmail, changed.organisationDetails, changed.billingReference),
            (profile!.OrganisationName, profile.ContactEmail, profile.OrganisationDetails, profile.BillingReference));
        var trail = await admin.GetFromJsonAsync<List<AuditEntry>>($"/api/tenants/{tenant.TenantId}/audit", WebHost.Json);
        var entry = Assert.Single(trail!, e => e.Action == "account.updated");
        Assert.Equal("fields=organisationName,contactEmail,organisationDetails,billingReference", entry.Detail);
        Assert.Equal(tenant.SignUp.Admin.AgentId, entry.By.Id);
    }

    [Fact]
    public async Task Card_numbers_bad_addresses_and_non_administrators_are_refused_and_change_nothing()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var before = await admin.GetFromJsonAsync<TenantProfile>($"/api/tenants/{tenant.TenantId}", WebHost.Json);

        var card = await admin.PutAsJsonAsync(Account(tenant), new { organisationName = "Acme", contactEmail = "a@acme.test", billingReference = "4111 1111 1111 1111" });
        var cardInDetails = await admin.PutAsJsonAsync(Account(tenant), new { organisationName = "Acme", contactEmail = "a@acme.test", organisationDetails = "card 4111-1111-1111-1111" });
        var email = await admin.PutAsJsonAsync(Account(tenant), new { organisationName = "Acme", contactEmail = "not an address" });
        var name = await admin.PutAsJsonAsync(Account(tenant), new { organisationName = "", contactEmail = "a@acme.test" });

        foreach (var (refused, field) in new[] { (card, "billingReference"), (cardInDetails, "organisationDetails"), (email, "contactEmail"), (name, "organisationName") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains(field, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var agentEmail = $"agent-{Guid.NewGuid():N}@agents.test";
        (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents", new { displayName = "Agent", email = agentEmail, password = TenantSession.AdminPassword })).EnsureSuccessStatusCode();
        using var agent = tenant.Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, agentEmail, TenantSession.AdminPassword));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync(Account(tenant), new { organisationName = "Mine", contactEmail = "a@acme.test" })).StatusCode);

        Assert.Equal(before, await admin.GetFromJsonAsync<TenantProfile>($"/api/tenants/{tenant.TenantId}", WebHost.Json));
    }

    private static string Account(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}/account";
}
