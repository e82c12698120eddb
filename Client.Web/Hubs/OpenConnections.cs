using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Web.Relay;

namespace Orbitalyntra.Web.Hubs;

/// <summary>
/// The hub's open connections. When the host stops (a rolling upgrade, a scale-in) each is closed with SignalR's close
/// message before the server goes away, so that clients reconnect to another replica at once and catch up, instead of
/// finding their socket reset by the server's shutdown.
/// </summary>
public sealed class OpenConnections : IDisposable
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, HubCallerContext> open = new();
    private readonly CancellationTokenRegistration stopping;

    public OpenConnections(IHostApplicationLifetime lifetime) => stopping = lifetime.ApplicationStopping.Register(CloseAll);

    public void Opened(HubCallerContext connection)
    {
        open[connection.ConnectionId] = connection;
        RelayMetrics.OpenConnections.Add(1);
    }

    public void Closed(HubCallerContext connection)
    {
        open.TryRemove(connection.ConnectionId, out _);
        RelayMetrics.OpenConnections.Add(-1);
    }

    /// <summary>The connections open now.</summary>
    public ICollection<HubCallerContext> Snapshot() => open.Values;

    public void Dispose() => stopping.Dispose();

    /// <summary>
    /// Runs on the host's stopping, before SignalR's own shutdown resets whatever is still open, and so waits (a few
    /// seconds at most, as SignalR's does) until each connection has sent its close message and left.
    /// </summary>
    private void CloseAll()
    {
        foreach (var connection in open.Values)
        {
            connection.Abort();
        }

        SpinWait.SpinUntil(() => open.IsEmpty, CloseWait);
    }
}
