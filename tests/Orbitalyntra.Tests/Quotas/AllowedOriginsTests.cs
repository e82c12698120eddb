using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Quotas;

/// <summary>
/// The websites allowed to use a widget key (docs/decisions/0044): administrators list them; visitor tokens are issued,
/// and visitors join the hub, only from those; an empty list allows any website.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AllowedOriginsTests(ChatCluster chat)
{
    private const string Shop = "https://shop.example";

    [Fact]
    public async Task With_no_list_any_website_and_a_request_without_origin_get_visitor_tokens()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        Assert.Empty((await admin.GetFromJsonAsync<WidgetApi.AllowedOrigins>(OriginsPath(tenant), WebHost.Json))!.Origins!);

        Assert.Equal(HttpStatusCode.OK, (await AskToken(tenant, "https://anywhere.example")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AskToken(tenant, origin: null)).StatusCode);
    }

    [Fact]
    public async Task Once_listed_only_those_websites_get_visitor_tokens_and_join_the_hub_while_staff_connect_from_anywhere()
    {
        var tenant = await chat.NewTenant();
        var earlier = await tenant.NewVisitor();
        using var admin = tenant.AsAdmin();
        var set = await admin.PutAsJsonAsync(OriginsPath(tenant), new { origins = new[] { "HTTPS://Shop.Example", "http://localhost:8080", Shop } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal([Shop, "http://localhost:8080"], (await set.Content.ReadFromJsonAsync<WidgetApi.AllowedOrigins>(WebHost.Json))!.Origins!);

        var allowed = await AskToken(tenant, Shop);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        foreach (var origin in new[] { "https://evil.example", "https://shop.example.evil.example", "http://shop.example", null })
        {
            var refused = await AskToken(tenant, origin);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("not allowed to use the organisation's widget key", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
        }

        var token = (await allowed.Content.ReadFromJsonAsync<WidgetApi.VisitorToken>(WebHost.Json))!.AccessToken;
        await using (var fromShop = await ChatClient.Connect(chat.Web, token, new Dictionary<string, string> { ["Origin"] = Shop }))
        {
            await fromShop.Join(await tenant.StartConversation(token));
        }

        // A token issued before the list, used from another website, is refused on the hub too: the connection is closed saying why.
        await using var elsewhere = await ChatClient.Connect(chat.Web, earlier.AccessToken, new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
        var closedWith = await elsewhere.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("not allowed to use the organisation's widget key", closedWith?.Message, StringComparison.Ordinal);

        await using var agent = await ChatClient.Connect(chat.Web, tenant.AdminToken, new Dictionary<string, string> { ["Origin"] = "https://console.example" });
        await agent.WatchInbox(tenant.TenantId);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(OriginsPath(tenant), new { origins = Array.Empty<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AskToken(tenant, "https://evil.example")).StatusCode);
    }

    [Fact]
    public async Task An_origin_with_a_path_or_another_scheme_is_refused_and_changes_nothing_and_only_administrators_set_them()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        foreach (var bad in new[] { "https://shop.example/path", "ftp://shop.example", "shop.example", "https://user@shop.example" })
        {
            var refused = await admin.PutAsJsonAsync(OriginsPath(tenant), new { origins = new[] { Shop, bad } });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.ContainsKey("origins"));
        }

        Assert.Empty((await admin.GetFromJsonAsync<WidgetApi.AllowedOrigins>(OriginsPath(tenant), WebHost.Json))!.Origins!);
        var visitor = await tenant.NewVisitor();
        using var asVisitor = tenant.Bearer(visitor.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await asVisitor.PutAsJsonAsync(OriginsPath(tenant), new { origins = new[] { Shop } })).StatusCode);
    }

    private Task<HttpResponseMessage> AskToken(TenantSession tenant, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/visitor-tokens") { Content = JsonContent.Create(new { widgetKey = tenant.SignUp.WidgetKey }) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return chat.Web.Http.SendAsync(request);
    }

    private static string OriginsPath(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}/widget/allowed-origins";
}
