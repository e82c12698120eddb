using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orbitalyntra.Hosting;

/// <summary>
/// The probes of a silo or a web host, public on purpose (the platform calls them without credentials) and telling no more
/// than a status: <c>/health/live</c> (the process works; a failure restarts it) and <c>/health/ready</c> (it can serve;
/// a failure takes it out of the load balancer until it passes again).
/// </summary>
public static class HealthConfiguration
{
    /// <summary>The probes' base path.</summary>
    public const string Path = "/health";

    /// <summary>Checks that decide liveness.</summary>
    public const string Live = "live";

    /// <summary>Checks that decide readiness.</summary>
    public const string Ready = "ready";

    /// <summary>The checks every process has: storage reachable (readiness). Each process adds its own.</summary>
    public static IHealthChecksBuilder AddOrbitalyntraHealthChecks(this IServiceCollection services, StorageSettings storage)
    {
        var checks = services.AddHealthChecks();
        if (!storage.InMemory)
        {
            checks.AddCheck("storage", new StorageHealthCheck(storage.Tables(probe: true)), tags: [Ready], timeout: StorageHealthCheck.Timeout);
        }

        return checks;
    }

    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static WebApplication MapOrbitalyntraHealth(this WebApplication app)
    {
        app.MapHealthChecks($"{Path}/{Live}", Options(Live)).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks($"{Path}/{Ready}", Options(Ready)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static HealthCheckOptions Options(string tag) => new() { Predicate = check => check.Tags.Contains(tag) };

    /// <summary>
    /// Storage answers a query of the membership table (which every silo and web host reads anyway), with no retries: a
    /// probe must say how storage is now, not after the SDK's back-off.
    /// </summary>
    private sealed class StorageHealthCheck(TableServiceClient tables) : IHealthCheck
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        private readonly TableClient membership = tables.GetTableClient("OrleansSiloInstances");

        /// <remarks>A failure throws: the health check service reports it as unhealthy.</remarks>
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await foreach (var _ in membership.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return HealthCheckResult.Healthy();
        }
    }
}
