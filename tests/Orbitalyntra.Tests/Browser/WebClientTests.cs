using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Browser;

/// <summary>The visitor widget and the agent console in Chromium, against the real web host and a two-silo cluster.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WebClientTests(ChatCluster chat)
{
    private async Task Scenario(string script) => await BrowserScenario.Run(script, chat.Web, await chat.NewTenant());

    [Fact]
    public Task A_visitor_and_an_agent_chat_both_ways_in_two_browsers() => Scenario("chat.mjs");
}
