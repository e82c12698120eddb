using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Web.Relay;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Hubs;

/// <summary>
/// Closes the hub connections whose credential ended — signed out, the password changed, the agent removed or erased,
/// the visitor erased — whose visitor was banned, or whose tenant closed, within <see cref="HubCallSettings.CredentialCheckSeconds"/>. Their calls
/// are refused at once (<see cref="HubGate"/>), but what is pushed to them — a joined conversation's messages, the inbox —
/// would otherwise go on reaching an open socket, such as one opened with a stolen token before the password changed.
/// One check per credential, however many connections share it.
/// </summary>
public sealed class EndedConnectionSweep(
    OpenConnections connections, IClusterClient cluster, VisitorBanGate bans, HubCallSettings settings, TimeProvider time, ILogger<EndedConnectionSweep> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.CredentialCheckSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Sweep();
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The cluster unreachable, say: the next sweep tries again, and calls are refused meanwhile anyway.
                logger.LogWarning("Hub connections were not checked for ended credentials: {Failure}", failure.GetType().Name);
            }
        }
    }

    private async Task Sweep()
    {
        var open = connections.Snapshot().Where(connection => connection.User?.Identity?.IsAuthenticated == true).ToList();
        var checks = new Dictionary<string, Task<bool>>();
        foreach (var connection in open)
        {
            var credential = CredentialOf(connection);
            if (!checks.ContainsKey(credential))
            {
                checks[credential] = HasEnded(connection);
            }
        }

        await Task.WhenAll(checks.Values);
        var ended = open.Where(connection => checks[CredentialOf(connection)].Result).ToList();
        foreach (var connection in ended)
        {
            connection.Abort();
        }

        if (ended.Count > 0)
        {
            RelayMetrics.EndedConnectionsClosed.Add(ended.Count);
            logger.LogInformation("Closed {Count} hub connections whose credential ended or whose tenant closed", ended.Count);
        }
    }

    /// <summary>The credential ended, the tenant closed, or the visitor (or their network) was banned (<see cref="HubGate"/>).</summary>
    private async Task<bool> HasEnded(HubCallerContext connection) => await HubGate.WhyRefused(cluster, bans, connection) is not null;

    private static IPAddress? AddressOf(HubCallerContext connection) => connection.GetHttpContext()?.Connection.RemoteIpAddress;

    /// <summary>What the checks depend on: the credential, and for a visitor the network a ban may name.</summary>
    private static string CredentialOf(HubCallerContext connection)
    {
        var caller = connection.User!;
        var network = caller.IsVisitor() && AddressOf(connection) is { } address ? RateLimits.NetworkOf(address) : "";
        return $"{caller.Identity!.AuthenticationType}|{caller.TenantId()}|{caller.SubjectId()}|{caller.SessionId()}|{caller.IssuedAt()?.ToUnixTimeSeconds()}|{network}";
    }
}
