using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Browser;

/// <summary>The visitor widget's typing signals, receipts, files, erasure and offline form in Chromium, against the real web host.</summary>
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
}
