using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Accounts;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Tests.Faults;

/// <summary>What callers of the web host see while no silo answers: a prompt 503 that says so, never a long hang or a 500.</summary>
public sealed class SiloDownTests
{
    /// <summary>How long a caller may wait for the answer: the 5 s, and far below the cluster's 30 s response timeout.</summary>
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task With_the_silo_gone_REST_answers_503_with_Retry_After_and_the_hub_says_so_within_seconds_and_recovers_when_a_silo_is_back()
    {
        var clusterId = TestStorage.NewClusterId();
        var tenant = "down-" + Guid.NewGuid().ToString("N")[..10];
        var token = WebHost.Token(tenant, Caller.AgentRole, "agent-down", TimeSpan.FromHours(1));
        await using var silo = SiloProcess.Start(clusterId);
        await using var web = await WebHost.Start(clusterId);
        using var client = web.Client(new AuthenticationHeaderValue("Bearer", token));
        var inbox = $"api/tenants/{tenant}/inbox";
        await Eventually.Succeeds(() => web.ClusterClient.Agent(tenant, "agent-down").Create(new NewAgent("Agent", "agent-down@example.test", AgentRole.Agent, "a long enough password")), TimeSpan.FromMinutes(2));
        await Eventually.Succeeds(async () => (await client.GetAsync(inbox)).EnsureSuccessStatusCode());
        await using var console = await ChatClient.Connect(web, token);
        // The server runs the connection's checks after the handshake: a first call that answers shows they are done.
        await console.WatchInbox(tenant);

        silo.Kill();
        await silo.DisposeAsync();

        using var impatient = web.Client(new AuthenticationHeaderValue("Bearer", token));
        impatient.Timeout = Promptly;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await impatient.GetAsync(inbox);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 carries Retry-After");
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
            Assert.Contains("cluster", problem!.Detail, StringComparison.OrdinalIgnoreCase);
        }

        var refused = await Assert.ThrowsAsync<HubException>(() => console.WatchInbox(tenant).WaitAsync(Promptly));
        Assert.Contains("cannot be reached", refused.Message, StringComparison.Ordinal);

        await using var back = silo.Restart();
        await Eventually.Succeeds(async () => (await client.GetAsync(inbox)).EnsureSuccessStatusCode(), TimeSpan.FromMinutes(2));
        await Eventually.Succeeds(() => console.WatchInbox(tenant));
    }
}
