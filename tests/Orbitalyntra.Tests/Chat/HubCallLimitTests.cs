using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Chat;

/// <summary>
/// Issue 19's hub flood (10,549 calls in 5 s from one connection): past its burst, a connection's calls are refused with
/// a hub error that says why, while another connection of the same visitor goes on, and the flooder is served again
/// once it slows down.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class HubCallLimitTests(ChatCluster chat)
{
    private const int Burst = 20;

    [Fact]
    public async Task A_connection_that_floods_hub_calls_is_refused_saying_so_and_other_connections_are_not()
    {
        await using var web = await WebHost.Start(chat.ClusterId, chat.ServiceId, new Dictionary<string, string>
        {
            ["Web:HubCalls:PerSecond"] = "2",
            ["Web:HubCalls:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var tenant = await TenantSession.Create(web);
        var visitor = await tenant.NewVisitor();
        var conversation = await tenant.StartConversation(visitor.AccessToken);
        await using var flooder = await ChatClient.Connect(web, visitor.AccessToken);
        await using var other = await ChatClient.Connect(web, visitor.AccessToken);
        await other.Send(conversation, "first", "Hello");

        var calls = await Task.WhenAll(Enumerable.Range(0, 10 * Burst).Select(async _ =>
        {
            try
            {
                await flooder.MarkDelivered(conversation, 1);
                return null;
            }
            catch (HubException refused)
            {
                return refused.Message;
            }
        }));

        var refusals = calls.OfType<string>().ToList();
        Assert.True(calls.Count(c => c is null) >= Burst, $"only {calls.Count(c => c is null)} calls of the burst went through");
        Assert.NotEmpty(refusals);
        Assert.All(refusals, message => Assert.Contains("Too many calls on this connection", message, StringComparison.Ordinal));

        await other.MarkDelivered(conversation, 1);
        await Eventually.Succeeds(() => flooder.MarkDelivered(conversation, 1));
    }
}
