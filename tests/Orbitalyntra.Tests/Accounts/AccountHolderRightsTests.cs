using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Json.Schema;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>
/// Agents and administrators exercise their own rights, signed in, through REST: download their data, rectify their name
/// and e-mail (confirmed through the real mail server), ask for their erasure; each a tracked request (docs/decisions/0034).
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AccountHolderRightsTests(ChatCluster chat)
{
    [Fact]
    public async Task An_agent_downloads_their_account_their_own_actions_and_only_the_messages_they_wrote_as_a_tracked_request()
    {
        var tenant = await chat.NewTenant();
        var (agent, _, _) = await NewAgent(tenant, "Bruno Agent");
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        await Send(visitor, conversation, "visitor: my order 5521 never came");
        await Send(agent, conversation, "agent: I am looking into it");
        (await agent.PostAsJsonAsync(Path(conversation, "notes"), new { clientMessageId = "n1", text = "agent note: call the carrier" })).EnsureSuccessStatusCode();
        (await agent.PutAsJsonAsync(Me(tenant, "profile"), new { displayName = "Bruno A." })).EnsureSuccessStatusCode();

        var response = await agent.GetAsync(Me(tenant, "export"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var json = await response.Content.ReadAsStringAsync();
        using (var document = JsonDocument.Parse(json))
        {
            var evaluation = Orbitalyntra.Tests.Privacy.ExportTests.Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }

        var export = JsonSerializer.Deserialize<SubjectExport>(json, WebHost.Json)!;
        var account = Assert.Single(export.Section<ExportedAccount>(AgentGrain.AccountSection));
        Assert.Equal(("Bruno A.", AgentRole.Agent, (string?)null), (account.DisplayName, account.Role, account.PendingEmail));
        Assert.Contains(export.Section<ExportedAction>(AgentGrain.ActionsSection), a => a.Action == "account.profile-updated" && a.Detail == "fields=displayName");
        var written = Assert.Single(export.Section<ExportedConversation>(ExportedConversation.Section));
        Assert.Equal(["agent: I am looking into it", "agent note: call the carrier"], written.Messages.Select(m => m.Text));
        Assert.All(written.Messages, m => Assert.True(m.ByYou));
        Assert.DoesNotContain("5521", json, StringComparison.Ordinal);

        var requests = await agent.GetFromJsonAsync<List<SubjectRequest>>(Me(tenant, "requests"), WebHost.Json);
        Assert.Contains(requests!, r => r is { Kind: RequestKind.Access, Status: RequestStatus.Completed });
        Assert.Contains(requests!, r => r is { Kind: RequestKind.Rectification, Status: RequestStatus.Completed });
        using var admin = tenant.AsAdmin();
        var trail = await admin.GetFromJsonAsync<List<AuditEntry>>($"/api/tenants/{tenant.TenantId}/audit?limit=200", WebHost.Json);
        var agentId = requests![0].SubjectId;
        Assert.Contains(trail!, e => e.Action == "subject.exported" && e.By.Id == agentId && e.SubjectId == agentId);
    }

    [Fact]
    public async Task A_new_email_applies_only_once_the_link_mailed_to_it_is_followed_and_a_bad_or_taken_address_changes_nothing()
    {
        var tenant = await chat.NewTenant();
        var (agent, oldEmail, password) = await NewAgent(tenant, "Chloé Agent");
        var newEmail = $"chloe-{Guid.NewGuid():N}@{tenant.TenantId}.test";

        var taken = await agent.PutAsJsonAsync(Me(tenant, "profile"), new { email = tenant.SignUp.Admin.Email });
        var invalid = await agent.PutAsJsonAsync(Me(tenant, "profile"), new { email = "not an address" });
        var empty = await agent.PutAsJsonAsync(Me(tenant, "profile"), new { });
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (taken.StatusCode, invalid.StatusCode, empty.StatusCode));
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);

        var change = await (await agent.PutAsJsonAsync(Me(tenant, "profile"), new { email = newEmail })).Content.ReadFromJsonAsync<ProfileChange>(WebHost.Json);
        Assert.True(change!.ConfirmationSent);
        Assert.Equal((oldEmail, newEmail), (change.Profile.Email, change.Profile.PendingEmail));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatus(tenant, newEmail, password));

        var mail = await MailDev.Received(newEmail, m => m.Kind() == nameof(NotificationKind.AccountEmailConfirmation), "the confirmation link");
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"https?://\S+/mail/confirm\.html\S+").Value);
        var query = HttpUtility.ParseQueryString(link.Query);
        var confirmation = new { tenantId = query["tenant"], agentId = query["agent"], expires = long.Parse(query["expires"]!), token = query["token"] };
        Assert.DoesNotContain(await MailDev.To(oldEmail), m => m.Kind() == nameof(NotificationKind.AccountEmailConfirmation));

        var forged = await chat.Web.Http.PostAsJsonAsync("/api/account-email-confirmations", confirmation with { token = new string('0', 64) });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatus(tenant, newEmail, password));

        Assert.Equal(HttpStatusCode.NoContent, (await chat.Web.Http.PostAsJsonAsync("/api/account-email-confirmations", confirmation)).StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (await SignInStatus(tenant, newEmail, password), await SignInStatus(tenant, oldEmail, password)));
        var profile = await agent.GetFromJsonAsync<AgentProfile>(Me(tenant, "profile"), WebHost.Json);
        Assert.Equal((newEmail, (string?)null), (profile!.Email, profile.PendingEmail));
        Assert.Equal(HttpStatusCode.NotFound, (await chat.Web.Http.PostAsJsonAsync("/api/account-email-confirmations", confirmation)).StatusCode);
        var requests = await agent.GetFromJsonAsync<List<SubjectRequest>>(Me(tenant, "requests"), WebHost.Json);
        Assert.All(requests!.Where(r => r.Kind == RequestKind.Rectification), r => Assert.Equal(RequestStatus.Completed, r.Status));
    }

    [Fact]
    public async Task An_agent_erases_their_account_and_the_last_administrator_is_told_to_close_the_organisation_instead()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var refused = await admin.PostAsync(Me(tenant, "erasure"), null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("close the organisation", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, await SignInStatus(tenant, tenant.SignUp.Admin.Email, TenantSession.AdminPassword));

        var (agent, email, password) = await NewAgent(tenant, "Dora Agent");
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        await Send(visitor, conversation, "visitor: hello");
        await Send(agent, conversation, "agent: hello, Dora here");
        var agentId = (await agent.GetFromJsonAsync<AgentProfile>(Me(tenant, "profile"), WebHost.Json))!.AgentId;

        var erased = await agent.PostAsync(Me(tenant, "erasure"), null);

        Assert.Equal(HttpStatusCode.Accepted, erased.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatus(tenant, email, password));
        // The erased account holds no session any more (docs/decisions/0037).
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync(Me(tenant, "profile"))).StatusCode);
        var request = await Eventually.Succeeds(async () =>
        {
            var all = await admin.GetFromJsonAsync<List<SubjectRequest>>($"/api/tenants/{tenant.TenantId}/requests?open=false", WebHost.Json);
            return Assert.Single(all!, r => r is { Kind: RequestKind.Erasure, Status: RequestStatus.Completed } && r.SubjectId == agentId);
        }, TimeSpan.FromSeconds(60));
        Assert.Equal(agentId, request.ReceivedBy.Id);

        // Decision 0034: the agent's texts were sealed with their key, so they go with it; the places stay, the visitor's text too.
        var page = await admin.GetFromJsonAsync<MessagePage>(Path(conversation, "messages?limit=100"), WebHost.Json);
        Assert.Equal([(false, "visitor: hello"), (true, "")], page!.Messages.Select(m => (m.Erased, m.Text)));
        Assert.DoesNotContain(await admin.GetFromJsonAsync<List<AgentProfile>>($"/api/tenants/{tenant.TenantId}/agents", WebHost.Json) ?? [], a => a.AgentId == agentId);
    }

    [Fact]
    public async Task An_api_key_has_no_account_of_its_own()
    {
        var tenant = await chat.NewTenant();
        using var key = tenant.WithApiKey();
        foreach (var response in new[] { await key.GetAsync(Me(tenant, "export")), await key.PostAsync(Me(tenant, "erasure"), null), await key.PutAsJsonAsync(Me(tenant, "profile"), new { displayName = "Bot" }) })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private async Task<(HttpClient Http, string Email, string Password)> NewAgent(TenantSession tenant, string name)
    {
        using var admin = tenant.AsAdmin();
        var email = $"agent-{Guid.NewGuid():N}@{tenant.TenantId}.test";
        (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents", new { displayName = name, email, password = TenantSession.AdminPassword })).EnsureSuccessStatusCode();
        return (tenant.Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, email, TenantSession.AdminPassword)), email, TenantSession.AdminPassword);
    }

    private async Task<HttpStatusCode> SignInStatus(TenantSession tenant, string email, string password) =>
        (await chat.Web.Http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/sessions", new { email, password })).StatusCode;

    private static async Task Send(HttpClient http, ConversationKey conversation, string text) =>
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync(Path(conversation, "messages"), new { clientMessageId = Guid.NewGuid().ToString("N"), text })).StatusCode);

    private static string Path(ConversationKey conversation, string rest) =>
        $"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId:N}/{rest}";

    private static string Me(TenantSession tenant, string rest) => $"/api/tenants/{tenant.TenantId}/agents/me/{rest}";
}
