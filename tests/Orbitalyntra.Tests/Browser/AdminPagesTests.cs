using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Browser;

/// <summary>The administration pages (<c>/admin/</c>) in Chromium, against the real web host and a two-silo cluster.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AdminPagesTests(ChatCluster chat)
{
    private const string AgentPassword = "agent password that is long enough";

    [Fact]
    public async Task The_analytics_chart_shows_the_page_views_and_the_conversation_made_before()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        await GiveAnalyticsConsent(tenant, visitor.AccessToken);
        using (var http = tenant.Bearer(visitor.AccessToken))
        {
            foreach (var path in new[] { "/", "/pricing", "/pricing" })
            {
                var view = await http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/page-views",
                    new { url = $"https://shop.example{path}", title = "Shop", referrer = "https://search.example/", timeOnPageMs = 5000 });
                Assert.Equal(HttpStatusCode.Accepted, view.StatusCode);
            }
        }

        var conversation = await tenant.StartConversation(visitor.AccessToken);
        using (var admin = tenant.AsAdmin())
        {
            var answer = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/conversations/{conversation.ConversationId:N}/messages",
                new { clientMessageId = Guid.NewGuid().ToString("N"), text = "Hello! How can I help?" });
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        }

        await BrowserScenario.Run("admin-analytics.mjs", chat.Web, tenant, new Dictionary<string, string>
        {
            ["ORBITALYNTRA_EXPECT_PAGE_VIEWS"] = "3",
            ["ORBITALYNTRA_EXPECT_VISITORS"] = "1",
            ["ORBITALYNTRA_EXPECT_CONVERSATIONS"] = "1",
        });
    }

    [Fact]
    public async Task An_administrator_publishes_the_visitor_notice_and_reads_and_downloads_the_records_of_processing() =>
        await BrowserScenario.Run("admin-privacy.mjs", chat.Web, await chat.NewTenant());

    [Fact]
    public async Task The_account_data_is_changed_and_the_organisation_closed_exported_and_reopened_from_the_page() =>
        await BrowserScenario.Run("admin-closure.mjs", chat.Web, await chat.NewTenant());

    [Fact]
    public async Task The_visitors_limits_show_with_defaults_and_maxima_and_one_past_its_maximum_is_refused_while_a_valid_one_is_saved() =>
        await BrowserScenario.Run("admin-quotas.mjs", chat.Web, await chat.NewTenant());

    [Fact]
    public async Task An_invalid_retention_shows_the_servers_message_and_a_valid_change_is_saved() =>
        await BrowserScenario.Run("admin-settings.mjs", chat.Web, await chat.NewTenant());

    [Fact]
    public async Task Requests_audit_retention_and_api_keys_show_and_a_key_is_issued_once_and_revoked()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        await GiveAnalyticsConsent(tenant, visitor.AccessToken);

        using (var admin = tenant.AsAdmin())
        {
            var request = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/subjects/{visitor.VisitorId}/requests", new { kind = "access" });
            Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        }

        await BrowserScenario.Run("admin-sections.mjs", chat.Web, tenant, new Dictionary<string, string>
        {
            ["ORBITALYNTRA_SUBJECT"] = visitor.VisitorId,
        });
    }

    [Fact]
    public async Task The_webhooks_section_adds_an_endpoint_whose_test_event_a_real_receiver_verifies_and_shows_its_result_and_log()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        var secretFile = Path.GetTempFileName();
        try
        {
            await BrowserScenario.Run("admin-webhooks.mjs", chat.Web, tenant, new Dictionary<string, string>
            {
                ["ORBITALYNTRA_WEBHOOK_URL"] = receiver.Url.ToString(),
                ["ORBITALYNTRA_SECRET_FILE"] = secretFile,
            });

            // The secret the page showed once verifies the test event, with the StandardWebhooks library.
            var test = Assert.Single(receiver.Accepted, r => r.Type == Orbitalyntra.Integrations.WebhookEvents.Test);
            var headers = new Microsoft.AspNetCore.Http.HeaderDictionary
            {
                ["webhook-id"] = test.Id, ["webhook-timestamp"] = test.Timestamp, ["webhook-signature"] = test.Signature,
            };
            Assert.Null(WebhookReceiver.Verify([await File.ReadAllTextAsync(secretFile)], test.Body, headers));
            using var admin = tenant.AsAdmin();
            Assert.Equal("[]", await admin.GetStringAsync($"/api/tenants/{tenant.TenantId}/webhooks"));
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public async Task An_agent_who_is_not_an_administrator_is_refused_with_a_clear_message()
    {
        var tenant = await chat.NewTenant();
        var email = $"agent@{tenant.TenantId}.test";
        using (var admin = tenant.AsAdmin())
        {
            var added = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
                new { displayName = "Alan Agent", email, password = AgentPassword, role = "agent" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        await BrowserScenario.Run("admin-refused.mjs", chat.Web, tenant, new Dictionary<string, string>
        {
            ["ORBITALYNTRA_PLAIN_AGENT_EMAIL"] = email,
            ["ORBITALYNTRA_PLAIN_AGENT_PASSWORD"] = AgentPassword,
        });
    }

    /// <summary>The visitor holding <paramref name="visitorToken"/> accepts analytics, as the widget's banner does.</summary>
    internal static async Task GiveAnalyticsConsent(TenantSession tenant, string visitorToken)
    {
        using var http = tenant.Bearer(visitorToken);
        (await http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/consents",
            new { purpose = "analytics", granted = true, source = "widget banner" })).EnsureSuccessStatusCode();
    }
}
