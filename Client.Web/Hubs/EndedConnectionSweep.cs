using System.Security.Claims;
using Orbitalyntra.Web.Relay;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Hubs;

/// <summary>
/// Closes the hub connections whose credential ended — signed out, the password changed, the agent removed or erased,
/// the visitor erased — or whose tenant closed, within <see cref="HubCallSettings.CredentialCheckSeconds"/>. Their calls
/// are refused at once (<see cref="HubGate"/>), but what is pushed to them — a joined conversation's messages, the inbox —
/// would otherwise go on reaching an open socket, such as one opened with a stolen token before the password changed.
/// One check per credential, however many connections share it.
/// </summary>
public sealed class EndedConnectionSweep(
    OpenConnections connections, IClusterClient cluster, HubCallSettings settings, TimeProvider time, ILogger<EndedConnectionSweep> logger)
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
            var credential = CredentialOf(connection.User!);
            if (!checks.ContainsKey(credential))
            {
                checks[credential] = HasEnded(connection.User!);
            }
        }

        await Task.WhenAll(checks.Values);
        var ended = open.Where(connection => checks[CredentialOf(connection.User!)].Result).ToList();
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

    private async Task<bool> HasEnded(ClaimsPrincipal caller) =>
        await EndedCredentials.WhyEnded(cluster, caller) is not null
        || (caller.TenantId() is { } tenantId && await ClosedTenants.Closure(cluster, tenantId) is not null);

    private static string CredentialOf(ClaimsPrincipal caller) =>
        $"{caller.Identity!.AuthenticationType}|{caller.TenantId()}|{caller.SubjectId()}|{caller.SessionId()}|{caller.IssuedAt()?.ToUnixTimeSeconds()}";
}
