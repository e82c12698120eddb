using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Orbitalyntra.Benchmarks.Load;
using Orbitalyntra.Benchmarks.Targets;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Benchmarks.Probes;

/// <summary>Time to open a conversation with a long history from cold: after a silo restart, nothing is activated.</summary>
public static class ColdOpenProbe
{
    public sealed record Result(double LatestPageMilliseconds, double FullHistoryMilliseconds, int HistoryLength);

    public static async Task<Result> Measure(ServerProcesses servers, int historyLength)
    {
        using var http = new HttpClient { BaseAddress = servers.Target };
        var forPage = await Filled(http, historyLength);
        var forHistory = await Filled(http, historyLength);

        await servers.RestartSilo();
        await servers.WaitUntilServing();

        var page = Stopwatch.StartNew();
        var latest = await http.GetFromJsonAsync<MessagePage>(
            $"api/tenants/{ChatProtocol.Tenant}/conversations/{forPage}/messages?after={historyLength - 50}&limit=50", ChatProtocol.Json);
        page.Stop();
        if (latest?.Messages.Count != 50)
        {
            throw new InvalidOperationException("The latest page of the cold conversation was incomplete.");
        }

        await using var connection = ChatProtocol.Connection(servers.Target);
        var received = 0;
        var all = new TaskCompletionSource();
        connection.On<Guid, ChatMessage>(ChatProtocol.MessageReceived, (_, _) =>
        {
            if (Interlocked.Increment(ref received) == historyLength)
            {
                all.TrySetResult();
            }
        });
        await connection.StartAsync();
        var history = Stopwatch.StartNew();
        await connection.Join(forHistory);
        await all.Task.WaitAsync(TimeSpan.FromSeconds(60));
        history.Stop();
        return new Result(page.Elapsed.TotalMilliseconds, history.Elapsed.TotalMilliseconds, historyLength);
    }

    private static async Task<Guid> Filled(HttpClient http, int count)
    {
        var id = await ChatProtocol.StartConversation(http);
        for (var i = 1; i <= count; i++)
        {
            var response = await http.PostAsJsonAsync(
                $"api/tenants/{ChatProtocol.Tenant}/conversations/{id}/messages",
                new ChatProtocol.PostRequest($"h{i}", new Sender(i % 2 == 0 ? SenderRole.Agent : SenderRole.Visitor, "bench"), $"history message {i}"),
                ChatProtocol.Json);
            response.EnsureSuccessStatusCode();
        }

        return id;
    }
}
