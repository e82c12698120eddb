using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Tests.Notifications;
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
    public Task A_material_change_of_the_privacy_notice_asks_the_visitors_consent_again_in_the_widget() => Scenario("widget-policy.mjs");

    [Fact]
    public async Task The_privacy_page_shows_the_policy_its_date_the_contact_and_the_cnil_in_french_and_english() =>
        await BrowserScenario.Run("privacy-page.mjs", chat.Web, await chat.NewTenant());

    [Fact]
    public Task Forget_me_erases_the_visitor_after_an_in_widget_confirmation_and_forgets_the_token() => Scenario("widget-forget.mjs");

    [Fact]
    public Task An_agent_bans_a_visitor_from_the_console_the_widget_says_in_french_that_chat_is_unavailable_and_an_administrator_lifts_it() =>
        Scenario("widget-banned.mjs");

    [Fact]
    public Task With_challenges_always_on_the_widget_solves_the_servers_proof_of_work_in_chromium_and_chats() => Scenario("widget-challenge.mjs");

    [Fact]
    public Task A_widget_whose_visitor_was_erased_forgets_the_refused_token_stops_reconnecting_and_starts_afresh_when_the_visitor_writes() =>
        Scenario("widget-ended.mjs");

    [Fact]
    public async Task With_no_agent_online_the_widget_takes_a_message_that_the_desk_receives_and_an_agent_online_brings_the_chat_back()
    {
        var email = MailVisitor.NewAddress();
        await BrowserScenario.Run("widget-offline.mjs", chat.Web, await chat.NewTenant(), new Dictionary<string, string> { ["ORBITALYNTRA_VISITOR_EMAIL"] = email });

        // The form's address is asked for mail: its confirmation link arrives, in the language of the page (English here).
        var confirmation = await MailDev.Received(email, m => m.Kind() == nameof(NotificationKind.VisitorAddressConfirmation), "the confirmation link");
        Assert.Equal("Confirm your address for Test Organisation", confirmation.Subject);
    }

    [Fact]
    public async Task E_mail_me_this_conversation_asks_for_an_address_confirms_it_by_its_link_and_the_transcript_arrives_without_private_notes()
    {
        var tenant = await chat.NewTenant();
        await BrowserScenario.PutAdminOnline(tenant);
        var email = MailVisitor.NewAddress();
        await BrowserScenario.Run("widget-transcript.mjs", chat.Web, tenant, new Dictionary<string, string>
        {
            ["ORBITALYNTRA_MAIL_API"] = MailDev.ApiAddress.ToString(),
            ["ORBITALYNTRA_VISITOR_EMAIL"] = email,
        });

        var transcript = await MailDev.Received(email, m => m.Kind() == nameof(NotificationKind.Transcript), "the transcript");
        Assert.Equal("Votre conversation avec Test Organisation", transcript.Subject);
        Assert.Contains("Vous: Bonjour, ma facture est fausse.", transcript.TextBody);
        Assert.Contains("Conseiller: Je la corrige tout de suite.", transcript.TextBody);
        Assert.DoesNotContain("Note privée", transcript.TextBody);
        Assert.Single(await MailDev.To(email), m => m.Kind() == nameof(NotificationKind.Transcript));
    }

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
