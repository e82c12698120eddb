using Azure.Data.Tables;
using Orbitalyntra.Chat;
using Orbitalyntra.Hosting;
using Orbitalyntra.Web.Relay;
using Orleans.Configuration;

namespace Orbitalyntra.Web.Hosting;

public static class ClusterClientConfiguration
{
    /// <summary>
    /// Makes this host an Orleans client of the cluster named in the <c>Orleans</c> section, found through Azure
    /// Table membership; when its connection to the cluster comes back, the stream relay re-subscribes.
    /// </summary>
    public static WebApplicationBuilder AddOrbitalyntraClusterClient(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var orleans = configuration.GetSection("Orleans");
        var clusterId = orleans["ClusterId"] ?? "orbitalyntra-local";
        var serviceId = orleans["ServiceId"] ?? "orbitalyntra";
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = serviceId;
            })
            .Configure<GatewayOptions>(orleans.GetSection("Gateway"))
            .Configure<ClientMessagingOptions>(orleans.GetSection("Messaging"))
            .UseOrbitalyntraClustering(configuration, serviceId, clusterId)
            .AddMemoryStreams(ChatStreams.Provider)
            .AddOrbitalyntraDashboard()
            .AddGatewayCountChangedHandler(services => (_, change) =>
            {
                if (change.ConnectionRecovered)
                {
                    services.GetRequiredService<ConversationRelay>().ResumeAfterReconnect();
                    _ = services.GetRequiredService<InboxRelay>().Resume();
                }
            }));
        return builder;
    }

    /// <summary>Azure Table membership; in memory mode, the single local silo's gateway.</summary>
    private static IClientBuilder UseOrbitalyntraClustering(this IClientBuilder client, IConfiguration configuration, string serviceId, string clusterId) =>
        configuration.UsesMemoryStorage()
            ? client.UseLocalhostClustering(configuration.GetValue("Orleans:GatewayPort", 30000), serviceId, clusterId)
            : client.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(configuration.StorageConnectionString()));
}
