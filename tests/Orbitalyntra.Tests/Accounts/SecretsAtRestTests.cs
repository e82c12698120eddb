using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Accounts;

[Collection(ChatClusterCollection.Name)]
public sealed class SecretsAtRestTests(ChatCluster chat)
{
    [Fact]
    public async Task Passwords_API_keys_and_signing_keys_never_appear_in_clear_in_storage_or_logs()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        const string agentPassword = "a very particular agent password";
        (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
            new { displayName = "Dee", email = $"dee@{tenant.TenantId}.test", password = agentPassword, role = "agent" })).EnsureSuccessStatusCode();
        var agentToken = await TenantSession.SignIn(chat.Web, tenant.TenantId, $"dee@{tenant.TenantId}.test", agentPassword);
        var issued = await (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/api-keys", new { label = "scan", scopes = new[] { "admin" } }))
            .Content.ReadFromJsonAsync<IssuedApiKey>(WebHost.Json);
        using var withKey = tenant.WithApiKey(issued!.Key);
        (await withKey.GetAsync($"/api/tenants/{tenant.TenantId}")).EnsureSuccessStatusCode();
        await TenantSession.SignIn(chat.Web, tenant.TenantId, $"dee@{tenant.TenantId}.test", agentPassword);
        (await chat.Web.Http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/sessions", new { email = $"dee@{tenant.TenantId}.test", password = "wrong " + agentPassword }))
            .StatusCode.ToString();

        // Browsers send the hub's bearer token in the query string: that request line must not reach the logs either.
        (await chat.Web.Http.PostAsync($"/hubs/chat/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(agentToken)}", null)).EnsureSuccessStatusCode();

        string[] secrets =
        [
            TenantSession.AdminPassword,
            agentPassword,
            tenant.ApiKey,
            tenant.ApiKey.Split('_')[3],
            issued.Key,
            issued.Key.Split('_')[3],
            WebHost.SigningKey,
            tenant.AdminToken,
            agentToken,
        ];

        Assert.Empty(await AzuriteScan.Find(secrets));
        var leaks = CapturedLogs.Instance.Lines.SelectMany(line => secrets.Where(s => line.Contains(s, StringComparison.Ordinal)).Select(s => $"'{s[..6]}…' in: {line}")).ToList();
        Assert.Empty(leaks);
        Assert.True(CapturedLogs.Instance.Lines.Any(), "the logs were captured");
    }
}
