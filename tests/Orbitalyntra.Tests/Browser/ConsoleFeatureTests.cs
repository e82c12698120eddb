using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Browser;

/// <summary>The agent console's desk features (issue 7) in Chromium, against the real web host and a two-silo cluster.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ConsoleFeatureTests(ChatCluster chat)
{
    private const string AgentPassword = "second agent password, long enough";

    [Fact]
    public async Task Switching_presence_to_away_and_online_shows_in_the_inbox_with_load_and_capacity() =>
        await BrowserScenario.Run("console-presence.mjs", chat.Web, await chat.NewTenant());

    [Fact]
    public async Task After_a_flood_the_inbox_shows_its_first_page_and_the_count_and_stays_right_as_it_changes()
    {
        var tenant = await chat.NewTenant();
        await tenant.StartConversationsOfManyVisitors(Orbitalyntra.Desk.InboxRules.PageSize + 10);

        await BrowserScenario.Run("console-inbox-page.mjs", chat.Web, tenant);
    }

    [Fact]
    public async Task A_waiting_conversation_is_claimed_transferred_to_a_second_agent_and_resolved()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        await Heartbeat(admin, tenant, capacity: 1);
        var assignedToAdmin = (await tenant.VisitorConversation()).Key;

        var second = await AddAgent(tenant, "Bea Second");
        using var secondAgent = tenant.Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, second.Email, AgentPassword));
        await Heartbeat(secondAgent, tenant, capacity: 1);
        var assignedToSecond = (await tenant.VisitorConversation()).Key;
        var waiting = (await tenant.VisitorConversation()).Key;

        var inbox = (await admin.GetFromJsonAsync<Orbitalyntra.Desk.InboxView>($"/api/tenants/{tenant.TenantId}/inbox", WebHost.Json))!;
        Assert.Equal([waiting.ConversationId], inbox.Waiting);
        Assert.Contains(new Orbitalyntra.Desk.Assignment(assignedToAdmin.ConversationId, tenant.SignUp.Admin.AgentId), inbox.Assigned);
        Assert.Contains(new Orbitalyntra.Desk.Assignment(assignedToSecond.ConversationId, second.AgentId), inbox.Assigned);

        await BrowserScenario.Run("console-routing.mjs", chat.Web, tenant, new Dictionary<string, string>
        {
            ["ORBITALYNTRA_WAITING"] = waiting.ConversationId.ToString(),
            ["ORBITALYNTRA_SECOND_AGENT"] = second.AgentId,
        });
    }

    [Fact]
    public async Task A_private_note_stays_with_the_staff_and_canned_answers_reach_the_visitor()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        foreach (var (shortcut, text) in new[] { ("sorry", "Sorry for the wait! Let me check that for you."), ("bye", "Thanks for chatting with us!") })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/canned-answers", new { shortcut, text })).StatusCode);
        }

        await BrowserScenario.PutAdminOnline(tenant);
        await BrowserScenario.Run("console-notes.mjs", chat.Web, tenant);
    }

    [Fact]
    public async Task A_long_history_opens_on_the_newest_page_and_pages_back_showing_each_message_once()
    {
        var tenant = await chat.NewTenant();
        using (var admin = tenant.AsAdmin())
        {
            // 120 messages at once are a flood to the default quota (30 a minute); this test is about paging.
            var limits = Orbitalyntra.Quotas.QuotaLimits.Default with { VisitorMessagesPerMinute = 600 };
            (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/quotas", limits)).EnsureSuccessStatusCode();
        }

        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        for (var n = 1; n <= 120; n++)
        {
            var posted = await visitor.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/conversations/{conversation.ConversationId}/messages",
                new { clientMessageId = $"m{n}", text = $"Message {n}" });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        await BrowserScenario.Run("console-history.mjs", chat.Web, tenant, new Dictionary<string, string>
        {
            ["ORBITALYNTRA_CONVERSATION"] = conversation.ConversationId.ToString(),
        });
    }

    [Fact]
    public async Task The_visitors_pages_and_device_show_in_the_side_panel_and_the_read_is_audited()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        await AdminPagesTests.GiveAnalyticsConsent(tenant, visitor.AccessToken);
        using (var http = tenant.Bearer(visitor.AccessToken))
        {
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
            foreach (var (path, title, time) in new[] { ("/", "Shop", 5000), ("/pricing", "Pricing", 12000) })
            {
                var view = await http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/page-views",
                    new { url = $"https://shop.example{path}?utm=x", title, referrer = "https://search.example/", timeOnPageMs = time });
                Assert.Equal(HttpStatusCode.Accepted, view.StatusCode);
            }
        }

        var conversation = await tenant.StartConversation(visitor.AccessToken);
        await Post(tenant.Bearer(visitor.AccessToken), conversation, "messages", "Do you ship to Norway?");
        await Post(tenant.AsAdmin(), conversation, "messages", "We do! Delivery takes 3–5 days.");
        await Post(tenant.AsAdmin(), conversation, "notes", "Looked at pricing twice: offer the yearly plan.");
        var withoutConsent = (await tenant.VisitorConversation()).Key;

        await BrowserScenario.Run("console-visitor.mjs", chat.Web, tenant, new Dictionary<string, string>
        {
            ["ORBITALYNTRA_VISITOR"] = visitor.VisitorId,
            ["ORBITALYNTRA_CONVERSATION"] = conversation.ConversationId.ToString(),
            ["ORBITALYNTRA_NO_CONSENT_CONVERSATION"] = withoutConsent.ConversationId.ToString(),
        });
    }

    private static async Task Heartbeat(HttpClient agent, TenantSession tenant, int capacity) =>
        (await agent.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/presence", new { status = "online", capacity })).EnsureSuccessStatusCode();

    private static async Task Post(HttpClient http, ConversationKey conversation, string kind, string text)
    {
        using (http)
        {
            var posted = await http.PostAsJsonAsync($"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId}/{kind}",
                new { clientMessageId = Guid.NewGuid().ToString("N"), text });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }
    }

    [Fact]
    public async Task An_agent_rectifies_confirms_downloads_and_erases_their_own_account_and_the_last_administrator_is_refused()
    {
        var tenant = await chat.NewTenant();
        var agentEmail = $"zoe-{Guid.NewGuid():N}@{tenant.TenantId}.test";
        using (var admin = tenant.AsAdmin())
        {
            (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
                new { displayName = "Zoe", email = agentEmail, password = TenantSession.AdminPassword, role = "agent" })).EnsureSuccessStatusCode();
        }

        var newEmail = $"zoe-new-{Guid.NewGuid():N}@{tenant.TenantId}.test";
        await BrowserScenario.Run("console-account.mjs", chat.Web, tenant, new Dictionary<string, string>
        {
            ["ORBITALYNTRA_MAIL_API"] = MailDev.ApiAddress.ToString(),
            ["ORBITALYNTRA_AGENT2_EMAIL"] = agentEmail,
            ["ORBITALYNTRA_NEW_EMAIL"] = newEmail,
        });

        using var stillAdmin = tenant.AsAdmin();
        var agents = await stillAdmin.GetFromJsonAsync<List<AgentProfile>>($"/api/tenants/{tenant.TenantId}/agents", WebHost.Json);
        Assert.Equal([tenant.SignUp.Admin.AgentId], agents!.Select(a => a.AgentId));
    }

    [Fact]
    public async Task Administrators_set_up_the_required_second_factor_at_sign_in_and_an_agent_turns_theirs_on_in_French()
    {
        var tenant = await chat.NewTenant();
        var agentEmail = $"sam-{Guid.NewGuid():N}@{tenant.TenantId}.test";
        using (var admin = tenant.AsAdmin())
        {
            (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
                new { displayName = "Sam", email = agentEmail, password = TenantSession.AdminPassword, role = "agent" })).EnsureSuccessStatusCode();
            var settings = (await admin.GetFromJsonAsync<TenantSettings>($"/api/tenants/{tenant.TenantId}/settings", WebHost.Json))!;
            (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", settings with { AdminsNeedSecondFactor = true }, WebHost.Json))
                .EnsureSuccessStatusCode();
        }

        await BrowserScenario.Run("console-second-factor.mjs", chat.Web, tenant, new Dictionary<string, string> { ["ORBITALYNTRA_AGENT2_EMAIL"] = agentEmail });

        using var stillAdmin = tenant.AsAdmin();
        var agents = await stillAdmin.GetFromJsonAsync<List<AgentProfile>>($"/api/tenants/{tenant.TenantId}/agents", WebHost.Json);
        Assert.All(agents!, agent => Assert.True(agent.SecondFactorEnabled, agent.DisplayName));
    }

    private static async Task<AgentProfile> AddAgent(TenantSession tenant, string displayName)
    {
        using var admin = tenant.AsAdmin();
        var added = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
            new { displayName, email = $"second@{tenant.TenantId}.test", password = AgentPassword, role = "agent" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (await added.Content.ReadFromJsonAsync<AgentProfile>(WebHost.Json))!;
    }
}
