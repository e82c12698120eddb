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
        var tenant = await BenchTenant.SignUp(servers.Target);
        var forPage = await Filled(tenant, http, historyLength);
        var forHistory = await Filled(tenant, http, historyLength);

        await servers.RestartSilo();
        await servers.WaitUntilServing();

        var page = Stopwatch.StartNew();
        var latest = await tenant.ReadAsAgent(http, forPage, historyLength - 50, 50);
        page.Stop();
        if (latest?.Messages.Count != 50)
        {
            throw new InvalidOperationException("The latest page of the cold conversation was incomplete.");
        }

        await using var connection = ChatProtocol.Connection(servers.Target, tenant.AgentToken);
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
        await connection.Join(tenant.TenantId, forHistory);
        await all.Task.WaitAsync(TimeSpan.FromSeconds(60));
        history.Stop();
        return new Result(page.Elapsed.TotalMilliseconds, history.Elapsed.TotalMilliseconds, historyLength);
    }

    private static async Task<Guid> Filled(BenchTenant tenant, HttpClient http, int count)
    {
        var id = await tenant.StartConversation(http, tenant.AgentToken);
        for (var i = 1; i <= count; i++)
        {
            await tenant.PostAsAgent(http, id, $"h{i}", $"history message {i}");
        }

        return id;
    }
}
