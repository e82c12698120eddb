using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orbitalyntra.Hosting;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Hosting;

/// <summary>What the platform and the operators watch the web host by (docs/decisions/0029): telemetry, probes, metrics.</summary>
public static class OperationsConfiguration
{
    /// <summary>OpenTelemetry, and the probes: ready while the cluster answers and storage does.</summary>
    public static WebApplicationBuilder AddOrbitalyntraOperations(this WebApplicationBuilder builder)
    {
        builder.AddOrbitalyntraTelemetry("orbitalyntra-web");
        builder.Services.AddOrbitalyntraHealthChecks(builder.Configuration.StorageSettings())
            .AddCheck<ClusterAnswersCheck>("cluster", tags: [HealthConfiguration.Ready], timeout: ClusterAnswersCheck.Timeout);
        return builder;
    }

    /// <summary>The probes for everyone (they say a status, nothing more); the metrics for operators, like the dashboard.</summary>
    public static WebApplication MapOrbitalyntraOperations(this WebApplication app)
    {
        app.MapOrbitalyntraHealth();
        app.MapOrbitalyntraMetrics().RequireAuthorization(policy => policy.RequireRole(Caller.OperatorRole));
        return app;
    }

    /// <summary>The cluster client reaches a gateway and the cluster has an active silo.</summary>
    private sealed class ClusterAnswersCheck(IClusterClient cluster) : IHealthCheck
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var silos = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            return silos.Count > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No active silo.");
        }
    }
}
