using System.Net;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Browser;

/// <summary>The web UI's files as the host serves them: public, with the SignalR browser client, under a strict CSP.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WebUiHostingTests(ChatCluster chat)
{
    [Theory]
    [InlineData("/widget/widget.js", "text/javascript")]
    [InlineData("/shared/chat.js", "text/javascript")]
    [InlineData("/lib/signalr.min.js", "text/javascript")]
    [InlineData("/demo/index.html", "text/html")]
    [InlineData("/console/", "text/html")]
    [InlineData("/admin/", "text/html")]
    [InlineData("/admin/admin.js", "text/javascript")]
    [InlineData("/privacy/", "text/html")]
    [InlineData("/privacy/privacy.js", "text/javascript")]
    public async Task The_UI_is_served_to_anyone_with_a_content_security_policy(string path, string contentType)
    {
        var response = await chat.Web.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self';", policy);
        Assert.Contains($"connect-src 'self' ws://{chat.Web.Address.Authority} wss://{chat.Web.Address.Authority};", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task API_answers_carry_the_policy_too_and_still_need_a_credential()
    {
        var response = await chat.Web.Http.GetAsync("/api/tenants/demo/inbox");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }
}
