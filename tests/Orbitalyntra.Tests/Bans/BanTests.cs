using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Bans;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Tests.Bans;

/// <summary>
/// Bans of visitors (docs/decisions/0049): an agent bans a conversation's visitor, perhaps with their network; the banned
/// visitor or network gets no token, no renewal, and every request and hub call is refused with 403 until the ban ends or
/// an administrator lifts it; a ban means nothing in another tenant; erasure takes the visitor out of their bans.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class BanTests(ChatCluster chat)
{
    [Fact]
    public async Task A_banned_visitor_is_refused_a_token_a_renewal_a_conversation_and_a_message_over_REST_and_the_hub_until_an_administrator_lifts_it()
    {
        using var bans = new CountedMeasurements("orbitalyntra.bans.refusals", "scope");
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        var conversation = await tenant.StartConversation(visitor.AccessToken);
        await using var widget = await ChatClient.Connect(chat.Web, visitor.AccessToken);
        await widget.Join(conversation);
        using var admin = tenant.AsAdmin();

        var ban = await Ban(admin, conversation, new { duration = "oneDay", reason = "insults" });
        Assert.Equal(visitor.VisitorId, ban.VisitorId);
        Assert.False(ban.CoversNetwork);
        Assert.InRange(ban.Until - ban.At, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));

        var stored = (await chat.Conversation(conversation).GetSummary())!.LastSequence;
        using var asVisitor = tenant.Bearer(visitor.AccessToken);
        await AssertBanned(await asVisitor.PostAsJsonAsync(MessagesPath(conversation), new { clientMessageId = "m1", text = "hello?" }));
        await AssertBanned(await asVisitor.PostAsync($"/api/tenants/{tenant.TenantId}/conversations", null));
        await AssertBanned(await asVisitor.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = tenant.SignUp.WidgetKey }));
        var onHub = await Assert.ThrowsAsync<HubException>(() => widget.Send(conversation, "m2", "hello?"));
        Assert.Contains(VisitorBanGate.Title, onHub.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(async () => await ChatClient.Connect(chat.Web, visitor.AccessToken));
        Assert.True(bans.Of("visitor") >= 5, $"{bans.Of("visitor")} refusals counted in metrics");

        // Only that visitor: another visitor of the same network, and the tenant's staff, carry on; nothing was stored.
        var other = await tenant.NewVisitor();
        await tenant.StartConversation(other.AccessToken);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(MessagesPath(conversation), new { clientMessageId = "a1", text = "Bye." })).StatusCode);
        Assert.Equal(stored + 1, (await chat.Conversation(conversation).GetSummary())!.LastSequence);

        var listed = (await admin.GetFromJsonAsync<BansApi.BanList>(BansPath(tenant), WebHost.Json))!.Bans;
        Assert.Equal(ban, Assert.Single(listed));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{BansPath(tenant)}/{ban.BanId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{BansPath(tenant)}/{ban.BanId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await asVisitor.PostAsJsonAsync(MessagesPath(conversation), new { clientMessageId = "m3", text = "sorry" })).StatusCode);
    }

    [Fact]
    public async Task A_ban_of_the_network_refuses_another_visitor_of_the_same_24_but_not_another_network_nor_the_same_network_in_another_tenant()
    {
        await using var proxied = await ProxiedHost();
        var tenant = await chat.NewTenant();
        var otherTenant = await chat.NewTenant();
        var (visitor, conversation) = await VisitorFrom(proxied, tenant, "203.0.113.7");
        var elsewhere = await TokenFrom(proxied, tenant, "198.51.100.7");
        using var admin = tenant.AsAdmin();

        var ban = await Ban(admin, conversation, new { duration = "oneHour", network = true });
        Assert.True(ban.CoversNetwork);
        Assert.Equal(visitor.VisitorId, ban.VisitorId);

        await AssertBanned(await AskToken(proxied, tenant, "203.0.113.99"));
        await AssertBanned(await StartFrom(proxied, tenant, elsewhere.AccessToken, "203.0.113.200"));
        Assert.Equal(HttpStatusCode.Created, (await StartFrom(proxied, tenant, elsewhere.AccessToken, "198.51.100.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AskToken(proxied, tenant, "198.51.100.8")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AskToken(proxied, otherTenant, "203.0.113.99")).StatusCode);
        Assert.Empty((await otherTenant.AsAdmin().GetFromJsonAsync<BansApi.BanList>(BansPath(otherTenant), WebHost.Json))!.Bans);
    }

    [Fact]
    public async Task A_ban_ends_by_itself()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        await chat.Client.VisitorBans(tenant.TenantId).Ban(new BanOrder(visitor.VisitorId, null, DateTimeOffset.UtcNow.AddSeconds(3), "agent", null));
        using var asVisitor = tenant.Bearer(visitor.AccessToken);
        await AssertBanned(await asVisitor.PostAsync($"/api/tenants/{tenant.TenantId}/conversations", null));

        await Eventually.Succeeds(async () =>
            Assert.Equal(HttpStatusCode.Created, (await asVisitor.PostAsync($"/api/tenants/{tenant.TenantId}/conversations", null)).StatusCode), TimeSpan.FromSeconds(30));
        Assert.Empty((await tenant.AsAdmin().GetFromJsonAsync<BansApi.BanList>(BansPath(tenant), WebHost.Json))!.Bans);
    }

    [Fact]
    public async Task Erasing_a_banned_visitor_takes_them_out_of_their_bans_while_a_ban_of_their_network_runs_to_its_end()
    {
        await using var proxied = await ProxiedHost();
        var tenant = await chat.NewTenant();
        var (visitor, conversation) = await VisitorFrom(proxied, tenant, "203.0.113.7");
        var (quiet, quietConversation) = await VisitorFrom(proxied, tenant, "192.0.2.10");
        using var admin = tenant.AsAdmin();
        await Ban(admin, conversation, new { duration = "sevenDays", network = true, reason = "spam" });
        await Ban(admin, quietConversation, new { duration = "oneDay" });
        var export = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tenants/{tenant.TenantId}/subjects/{visitor.VisitorId}/export");
        Assert.Equal("spam", export.GetProperty("bans")[0].GetProperty("reason").GetString());

        foreach (var erased in new[] { visitor.VisitorId, quiet.VisitorId })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/tenants/{tenant.TenantId}/subjects/{erased}/erasure", null)).StatusCode);
        }

        var left = Assert.Single((await admin.GetFromJsonAsync<BansApi.BanList>(BansPath(tenant), WebHost.Json))!.Bans);
        Assert.Null(left.VisitorId);
        Assert.Null(left.Reason);
        Assert.True(left.CoversNetwork);
        await AssertBanned(await AskToken(proxied, tenant, "203.0.113.50"));
        Assert.Equal(HttpStatusCode.OK, (await AskToken(proxied, tenant, "192.0.2.10")).StatusCode);
    }

    [Fact]
    public async Task Only_the_tenants_staff_ban_only_administrators_list_and_lift_and_a_bad_ban_is_refused_by_field()
    {
        var tenant = await chat.NewTenant();
        var intruder = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var admin = tenant.AsAdmin();

        using var foreign = intruder.AsAdmin();
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.PostAsJsonAsync(BansOf(conversation), new { duration = "oneHour" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync(BansPath(tenant))).StatusCode);
        using var asVisitor = tenant.Bearer(visitorToken);
        Assert.Equal(HttpStatusCode.NotFound, (await asVisitor.PostAsJsonAsync(BansOf(conversation), new { duration = "oneHour" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asVisitor.GetAsync(BansPath(tenant))).StatusCode);

        foreach (var (bad, field) in new (object, string)[]
        {
            (new { }, "duration"), (new { duration = "oneHour", reason = "a\u0000b" }, "reason"),
            (new { duration = "oneHour", reason = new string('x', BanDurations.MaxReasonLength + 1) }, "reason"),
        })
        {
            var refused = await admin.PostAsJsonAsync(BansOf(conversation), bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.ContainsKey(field), field);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(BansOf(conversation), new { duration = "forever" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync(BansOf(new ConversationKey(tenant.TenantId, Guid.NewGuid())), new { duration = "oneHour" })).StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<BansApi.BanList>(BansPath(tenant), WebHost.Json))!.Bans);
    }

    private static async Task<BansApi.BanView> Ban(HttpClient staff, ConversationKey conversation, object request)
    {
        var response = await staff.PostAsJsonAsync(BansOf(conversation), request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BansApi.BanView>(WebHost.Json))!;
    }

    private static async Task AssertBanned(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal(VisitorBanGate.Title, problem.Title);
        Assert.Equal(VisitorBanGate.Refusal, problem.Detail);
    }

    /// <summary>A host that believes the loopback proxy's <c>X-Forwarded-For</c>, so that a test chooses each request's client address.</summary>
    private Task<WebHost> ProxiedHost() => WebHost.Start(chat.ClusterId, chat.ServiceId, new Dictionary<string, string>
    {
        ["Web:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    });

    private static async Task<(WidgetApi.VisitorToken Visitor, ConversationKey Conversation)> VisitorFrom(WebHost host, TenantSession tenant, string address)
    {
        var visitor = await TokenFrom(host, tenant, address);
        var started = await StartFrom(host, tenant, visitor.AccessToken, address);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var summary = (await started.Content.ReadFromJsonAsync<ConversationSummary>(WebHost.Json))!;
        return (visitor, new ConversationKey(tenant.TenantId, summary.ConversationId));
    }

    private static async Task<WidgetApi.VisitorToken> TokenFrom(WebHost host, TenantSession tenant, string address)
    {
        var response = await AskToken(host, tenant, address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<WidgetApi.VisitorToken>(WebHost.Json))!;
    }

    private static Task<HttpResponseMessage> AskToken(WebHost host, TenantSession tenant, string address) =>
        host.Http.SendAsync(From(address, new HttpRequestMessage(HttpMethod.Post, "/api/widget/visitor-tokens") { Content = JsonContent.Create(new { widgetKey = tenant.SignUp.WidgetKey }) }));

    private static Task<HttpResponseMessage> StartFrom(WebHost host, TenantSession tenant, string visitorToken, string address)
    {
        var request = From(address, new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{tenant.TenantId}/conversations"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", visitorToken);
        return host.Http.SendAsync(request);
    }

    private static HttpRequestMessage From(string address, HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    private static string BansPath(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}/bans";

    private static string BansOf(ConversationKey conversation) => $"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId}/bans";

    private static string MessagesPath(ConversationKey conversation) => $"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId}/messages";
}
