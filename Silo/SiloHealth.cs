using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orbitalyntra.Hosting;

namespace Orbitalyntra.Silo;

/// <summary>A silo's probes (docs/decisions/0029): live while Orleans' own health participants are; ready while it is an active member and storage answers.</summary>
public static class SiloHealth
{
    public static IServiceCollection AddOrbitalyntraSiloHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOrbitalyntraHealthChecks(configuration.StorageSettings())
            .AddCheck<OrleansParticipantsCheck>("orleans", tags: [HealthConfiguration.Live])
            .AddCheck<ActiveMemberCheck>("membership", tags: [HealthConfiguration.Ready]);
        return services;
    }

    /// <summary>The membership agent, table manager and cluster health monitor, as Orleans' own watchdog asks them.</summary>
    private sealed class OrleansParticipantsCheck(IEnumerable<IHealthCheckParticipant> participants) : IHealthCheck
    {
        private DateTime lastCheck = DateTime.UtcNow;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var since = lastCheck;
            lastCheck = DateTime.UtcNow;
            foreach (var participant in participants)
            {
                if (!participant.CheckHealth(since, out var reason))
                {
                    return Task.FromResult(HealthCheckResult.Unhealthy(reason));
                }
            }

            return Task.FromResult(HealthCheckResult.Healthy());
        }
    }

    /// <summary>Ready only as an active member: not while joining, nor once it started leaving (graceful shutdown).</summary>
    private sealed class ActiveMemberCheck(ISiloStatusOracle membership) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(membership.CurrentStatus == SiloStatus.Active
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The silo is {membership.CurrentStatus}."));
    }
}
