using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Browser;

/// <summary>The visitor widget's typing signals, receipts, files, erasure and offline form in Chromium, against the real web host.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WidgetFeatureTests(ChatCluster chat)
{
    private async Task Scenario(string script) => await BrowserScenario.Run(script, chat.Web, await chat.NewTenant());

    [Fact]
    public Task The_agents_typing_and_read_receipt_show_in_the_widget_and_the_visitors_reach_the_agent() => Scenario("widget-receipts.mjs");

    [Fact]
    public Task A_text_file_sent_from_the_widget_shows_as_a_download_link_and_refused_files_show_the_servers_reason() => Scenario("widget-files.mjs");

    [Fact]
    public Task Forget_me_erases_the_visitor_after_an_in_widget_confirmation_and_forgets_the_token() => Scenario("widget-forget.mjs");
}
