using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;
using Orbitalyntra.Tests.Retention;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>
/// Closing a tenant (docs/decisions/0033): every credential refused at once, everything back after a reopening within
/// the grace period, and after it (a clock travelled weeks ahead) nothing of the tenant left in storage but its closure
/// record, while another tenant is untouched.
/// </summary>
[Collection(RetentionClusterCollection.Name)]
public sealed class ClosureTests(RetentionCluster cluster)
{
    [Fact]
    public async Task Closing_a_tenant_refuses_every_credential_at_once_and_sends_no_mail_for_it()
    {
        var tenant = await cluster.NewTenant();
        var (agentEmail, agentToken) = await NewAgent(tenant);
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var cookieAdmin = await CookieSession(tenant, tenant.SignUp.Admin.Email);
        await using var hub = await ChatClient.Connect(cluster.Web, visitorToken);
        await hub.Join(conversation);
        using var admin = tenant.AsAdmin();
        var before = await admin.GetFromJsonAsync<ClosureApi.ClosureStatus>(Closure(tenant), WebHost.Json);
        Assert.Equal((false, 30d), (before!.Closed, before.GracePeriodDays));

        // Closing needs an administrator's password, checked again: a wrong or missing one, or an API key, changes nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(Closure(tenant), new { })).StatusCode);
        var wrong = await admin.PostAsJsonAsync(Closure(tenant), new { password = "not the password at all" });
        Assert.Equal((HttpStatusCode.Unauthorized, "application/problem+json"), (wrong.StatusCode, wrong.Content.Headers.ContentType?.MediaType));
        using var apiKey = tenant.WithApiKey();
        Assert.Equal(HttpStatusCode.Forbidden, (await apiKey.PostAsJsonAsync(Closure(tenant), new { password = TenantSession.AdminPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await apiKey.GetAsync(Profile(tenant))).StatusCode);

        var closed = await admin.PostAsJsonAsync(Closure(tenant), new { password = TenantSession.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var closure = (await closed.Content.ReadFromJsonAsync<ClosureApi.ClosureStatus>(WebHost.Json))!;
        Assert.True(closure.Closed);
        Assert.Equal(closure.ClosedAt!.Value.AddDays(30), closure.DeleteAt);

        // At once: API key, agent and visitor tokens, new visitor tokens, agent sign-in, anonymous counting, the hub.
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiKey.GetAsync(Profile(tenant))).StatusCode);
        using (var agent = tenant.Bearer(agentToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync(Profile(tenant))).StatusCode);
        }

        using (var visitor = tenant.Bearer(visitorToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.PostAsync($"/api/tenants/{tenant.TenantId}/conversations", null)).StatusCode);
        }

        var token = await cluster.Web.Http.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = tenant.SignUp.WidgetKey });
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Contains("closed", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var agentSignIn = await cluster.Web.Http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/sessions", new { email = agentEmail, password = TenantSession.AdminPassword });
        Assert.Equal(HttpStatusCode.Forbidden, agentSignIn.StatusCode);
        var anonymous = await cluster.Web.Http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/page-views/anonymous", new { url = "https://example.test/a" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.Send(conversation, "after-closing", "still there?"));
        Assert.Contains(Orbitalyntra.Web.Security.ClosedTenants.Title, refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(async () => await ChatClient.Connect(cluster.Web, visitorToken));

        // The administrators' sessions reach the closure alone: its status and the export, not the rest.
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(Profile(tenant))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cookieAdmin.GetAsync(Profile(tenant))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookieAdmin.GetAsync(Closure(tenant))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiKey.GetAsync($"{Closure(tenant)}/export")).StatusCode);
        var export = await admin.GetFromJsonAsync<ClosureApi.TenantExport>($"{Closure(tenant)}/export", WebHost.Json);
        Assert.Contains(export!.Conversations, c => c.Summary.ConversationId == conversation.ConversationId);

        // Mail for the closed tenant waits; the same mail for an open tenant goes.
        var open = await cluster.NewTenant();
        var alert = await Alert(tenant);
        await Alert(open);
        await MailDev.Received(open.SignUp.Admin.Email, IsAlert, "the open tenant's alert");
        Assert.Contains(await Outbox(tenant).Pending(), p => p.Id == alert);
        Assert.DoesNotContain(await MailDev.To(tenant.SignUp.Admin.Email), IsAlert);
    }

    [Fact]
    public async Task Reopening_within_the_grace_period_brings_every_credential_and_the_held_mail_back()
    {
        var tenant = await cluster.NewTenant();
        var (agentEmail, agentToken) = await NewAgent(tenant);
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var admin = tenant.AsAdmin();
        (await admin.PostAsJsonAsync(Closure(tenant), new { password = TenantSession.AdminPassword })).EnsureSuccessStatusCode();
        await Alert(tenant);
        using var apiKey = tenant.WithApiKey();
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiKey.GetAsync(Profile(tenant))).StatusCode);

        // An administrator signs in while the tenant is closed, and reopens it.
        var adminAgain = await TenantSession.SignIn(cluster.Web, tenant.TenantId, tenant.SignUp.Admin.Email, TenantSession.AdminPassword);
        using var reopener = tenant.Bearer(adminAgain);
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiKey.DeleteAsync(Closure(tenant))).StatusCode);
        var reopened = await reopener.DeleteAsync(Closure(tenant));
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.False((await reopened.Content.ReadFromJsonAsync<ClosureApi.ClosureStatus>(WebHost.Json))!.Closed);
        Assert.Equal(HttpStatusCode.Conflict, (await reopener.DeleteAsync(Closure(tenant))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await apiKey.GetAsync(Profile(tenant))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Profile(tenant))).StatusCode);
        using (var agent = tenant.Bearer(agentToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(Profile(tenant))).StatusCode);
        }

        await TenantSession.SignIn(cluster.Web, tenant.TenantId, agentEmail, TenantSession.AdminPassword);
        await tenant.NewVisitor();
        await using var hub = await ChatClient.Connect(cluster.Web, visitorToken);
        await hub.Join(conversation);
        Assert.Equal(1, (await hub.Send(conversation, "after-reopening", "back again")).Sequence);
        await MailDev.Received(tenant.SignUp.Admin.Email, IsAlert, "the alert held while closed");
    }

    [Fact]
    public async Task A_legal_hold_keeps_a_closed_tenant_past_its_grace_period_and_its_lift_lets_the_deletion_go_on()
    {
        var tenant = await cluster.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Hortense", conversations: 1);
        using var operators = await cluster.Web.SignedInOperator();
        var placed = await operators.PostAsJsonAsync($"/api/operators/tenants/{tenant.TenantId}/holds", new { scope = "conversation", targetId = person.Conversations[0].ConversationId.ToString("N"), reason = "Dispute 2026-118" });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var hold = (await placed.Content.ReadFromJsonAsync<Orbitalyntra.Retention.LegalHold>(WebHost.Json))!;
        using var admin = tenant.AsAdmin();
        (await admin.PostAsJsonAsync(Closure(tenant), new { password = TenantSession.AdminPassword })).EnsureSuccessStatusCode();

        cluster.Clock.Travel(TimeSpan.FromDays(31));

        // Past its grace period, the deletion waits and says so; the held conversation is still there to read.
        var waiting = await Eventually.Succeeds(async () =>
        {
            var status = await admin.GetFromJsonAsync<ClosureApi.ClosureStatus>(Closure(tenant), WebHost.Json);
            Assert.NotNull(status!.DeletionHeldSince);
            return status;
        }, TimeSpan.FromSeconds(60));
        Assert.True(waiting.Closed);
        string[] needles = [person.Conversations[0].ConversationId.ToString("N"), person.SubjectId];
        Assert.Contains(await AzuriteScan.Find(needles), location => location.Contains("table messages ", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await operators.DeleteAsync($"/api/operators/tenants/{tenant.TenantId}/holds/{hold.HoldId:N}")).StatusCode);
        await Eventually.Succeeds(async () => Assert.Empty(await AzuriteScan.Find(needles)), TimeSpan.FromSeconds(90));
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync(Closure(tenant))).StatusCode);
    }

    [Fact]
    public async Task After_the_grace_period_nothing_of_the_tenant_is_left_in_storage_but_its_closure_record_and_another_tenant_is_untouched()
    {
        var tenant = await cluster.NewTenant();
        var (_, agentToken) = await NewAgent(tenant);
        var person = await TestPerson.Chatting(tenant, "Clotilde", conversations: 2);
        await person.SendFile(person.Conversations[0]);
        using (var visitor = tenant.Bearer(person.Token))
        {
            (await visitor.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/consents", new { purpose = "analytics", granted = true, source = "widget banner" })).EnsureSuccessStatusCode();
            var viewed = await visitor.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/page-views", new { url = "https://example.test/pricing", title = "Pricing" });
            Assert.True((await viewed.Content.ReadFromJsonAsync<Orbitalyntra.Visitors.TrackingOutcome>(WebHost.Json))!.Recorded);
        }

        using var admin = tenant.AsAdmin();
        (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/faq/articles", new
        {
            language = "en", title = "How to close", body = "Close it from the administration page.", tags = Array.Empty<string>(), category = "account",
        })).EnsureSuccessStatusCode();
        var agents = (await admin.GetFromJsonAsync<List<AgentProfile>>($"/api/tenants/{tenant.TenantId}/agents", WebHost.Json))!.Select(a => a.AgentId).ToList();
        var other = await cluster.NewTenant();
        var neighbour = await TestPerson.Chatting(other, "Norbert", conversations: 1);

        string[] needles =
        [
            tenant.TenantId, person.SubjectId, .. agents, .. person.Conversations.Select(c => c.ConversationId.ToString("N")),
            .. person.Conversations.Select(person.Said), person.FileSays(person.Conversations[0]),
        ];
        var stored = await AzuriteScan.Find(needles);
        foreach (var place in new[] { "blob grainstate/", "blob files/", "table messages ", "table subjectplaces ", "table retention ", "table audit ", "table OrleansReminders " })
        {
            Assert.Contains(stored, location => location.Contains(place, StringComparison.Ordinal));
        }

        var export = await admin.GetFromJsonAsync<ClosureApi.TenantExport>($"{Closure(tenant)}/export", WebHost.Json);
        Assert.Equal(2, export!.Conversations.Count);
        Assert.Contains(export.Conversations.SelectMany(c => c.Messages), m => m.Text == person.Said(person.Conversations[1]));
        Assert.Contains(export.Subjects, s => s.SubjectId == person.SubjectId);
        Assert.Contains(export.FaqArticles, a => a.Content.Title == "How to close");
        (await admin.PostAsJsonAsync(Closure(tenant), new { password = TenantSession.AdminPassword })).EnsureSuccessStatusCode();

        cluster.Clock.Travel(TimeSpan.FromDays(31));

        var kept = $"table closures {tenant.TenantId}/closure";
        var left = await Eventually.Succeeds(async () =>
        {
            var found = await AzuriteScan.Find(needles);
            Assert.All(found, location => Assert.EndsWith(kept, location, StringComparison.Ordinal));
            Assert.NotEmpty(found);
            return found;
        }, TimeSpan.FromSeconds(90));
        Assert.All(left, location => Assert.StartsWith($"'{tenant.TenantId}'", location, StringComparison.Ordinal));

        // Nothing answers for the tenant any more; the other tenant works as before, its data whole.
        Assert.Equal(HttpStatusCode.Unauthorized, (await tenant.WithApiKey().GetAsync(Profile(tenant))).StatusCode);
        var signIn = await cluster.Web.Http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/sessions", new { email = tenant.SignUp.Admin.Email, password = TenantSession.AdminPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        using (var agent = tenant.Bearer(agentToken))
        {
            // The agent is gone with the tenant: its session no longer holds.
            Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync(Profile(tenant))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await other.WithApiKey().GetAsync(Profile(other))).StatusCode);
        var history = await neighbour.History(neighbour.Conversations[0]);
        Assert.Equal([neighbour.Said(neighbour.Conversations[0]), TestPerson.AgentSaid(neighbour.Conversations[0])], history.Select(m => m.Text));
    }

    private static bool IsAlert(MimeKit.MimeMessage mail) => mail.Kind() == nameof(NotificationKind.ApiKeyCreated);

    private static string Closure(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}/closure";

    private static string Profile(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}";

    private INotificationOutboxGrain Outbox(TenantSession tenant) => cluster.Client.GetGrain<INotificationOutboxGrain>(tenant.TenantId);

    /// <summary>Queues a security alert to the tenant's administrators, as issuing an API key does; answers its id.</summary>
    private async Task<Guid> Alert(TenantSession tenant)
    {
        var id = Guid.NewGuid();
        await Outbox(tenant).Enqueue(Notification.ToGroup(
            id, NotificationKind.ApiKeyCreated, Audience.TenantAdmins,
            (NotificationValues.KeyId, "probe"), (NotificationValues.At, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))));
        return id;
    }

    private async Task<(string Email, string Token)> NewAgent(TenantSession tenant)
    {
        var email = $"agent-{Guid.NewGuid():N}@agents.test";
        using var admin = tenant.AsAdmin();
        (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents", new { displayName = "Agnès Agent", email, password = TenantSession.AdminPassword })).EnsureSuccessStatusCode();
        return (email, await TenantSession.SignIn(cluster.Web, tenant.TenantId, email, TenantSession.AdminPassword));
    }

    private async Task<HttpClient> CookieSession(TenantSession tenant, string email)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = cluster.Web.Address };
        (await http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/sessions", new { email, password = TenantSession.AdminPassword, useCookie = true })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Profile(tenant))).StatusCode);
        return http;
    }
}
