using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>
/// Credentials end before they expire (issue 19, docs/decisions/0037): signing out ends that session, a password change
/// ends every other, and an erased visitor's tokens are refused — on REST and on the hub, at once.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class EndedCredentialTests(ChatCluster chat)
{
    [Fact]
    public async Task After_sign_out_the_old_session_cookie_is_refused_while_another_session_of_the_agent_goes_on()
    {
        var tenant = await chat.NewTenant();
        var cookie = await CookieSession(tenant);
        var other = await CookieSession(tenant);
        using (var console = WithCookie(cookie))
        {
            Assert.Equal(HttpStatusCode.OK, (await console.GetAsync(TenantPath(tenant))).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await console.DeleteAsync("/api/sessions/current")).StatusCode);
        }

        using var replayed = WithCookie(cookie);
        await AssertEnded(await replayed.GetAsync(TenantPath(tenant)), "signed out");
        using var stillSignedIn = WithCookie(other);
        Assert.Equal(HttpStatusCode.OK, (await stillSignedIn.GetAsync(TenantPath(tenant))).StatusCode);
    }

    [Fact]
    public async Task A_signed_out_bearer_token_is_refused_on_REST_and_on_the_hub()
    {
        var tenant = await chat.NewTenant();
        var token = await TenantSession.SignIn(chat.Web, tenant.TenantId, tenant.SignUp.Admin.Email, TenantSession.AdminPassword);
        await using var open = await ChatClient.Connect(chat.Web, token);
        await open.WatchInbox(tenant.TenantId);
        using (var client = tenant.Bearer(token))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/sessions/current")).StatusCode);
            await AssertEnded(await client.GetAsync(TenantPath(tenant)), "signed out");
        }

        var refused = await Assert.ThrowsAsync<HubException>(() => open.WatchInbox(tenant.TenantId));
        Assert.Contains("session has ended", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(async () => await ChatClient.Connect(chat.Web, token));
    }

    [Fact]
    public async Task Open_hub_connections_whose_session_ended_or_whose_visitor_was_erased_or_banned_are_closed_and_get_nothing_more()
    {
        // A host of its own that checks open connections every second (the shared hosts do not, see WebHost).
        await using var web = await WebHost.Start(chat.ClusterId, chat.ServiceId, new Dictionary<string, string>
        {
            ["Web:HubCalls:CredentialCheckSeconds"] = "1",
        });
        var tenant = await TenantSession.Create(web);
        var visitor = await tenant.NewVisitor();
        var conversation = await tenant.StartConversation(visitor.AccessToken);
        var stolen = await TenantSession.SignIn(web, tenant.TenantId, tenant.SignUp.Admin.Email, TenantSession.AdminPassword);
        await using var thief = await ChatClient.Connect(web, stolen);
        await thief.Join(conversation);
        await using var agent = await ChatClient.Connect(web, tenant.AdminToken);
        await agent.Join(conversation);
        await using var widget = await ChatClient.Connect(web, visitor.AccessToken);
        await widget.Send(conversation, "before", "Bonjour");
        Assert.Equal("before", Assert.Single(await thief.Receive(1)).ClientMessageId);

        // The owner changes the password: the session opened with the stolen token ends, and so does its socket.
        using (var owner = tenant.AsAdmin())
        {
            var change = await owner.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents/me/password",
                new { currentPassword = TenantSession.AdminPassword, newPassword = "a brand new long password" });
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        }

        await thief.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(30)); // issued before the change too
        await widget.Send(conversation, "after", "Vous êtes là ?");

        // The visitor's data erased by the tenant: the widget's socket is closed too; so is a banned visitor's (decision 0049).
        var troll = await tenant.NewVisitor();
        var trolling = await tenant.StartConversation(troll.AccessToken);
        await using var trollWidget = await ChatClient.Connect(web, troll.AccessToken);
        await trollWidget.Join(trolling);
        using (var admin = tenant.Bearer(await TenantSession.SignIn(web, tenant.TenantId, tenant.SignUp.Admin.Email, "a brand new long password")))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/tenants/{tenant.TenantId}/subjects/{visitor.VisitorId}/erasure", null)).StatusCode);
            var ban = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/conversations/{trolling.ConversationId}/bans", new { duration = "oneHour" });
            Assert.Equal(HttpStatusCode.Created, ban.StatusCode);
        }

        await widget.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        await trollWidget.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(thief.ReceivedIn(conversation), message => message.ClientMessageId == "after");
    }

    [Fact]
    public async Task A_password_change_ends_every_other_session_and_renews_the_cookie_of_the_console_that_made_it()
    {
        var tenant = await chat.NewTenant();
        var cookie = await CookieSession(tenant);
        using var elsewhere = tenant.Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, tenant.SignUp.Admin.Email, TenantSession.AdminPassword));
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync(TenantPath(tenant))).StatusCode);

        using var console = WithCookie(cookie);
        var change = await console.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents/me/password",
            new { currentPassword = TenantSession.AdminPassword, newPassword = "a brand new long password" });
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        await AssertEnded(await elsewhere.GetAsync(TenantPath(tenant)), "password changed");
        using var oldCookie = WithCookie(cookie);
        await AssertEnded(await oldCookie.GetAsync(TenantPath(tenant)), "password changed");
        using var renewed = WithCookie(SessionCookie(change));
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync(TenantPath(tenant))).StatusCode);
    }

    [Fact]
    public async Task An_erased_visitors_token_is_refused_and_renewing_it_gives_an_unrelated_visitor()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Eve");
        await using var widget = await ChatClient.Connect(chat.Web, person.Token);
        await widget.Join(person.Conversations[0]);
        using var admin = tenant.AsAdmin();
        (await admin.PostAsync($"/api/tenants/{tenant.TenantId}/subjects/{person.SubjectId}/erasure", null)).EnsureSuccessStatusCode();

        using var visitor = tenant.Bearer(person.Token);
        await AssertEnded(await visitor.PostAsync($"/api/tenants/{tenant.TenantId}/conversations", null), "erased");
        await AssertEnded(await visitor.GetAsync($"/api/tenants/{tenant.TenantId}/visitors/me/privacy"), "erased");
        var refused = await Assert.ThrowsAsync<HubException>(() => widget.Send(person.Conversations[0], "after-erasure", "still here?"));
        Assert.Contains("erased", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(async () => await ChatClient.Connect(chat.Web, person.Token));

        var renewal = await visitor.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = tenant.SignUp.WidgetKey });
        Assert.Equal(HttpStatusCode.OK, renewal.StatusCode);
        var renewed = (await renewal.Content.ReadFromJsonAsync<WidgetApi.VisitorToken>(WebHost.Json))!;
        Assert.NotEqual(person.SubjectId, renewed.VisitorId);
        using var newVisitor = tenant.Bearer(renewed.AccessToken);
        Assert.Equal(HttpStatusCode.Created, (await newVisitor.PostAsync($"/api/tenants/{tenant.TenantId}/conversations", null)).StatusCode);
    }

    private static string TenantPath(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}";

    private async Task<string> CookieSession(TenantSession tenant)
    {
        var response = await chat.Web.Http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/sessions",
            new { email = tenant.SignUp.Admin.Email, password = TenantSession.AdminPassword, useCookie = true });
        response.EnsureSuccessStatusCode();
        return SessionCookie(response);
    }

    /// <summary>The session cookie a response set, as a browser would send it back.</summary>
    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]).Single(cookie => cookie.StartsWith("orbitalyntra.session=", StringComparison.Ordinal));

    private HttpClient WithCookie(string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = chat.Web.Address };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task AssertEnded(HttpResponseMessage response, string why)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: expected 401, got {(int)response.StatusCode}");
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("The credential has ended.", problem.Title);
    }
}
