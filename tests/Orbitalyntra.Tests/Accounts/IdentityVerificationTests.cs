using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Tests.Accounts;

[Collection(ChatClusterCollection.Name)]
public sealed class IdentityVerificationTests(ChatCluster chat)
{
    [Fact]
    public async Task A_verified_user_is_the_same_visitor_on_every_device_and_a_forged_one_is_refused()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var secret = (await admin.GetFromJsonAsync<WidgetApi.IdentitySecret>($"/api/tenants/{tenant.TenantId}/identity-secret", WebHost.Json))!.Secret;
        const string userId = "jane.doe@customer.example";
        var userHash = IdentityVerification.Sign(secret, userId);

        async Task<HttpResponseMessage> Token(string hash) =>
            await chat.Web.Http.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = tenant.SignUp.WidgetKey, userId, userHash = hash });

        var laptop = (await (await Token(userHash)).Content.ReadFromJsonAsync<WidgetApi.VisitorToken>(WebHost.Json))!;
        var phone = (await (await Token(userHash)).Content.ReadFromJsonAsync<WidgetApi.VisitorToken>(WebHost.Json))!;
        var forged = await Token(IdentityVerification.Sign("not the secret", userId));

        Assert.Equal(laptop.VisitorId, phone.VisitorId);
        Assert.DoesNotContain("jane", laptop.VisitorId);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        using var onLaptop = tenant.Bearer(laptop.AccessToken);
        var started = await onLaptop.PostAsync($"/api/tenants/{tenant.TenantId}/conversations", null);
        var conversation = (await started.Content.ReadFromJsonAsync<ConversationSummary>(WebHost.Json))!;
        using var onPhone = tenant.Bearer(phone.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await onPhone.GetAsync($"/api/tenants/{tenant.TenantId}/conversations/{conversation.ConversationId}")).StatusCode);
        Assert.Empty(await AzuriteScan.Find(userId, secret));
    }

    [Fact]
    public async Task Only_administrators_read_the_identity_secret()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        using var visitorHttp = tenant.Bearer(visitor.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, (await visitorHttp.GetAsync($"/api/tenants/{tenant.TenantId}/identity-secret")).StatusCode);
    }
}
