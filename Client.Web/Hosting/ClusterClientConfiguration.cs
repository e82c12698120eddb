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
        var cluster = configuration.ClusterSettings();
        var orleans = configuration.GetSection(ClusterSettings.Section);
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            })
            .Configure<GatewayOptions>(orleans.GetSection("Gateway"))
            .Configure<ClientMessagingOptions>(orleans.GetSection("Messaging"))
            .UseOrbitalyntraClustering(configuration.StorageSettings(), cluster)
            .AddActivityPropagation()
            .AddMemoryStreams(ChatStreams.Provider, stream => stream.ConfigurePartitioning(configuration.StreamSettings().QueueCount))
            .AddOrbitalyntraDashboard()
            .AddGatewayCountChangedHandler(services => (_, change) =>
            {
                if (change.ConnectionRecovered)
                {
                    _ = services.GetRequiredService<ConversationRelay>().ResumeAfterReconnect();
                    _ = services.GetRequiredService<InboxRelay>().Resume();
                }
            }));
        return builder;
    }

    /// <summary>Azure Table membership; in memory mode, the single local silo's gateway.</summary>
    private static IClientBuilder UseOrbitalyntraClustering(this IClientBuilder client, StorageSettings storage, ClusterSettings cluster) =>
        storage.InMemory
            ? client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId)
            : client.UseAzureStorageClustering(options => options.TableServiceClient = storage.Tables());
}
