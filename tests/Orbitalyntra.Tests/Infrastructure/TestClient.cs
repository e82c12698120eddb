using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orbitalyntra.Chat;
using Orleans.Configuration;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>A plain Orleans client of a cluster, with a short response timeout so calls to a dead silo fail fast.</summary>
public static class TestClient
{
    public static async Task<IHost> Start(string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = TestStorage.ServiceId;
            })
            .Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5))
            .Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
            .UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(TestStorage.ConnectionString))
            .AddMemoryStreams(ChatStreams.Provider));
        var host = builder.Build();
        await Eventually.Succeeds(() => host.StartAsync());
        return host;
    }

    public static IClusterClient Client(this IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
