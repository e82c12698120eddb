using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MimeKit;
using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>Mail to account holders, read back from the real SMTP server (MailDev) the test command started.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class MailTests(ChatCluster chat)
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    [Theory]
    [InlineData(MailLanguages.French)]
    [InlineData(MailLanguages.English)]
    public async Task Every_security_alert_reaches_the_account_holder_in_their_language(string language)
    {
        var tenant = await chat.NewTenant();
        var admin = Bearer(tenant.AdminToken);
        var email = tenant.SignUp.Admin.Email;
        (await admin.PutAsJsonAsync(Me(tenant, "mail-preferences"), new { language, optedOut = Array.Empty<string>() }, WebHost.Json)).EnsureSuccessStatusCode();

        var issued = await (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/api-keys", new { label = "ci" })).Content.ReadFromJsonAsync<IssuedApiKey>(WebHost.Json);
        await Expect(email, NotificationKind.ApiKeyCreated, language, issued!.Summary.KeyId);
        (await admin.DeleteAsync($"/api/tenants/{tenant.TenantId}/api-keys/{issued.Summary.KeyId}")).EnsureSuccessStatusCode();
        await Expect(email, NotificationKind.ApiKeyRevoked, language, issued.Summary.KeyId);

        // A new sign-in address: its confirmation goes to the new address only, in the holder's language.
        var newEmail = $"new-{Guid.NewGuid():N}@{tenant.TenantId}.test";
        (await admin.PutAsJsonAsync(Me(tenant, "profile"), new { email = newEmail })).EnsureSuccessStatusCode();
        await Expect(newEmail, NotificationKind.AccountEmailConfirmation, language);

        // Two-step sign-in turned on, then off: the holder is told of the second.
        var enrollment = (await (await admin.PostAsync(Me(tenant, "second-factor"), null)).Content.ReadFromJsonAsync<SecondFactorEnrollment>(WebHost.Json))!;
        var authenticator = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(enrollment.Secret));
        (await admin.PostAsJsonAsync(Me(tenant, "second-factor/confirmation"), new { code = authenticator.ComputeTotp(DateTime.UtcNow) })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync(Me(tenant, "second-factor/removal"), new { code = authenticator.ComputeTotp(DateTime.UtcNow.AddSeconds(30)) })).EnsureSuccessStatusCode();
        await Expect(email, NotificationKind.SecondFactorRemoved, language);

        var newPassword = "a brand new long password";
        (await admin.PutAsJsonAsync(Me(tenant, "password"), new { currentPassword = TenantSession.AdminPassword, newPassword }, WebHost.Json)).EnsureSuccessStatusCode();
        await Expect(email, NotificationKind.PasswordChanged, language);

        using var firefox = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{tenant.TenantId}/sessions") { Content = JsonContent.Create(new { email, password = newPassword }) };
        firefox.Headers.UserAgent.ParseAdd(Firefox);
        (await chat.Web.Http.SendAsync(firefox)).EnsureSuccessStatusCode();
        var browser = await Expect(email, NotificationKind.NewBrowserSignIn, language);
        Assert.DoesNotContain("Firefox", browser.TextBody, StringComparison.OrdinalIgnoreCase);

        for (var i = 0; i < SignInLimits.PerNetwork; i++)
        {
            await chat.Web.Http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/sessions", new { email, password = "not the password at all" });
        }

        await Expect(email, NotificationKind.AccountLocked, language);
        var all = await MailDev.To(email);
        Assert.All(all, message => Assert.Null(message.Headers[HeaderId.ListUnsubscribe]));
        Assert.Equal(all.Count, all.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_platform_notice_is_mailed_in_each_holders_language_shown_until_acknowledged_and_its_unsubscribe_link_is_honoured()
    {
        var tenant = await chat.NewTenant();
        var admin = Bearer(tenant.AdminToken);
        var email = tenant.SignUp.Admin.Email;
        var english = $"en-{Guid.NewGuid():N}@{tenant.TenantId}.test";
        (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents", new { displayName = "Eve <b>English</b>", email = english, password = TenantSession.AdminPassword })).EnsureSuccessStatusCode();
        var eve = Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, english, TenantSession.AdminPassword));
        (await eve.PutAsJsonAsync(Me(tenant, "mail-preferences"), new { language = "en", optedOut = Array.Empty<string>() }, WebHost.Json)).EnsureSuccessStatusCode();
        var operators = await chat.Web.SignedInOperator();

        var update = await Publish(operators, "serviceUpdate");
        var french = await MailDev.Received(email, m => m.Subject == update.French.Title, "the notice in French");
        var inEnglish = await MailDev.Received(english, m => m.Subject == update.English.Title, "the notice in English");
        Assert.Contains("Eve &lt;b&gt;English&lt;/b&gt;", inEnglish.HtmlBody);
        Assert.Contains(update.English.Body, inEnglish.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", inEnglish.Headers[HeaderId.ListUnsubscribePost]);
        Assert.NotNull(french.Headers[HeaderId.ListUnsubscribe]);

        var banners = await eve.GetFromJsonAsync<List<NotificationsApi.Notice>>($"/api/tenants/{tenant.TenantId}/notices", WebHost.Json);
        Assert.Contains(banners!, n => n.NoticeId == update.NoticeId && n.Title == update.English.Title);
        (await eve.PostAsync($"/api/tenants/{tenant.TenantId}/notices/{update.NoticeId}/acknowledgement", null)).EnsureSuccessStatusCode();
        banners = await eve.GetFromJsonAsync<List<NotificationsApi.Notice>>($"/api/tenants/{tenant.TenantId}/notices", WebHost.Json);
        Assert.DoesNotContain(banners!, n => n.NoticeId == update.NoticeId);

        // One click on the link of the mail (RFC 8058), as a mail client does it: no sign-in, the token proves the mail.
        var link = new Uri(inEnglish.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>'));
        var forged = await chat.Web.Http.PostAsync(link.PathAndQuery.Replace("token=", "token=0"), new StringContent("List-Unsubscribe=One-Click"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var clicked = await chat.Web.Http.PostAsync(link.PathAndQuery, new StringContent("List-Unsubscribe=One-Click"));
        Assert.Equal(HttpStatusCode.NoContent, clicked.StatusCode);
        var preferences = await eve.GetFromJsonAsync<MailPreferences>(Me(tenant, "mail-preferences"), WebHost.Json);
        Assert.Contains(MailTopic.ServiceUpdates, preferences!.OptedOut);

        var second = await Publish(operators, "serviceUpdate");
        var policy = await Publish(operators, "policyChange");
        await MailDev.Received(english, m => m.Subject == policy.English.Title, "an essential notice despite the opt-out");
        Assert.Null((await MailDev.Received(english, m => m.Subject == policy.English.Title, "the policy notice")).Headers[HeaderId.ListUnsubscribe]);
        await MailDev.Received(email, m => m.Subject == second.French.Title, "the second update to who did not opt out");
        var log = await chat.Client.GetGrain<INotificationOutboxGrain>(tenant.TenantId).Log();
        Assert.Contains(log, e => e.Kind == NotificationKind.PlatformNotice && e.Outcome == MailOutcome.OptedOut);
        Assert.DoesNotContain(await MailDev.To(english), m => m.Subject == second.English.Title);
    }

    [Fact]
    public async Task Bad_preferences_and_notices_are_refused_with_problem_details_and_change_nothing()
    {
        var tenant = await chat.NewTenant();
        var admin = Bearer(tenant.AdminToken);
        var bad = await admin.PutAsJsonAsync(Me(tenant, "mail-preferences"), new { language = "de", optedOut = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var kept = await admin.GetFromJsonAsync<MailPreferences>(Me(tenant, "mail-preferences"), WebHost.Json);
        Assert.Equal(MailLanguages.French, kept!.Language);

        var wrong = await admin.PutAsJsonAsync(Me(tenant, "password"), new { currentPassword = "not my password at all", newPassword = "another long password" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var apiKey = new HttpClient { BaseAddress = chat.Web.Address };
        apiKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", tenant.ApiKey);
        Assert.Equal(HttpStatusCode.NotFound, (await apiKey.GetAsync(Me(tenant, "mail-preferences"))).StatusCode);

        var operators = await chat.Web.SignedInOperator();
        var empty = await operators.PostAsJsonAsync("/api/operators/notices", new { category = "serviceUpdate", french = new { title = "", body = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/api/operators/notices", new { })).StatusCode);
    }

    private static string Me(TenantSession tenant, string what) => $"/api/tenants/{tenant.TenantId}/agents/me/{what}";

    private HttpClient Bearer(string token) => chat.Web.Client(new AuthenticationHeaderValue("Bearer", token));

    private static async Task<PlatformNotice> Publish(HttpClient operators, string category)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var response = await operators.PostAsJsonAsync("/api/operators/notices", new
        {
            category,
            french = new { title = $"Avis {tag}", body = $"Le service change ({tag}) : « détails » & suite." },
            english = new { title = $"Notice {tag}", body = $"The service changes ({tag}): <details> & more." },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PlatformNotice>(WebHost.Json))!;
    }

    /// <summary>Waits for the mail of <paramref name="kind"/> and checks its language, Message-ID and values.</summary>
    private static async Task<MimeMessage> Expect(string email, NotificationKind kind, string language, string? shows = null)
    {
        var message = await MailDev.Received(email, m => m.Kind() == kind.ToString(), kind.ToString());
        Assert.Equal(MailTemplates.For(kind, language).Subject, message.Subject);
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        Assert.NotNull(message.HtmlBody);
        if (shows is not null)
        {
            Assert.Contains(shows, message.TextBody);
        }

        return message;
    }
}
