using Azure.Data.Tables;
using Orbitalyntra.Chat;
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
        var connectionString = configuration["Storage:ConnectionString"] is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = orleans["ClusterId"] ?? "orbitalyntra-local";
                options.ServiceId = orleans["ServiceId"] ?? "orbitalyntra";
            })
            .Configure<GatewayOptions>(orleans.GetSection("Gateway"))
            .Configure<ClientMessagingOptions>(orleans.GetSection("Messaging"))
            .UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(connectionString))
            .AddMemoryStreams(ChatStreams.Provider)
            .AddGatewayCountChangedHandler(services => (_, change) =>
            {
                if (change.ConnectionRecovered)
                {
                    services.GetRequiredService<ConversationRelay>().ResumeAfterReconnect();
                }
            }));
        return builder;
    }
}
