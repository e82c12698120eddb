using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orbitalyntra.Silo;
using Orbitalyntra.Benchmarks.Targets;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// A silo host in the test process, built with the same configuration as Silo/Program.cs: real TCP endpoints on
/// loopback, Azure Table membership and the Azure storage providers on Azurite.
/// </summary>
public static class TestSilo
{
    public static Task<IHost> Start(string clusterId, Action<IServiceCollection>? services = null, params HttpPipelinePolicy[] tablePolicies) =>
        Start(clusterId, services, new Dictionary<string, string?>(), tablePolicies);

    /// <summary>A silo with <paramref name="settings"/> on top of the tests' configuration (they may set another Orleans:ServiceId).</summary>
    public static async Task<IHost> Start(
        string clusterId, Action<IServiceCollection>? services, IDictionary<string, string?> settings, params HttpPipelinePolicy[] tablePolicies)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(TestStorage.Configuration(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = TestStorage.ServiceId,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        }.Concat(settings).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value)));
        builder.Logging.AddConsole().AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Warning)
            .AddProvider(CapturedLogs.Instance).SetMinimumLevel(LogLevel.Debug);
        if (tablePolicies.Length > 0)
        {
            var options = new TableClientOptions();
            foreach (var policy in tablePolicies)
            {
                options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            }

            builder.Services.AddSingleton(new TableServiceClient(TestStorage.ConnectionString, options));
        }

        services?.Invoke(builder.Services);
        builder.UseOrleans(silo => silo.AddOrbitalyntraSilo(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
