using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Browser;

/// <summary>The visitor widget and the agent console in Chromium, against the real web host and a two-silo cluster.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WebClientTests(ChatCluster chat)
{
    private Task Scenario(string script) => BrowserScenario.RunWithAgentOnline(script, chat);

    [Fact]
    public Task A_visitor_and_an_agent_chat_both_ways_in_two_browsers() => Scenario("chat.mjs");

    [Fact]
    public Task Markup_and_script_in_a_message_show_as_text() => Scenario("injection.mjs");

    [Fact]
    public Task Rejecting_consent_sends_no_tracking_call_and_accepting_sends_one() => Scenario("consent.mjs");

    [Fact]
    public Task Download_my_data_saves_the_visitors_export() => Scenario("export.mjs");

    [Fact]
    public Task The_widget_works_on_a_tenants_own_site_of_another_origin() => Scenario("embedded.mjs");

    [Fact]
    public Task Every_control_of_every_page_has_a_name_and_is_reached_with_the_Tab_key() => Scenario("accessibility.mjs");

    [Fact]
    public Task After_the_network_returns_the_visitor_shows_every_message_once_in_order() => Scenario("reconnect.mjs");
}
