using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>
/// What the host promises behind a TLS-terminating proxy (issue 19): the proxy's word on the scheme and the client's
/// address is taken from configured proxies only; over HTTPS the session cookie is Secure and HSTS is sent; no response
/// leaks its address as a referrer; the public rate limit says when to retry and counts an IPv6 /64 as one client.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class TransportSecurityTests(ChatCluster chat)
{
    private const string PublicHost = "chat.example.test";

    [Fact]
    public async Task Behind_a_trusted_proxy_HTTPS_gets_HSTS_and_a_Secure_cookie_and_an_untrusted_source_cannot_claim_HTTPS()
    {
        await using var proxied = await WebHost.Start(chat.ClusterId, chat.ServiceId, new Dictionary<string, string>
        {
            ["Web:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        var tenant = await TenantSession.Create(proxied);

        using var overTls = await SignInWithCookie(proxied, tenant);
        Assert.True(overTls.Headers.Contains("Strict-Transport-Security"), "HSTS over HTTPS");
        Assert.Contains("secure", SessionCookie(overTls), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-referrer", overTls.Headers.GetValues("Referrer-Policy").Single());

        // The shared test host trusts no proxy: the same headers from the same address are only a client's claim.
        using var claimed = await SignInWithCookie(chat.Web, await chat.NewTenant());
        Assert.False(claimed.Headers.Contains("Strict-Transport-Security"), "no HSTS on plain HTTP");
        Assert.DoesNotContain("secure", SessionCookie(claimed), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("no-referrer", claimed.Headers.GetValues("Referrer-Policy").Single());
        using var page = await chat.Web.Http.GetAsync("/console/");
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_public_rate_limit_answers_429_with_Retry_After_and_counts_an_IPv6_64_as_one_client()
    {
        await using var proxied = await WebHost.Start(chat.ClusterId, chat.ServiceId, new Dictionary<string, string>
        {
            ["Web:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Auth:PublicRequestsPerMinute"] = "3",
        });

        foreach (var address in new[] { "2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:aaaa:bbbb:cccc:dddd" })
        {
            using var allowed = await AskForVisitorToken(proxied, address);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var limited = await AskForVisitorToken(proxied, "2001:db8:1:2::ffff");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 carries Retry-After");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        using var otherNetwork = await AskForVisitorToken(proxied, "2001:db8:1:3::1");
        Assert.Equal(HttpStatusCode.Unauthorized, otherNetwork.StatusCode);
        using var ipv4 = await AskForVisitorToken(proxied, "198.51.100.7");
        Assert.Equal(HttpStatusCode.Unauthorized, ipv4.StatusCode);
    }

    /// <summary>A sign-in as a TLS-terminating proxy forwards it: the client used HTTPS to <see cref="PublicHost"/>.</summary>
    private static Task<HttpResponseMessage> SignInWithCookie(WebHost web, TenantSession tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{tenant.TenantId}/sessions")
        {
            Content = JsonContent.Create(new { email = tenant.SignUp.Admin.Email, password = TenantSession.AdminPassword, useCookie = true }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", PublicHost);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        return web.Http.SendAsync(request);
    }

    /// <summary>A visitor-token request with a widget key that is not valid, from <paramref name="client"/> through the proxy.</summary>
    private static Task<HttpResponseMessage> AskForVisitorToken(WebHost web, string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/visitor-tokens") { Content = JsonContent.Create(new { widgetKey = "nobody.key" }) };
        request.Headers.Add("X-Forwarded-For", client);
        return web.Http.SendAsync(request);
    }

    private static string SessionCookie(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"sign-in answered {(int)response.StatusCode}");
        return response.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith("orbitalyntra.session=", StringComparison.Ordinal));
    }
}
