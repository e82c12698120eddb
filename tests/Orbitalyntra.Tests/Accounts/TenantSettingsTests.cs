using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Accounts;

[Collection(ChatClusterCollection.Name)]
public sealed class TenantSettingsTests(ChatCluster chat)
{
    private static object Valid => new
    {
        greeting = "Bonjour ! Une question ?",
        accentColor = "#ff6600",
        timeZone = "Europe/Paris",
        businessHours = new[] { new { day = "monday", opens = "09:00", closes = "18:00" }, new { day = "friday", opens = "09:00", closes = "16:30" } },
    };

    [Fact]
    public async Task Administrators_set_the_widget_and_business_hours_and_staff_read_them()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var settings = $"/api/tenants/{tenant.TenantId}/settings";

        var defaults = await admin.GetFromJsonAsync<TenantSettings>(settings, WebHost.Json);
        var put = await admin.PutAsJsonAsync(settings, Valid);
        var read = await admin.GetFromJsonAsync<TenantSettings>(settings, WebHost.Json);

        Assert.Equal(TenantSettings.Default.Greeting, defaults!.Greeting);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Europe/Paris", read!.TimeZone);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Friday], read.BusinessHours.Select(h => h.Day));
        Assert.Equal("16:30", read.BusinessHours[1].Closes);
    }

    // Every rule of TenantSettingsRules is tested in the fast tier; here, that a refused PUT names the field and changes nothing.
    [Fact]
    public async Task Invalid_settings_are_refused_and_change_nothing()
    {
        const string field = "businessHours";
        const string body = """{"greeting":"Hi","accentColor":"#ffffff","timeZone":"UTC","businessHours":[{"day":"monday","opens":"18:00","closes":"09:00"}]}""";
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var settings = $"/api/tenants/{tenant.TenantId}/settings";

        var response = await admin.PutAsync(settings, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(TenantSettings.Default.Greeting, (await admin.GetFromJsonAsync<TenantSettings>(settings, WebHost.Json))!.Greeting);
    }

    [Fact]
    public async Task Agents_read_but_do_not_change_the_settings()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
            new { displayName = "Bea", email = $"bea@{tenant.TenantId}.test", password = "a long agent password", role = "agent" })).EnsureSuccessStatusCode();
        using var agent = tenant.Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, $"bea@{tenant.TenantId}.test", "a long agent password"));

        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/tenants/{tenant.TenantId}/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", Valid)).StatusCode);
    }
}
