using System.Net;
using System.Net.Sockets;
using Orbitalyntra.Benchmarks.Targets;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// A TCP relay on a loopback port to <paramref name="target"/> that can be cut, as a network failure cuts a service off:
/// while cut, connections are refused and those open are dropped.
/// </summary>
public sealed class TcpRelay(IPEndPoint target) : IAsyncDisposable
{
    private readonly List<TcpClient> open = [];
    private readonly Lock gate = new();
    private TcpListener? listener;
    private CancellationTokenSource? running;

    public int Port { get; } = FreePort.Next();

    /// <summary>Accepts connections and relays them (again, after <see cref="Cut"/>).</summary>
    public void Restore()
    {
        running = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        _ = Accept(listener, running.Token);
    }

    /// <summary>Stops accepting and drops every open connection.</summary>
    public void Cut()
    {
        running?.Cancel();
        listener?.Stop();
        lock (gate)
        {
            foreach (var client in open)
            {
                client.Dispose();
            }

            open.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task Accept(TcpListener accepting, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await accepting.AcceptTcpClientAsync(cancellation);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Relay(inbound, cancellation);
        }
    }

    private async Task Relay(TcpClient inbound, CancellationToken cancellation)
    {
        var outbound = new TcpClient();
        lock (gate)
        {
            open.Add(inbound);
            open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(target, cancellation);
            await Task.WhenAny(
                inbound.GetStream().CopyToAsync(outbound.GetStream(), cancellation),
                outbound.GetStream().CopyToAsync(inbound.GetStream(), cancellation));
        }
        catch (Exception dropped) when (dropped is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Cut, or either side closed: the other side sees its connection end.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
