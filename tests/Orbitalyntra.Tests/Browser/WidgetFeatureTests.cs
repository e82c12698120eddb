using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Browser;

/// <summary>The visitor widget's typing signals, receipts, files, erasure and message form in Chromium, and the availability it asks, against the real web host.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WidgetFeatureTests(ChatCluster chat)
{
    private Task Scenario(string script) => BrowserScenario.RunWithAgentOnline(script, chat);

    [Fact]
    public Task The_agents_typing_and_read_receipt_show_in_the_widget_and_the_visitors_reach_the_agent() => Scenario("widget-receipts.mjs");

    [Fact]
    public Task A_text_file_sent_from_the_widget_shows_as_a_download_link_and_refused_files_show_the_servers_reason() => Scenario("widget-files.mjs");

    [Fact]
    public Task Forget_me_erases_the_visitor_after_an_in_widget_confirmation_and_forgets_the_token() => Scenario("widget-forget.mjs");

    [Fact]
    public async Task With_no_agent_online_the_widget_takes_a_message_that_the_desk_receives_and_an_agent_online_brings_the_chat_back() =>
        await BrowserScenario.Run("widget-offline.mjs", chat.Web, await chat.NewTenant());

    [Fact]
    public async Task Availability_tells_visitors_whether_an_agent_is_online_and_whether_it_is_within_business_hours()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        using var asVisitor = tenant.Bearer(visitor.AccessToken);
        using var admin = tenant.AsAdmin();
        var path = $"/api/tenants/{tenant.TenantId}/visitors/me/availability";
        async Task<VisitorsApi.Availability?> Ask() => await asVisitor.GetFromJsonAsync<VisitorsApi.Availability>(path, WebHost.Json);

        Assert.Equal(new VisitorsApi.Availability(AgentsOnline: false, WithinBusinessHours: true), await Ask()); // no hours set: never closed

        // Open on a day that is neither yesterday, today nor tomorrow anywhere: closed now.
        var settings = (await admin.GetFromJsonAsync<TenantSettings>($"/api/tenants/{tenant.TenantId}/settings", WebHost.Json))!;
        var otherDay = new OpeningHours(DateTimeOffset.UtcNow.AddDays(3).DayOfWeek, "09:00", "17:00");
        (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", settings with { BusinessHours = [otherDay] }, WebHost.Json))
            .EnsureSuccessStatusCode();
        Assert.Equal(new VisitorsApi.Availability(AgentsOnline: false, WithinBusinessHours: false), await Ask());

        // Open all day every day, in a zone where it is now well inside the day (not within an hour of midnight).
        var zone = new[] { "UTC", "Etc/GMT-6", "Etc/GMT+6" }
            .First(id => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(id)).Hour is >= 1 and <= 22);
        var allWeek = Enum.GetValues<DayOfWeek>().Select(day => new OpeningHours(day, "00:00", "23:59")).ToList();
        (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", settings with { TimeZone = zone, BusinessHours = allWeek }, WebHost.Json))
            .EnsureSuccessStatusCode();
        Assert.Equal(new VisitorsApi.Availability(AgentsOnline: false, WithinBusinessHours: true), await Ask());

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/presence", new { status = "online", capacity = 5 })).StatusCode);
        Assert.Equal(new VisitorsApi.Availability(AgentsOnline: true, WithinBusinessHours: true), await Ask());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/presence", new { status = "away", capacity = 5 })).StatusCode);
        Assert.False((await Ask())!.AgentsOnline);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(path)).StatusCode);
    }
}
