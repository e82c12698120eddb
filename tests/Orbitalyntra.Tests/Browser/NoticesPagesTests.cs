using System.Net;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Browser;

/// <summary>
/// Platform notices and notification settings in Chromium against the real web host: the operators' form, the banners of
/// the console and the admin pages in the browser's language, the console's notification settings and password change;
/// and the notice's mail, read back from MailDev.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class NoticesPagesTests(ChatCluster chat)
{
    [Fact]
    public async Task An_operators_notice_shows_as_a_banner_in_the_browsers_language_until_acknowledged_and_the_settings_panel_saves()
    {
        var tenant = await chat.NewTenant();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await BrowserScenario.Run("notices.mjs", chat.Web, tenant, new Dictionary<string, string> { ["ORBITALYNTRA_NOTICE_TAG"] = tag });

        // Essential (a policy change), so the scenario's opting out of service updates does not stop it; in either language.
        var mail = await MailDev.Received(tenant.SignUp.Admin.Email, m => m.Subject == $"Avis {tag}" || m.Subject == $"Notice {tag}", "the published notice");
        Assert.Equal("PlatformNotice", mail.Kind());
    }

    [Fact]
    public async Task The_notices_are_listed_in_the_language_asked_for_and_another_language_is_refused()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tenants/{tenant.TenantId}/notices?language=en")).StatusCode);
        var refused = await admin.GetAsync($"/api/tenants/{tenant.TenantId}/notices?language=de");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
