using Microsoft.AspNetCore.SignalR.Client;
using Orbitalyntra.Benchmarks.Load;
using Orbitalyntra.Benchmarks.Targets;

namespace Orbitalyntra.Benchmarks.Probes;

/// <summary>
/// Bytes per idle SignalR connection: growth of the web host's resident memory (managed and native: Kestrel, WebSocket
/// and SignalR buffers) when N connections are open, each joined to a conversation, and idle.
/// </summary>
public static class ConnectionProbe
{
    public static async Task<double> BytesPerConnection(ServerProcesses servers, string processName, int count, int conversations)
    {
        using var http = new HttpClient { BaseAddress = servers.Target };
        var tenant = await BenchTenant.SignUp(servers.Target);
        var ids = new Guid[conversations];
        await Parallel.ForEachAsync(Enumerable.Range(0, conversations), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => ids[i] = await tenant.StartConversation(http, tenant.AgentToken));

        // Warm every code path once so that the baseline already holds what one-off initialisation allocates.
        await using (var warm = ChatProtocol.Connection(servers.Target, tenant.AgentToken))
        {
            await warm.StartAsync();
            await warm.Join(tenant.TenantId, ids[0]);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = ServerProcesses.ResidentBytes(servers.ProcessId(processName));
        var connections = new HubConnection[count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            {
                connections[i] = ChatProtocol.Connection(servers.Target, tenant.AgentToken);
                await connections[i].StartAsync();
                await connections[i].Join(tenant.TenantId, ids[i % conversations]);
            });
            await Task.Delay(TimeSpan.FromSeconds(5));
            var after = ServerProcesses.ResidentBytes(servers.ProcessId(processName));
            return (after - before) / (double)count;
        }
        finally
        {
            await Parallel.ForEachAsync(connections.Where(c => c is not null), async (c, _) => await c.DisposeAsync());
        }
    }
}
