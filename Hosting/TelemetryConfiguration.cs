using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orbitalyntra.Hosting;

/// <summary>
/// OpenTelemetry for a silo or a web host (docs/decisions/0029): metrics always (ASP.NET Core, HttpClient, the runtime,
/// Orleans and our own meters, <see cref="MeterPrefix"/>*), scraped at <c>/metrics</c>; traces (ASP.NET Core, SignalR,
/// HttpClient, the Azure SDK, Orleans grain calls) only when something exports them; everything to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set.
/// </summary>
public static class TelemetryConfiguration
{
    /// <summary>Every meter of ours is named with this prefix (e.g. <c>Orbitalyntra.Chat</c>).</summary>
    public const string MeterPrefix = "Orbitalyntra.";

    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The setting that turns traces on without Azure Monitor (tests, with an exporter of their own).</summary>
    public const string TracesSetting = "Telemetry:Traces";

    private const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    private static readonly string[] TracedSources =
    [
        "Microsoft.AspNetCore.SignalR.Server", "Azure.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application",
    ];

    /// <summary>Telemetry for the process named <paramref name="serviceName"/> (<c>orbitalyntra-silo</c>, <c>orbitalyntra-web</c>).</summary>
    public static IHostApplicationBuilder AddOrbitalyntraTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var azureMonitor = builder.Configuration[AzureMonitorSetting];
        var exportsToAzure = !string.IsNullOrEmpty(azureMonitor);
        var traces = exportsToAzure || builder.Configuration.GetValue<bool>(TracesSetting);

        // The Azure SDK's activities are still behind a switch (Azure.Core's "experimental" distributed tracing).
        if (traces)
        {
            AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.Orleans", MeterPrefix + "*")
                    .AddPrometheusExporter();
                if (exportsToAzure)
                {
                    metrics.AddAzureMonitorMetricExporter(options => options.ConnectionString = azureMonitor);
                }
            });
        if (traces)
        {
            telemetry.WithTracing(tracing =>
            {
                // Probes and scrapes every few seconds are noise, not traffic. Query strings (SignalR's access token) are
                // redacted by the instrumentation by default.
                tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperational(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddSource(TracedSources);
                if (exportsToAzure)
                {
                    tracing.AddAzureMonitorTraceExporter(options => options.ConnectionString = azureMonitor);
                }
            });
        }

        if (exportsToAzure)
        {
            builder.Logging.AddOpenTelemetry(logging => logging.AddAzureMonitorLogExporter(options => options.ConnectionString = azureMonitor));
        }

        return builder;
    }

    /// <summary>The Prometheus scrape endpoint; the caller decides who may read it.</summary>
    public static IEndpointConventionBuilder MapOrbitalyntraMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint(MetricsPath);

    private static bool IsOperational(PathString path) => path.StartsWithSegments(HealthConfiguration.Path) || path.StartsWithSegments(MetricsPath);
}
