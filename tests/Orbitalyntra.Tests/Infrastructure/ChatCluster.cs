using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// A cluster of two silos in the test process on Azurite, and the real Client.Web host on loopback as its Orleans
/// client. Grain-level tests use that host's cluster client.
/// </summary>
public class ChatCluster : IAsyncLifetime
{
    private readonly List<IHost> silos = [];
    private readonly Action<IServiceCollection>? services;
    private readonly IDictionary<string, string?> settings;

    public ChatCluster()
        : this(null, new Dictionary<string, string?>())
    {
    }

    /// <summary>A cluster whose silos have <paramref name="services"/> added, with <paramref name="settings"/> on top of the tests' configuration.</summary>
    protected ChatCluster(Action<IServiceCollection>? services, IDictionary<string, string?> settings)
    {
        this.services = services;
        this.settings = settings;
    }

    /// <summary>The cluster's service: its reminders are seen only by clusters of the same service.</summary>
    public string ServiceId => settings.TryGetValue("Orleans:ServiceId", out var id) && id is not null ? id : TestStorage.ServiceId;

    public string ClusterId { get; } = TestStorage.NewClusterId();

    /// <summary>Storage requests of the silos' table client (the conversation log, the audit trail, the inbox, subjects' places, the retention index), from every silo.</summary>
    public StorageWorkCounter TableWork { get; } = new();

    /// <summary>Storage requests of the silos' blob client (grain state, streams' pub-sub state, files), from every silo.</summary>
    public StorageWorkCounter BlobWork { get; } = new();

    /// <summary>Every storage request of the silos (tables and blobs; reminders and membership excepted).</summary>
    public StorageWork StorageWork => TableWork.Total + BlobWork.Total;

    /// <summary>Faults injected into every silo's table storage (the conversation log, the audit trail, reminders excepted).</summary>
    public StorageFaults TableFaults { get; } = new();

    public WebHost Web { get; private set; } = null!;

    public IClusterClient Client => Web.ClusterClient;

    public async Task InitializeAsync()
    {
        await StartSilos();
        Web = await WebHost.Start(ClusterId, ServiceId);
    }

    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        await StopSilos();
    }

    public async Task StartSilos()
    {
        void CountedServices(IServiceCollection silo)
        {
            services?.Invoke(silo);
            silo.AddSingleton(TestStorage.BlobService(BlobWork));
        }

        silos.AddRange(await Task.WhenAll(
            TestSilo.Start(ClusterId, CountedServices, settings, TableWork, TableFaults),
            TestSilo.Start(ClusterId, CountedServices, settings, TableWork, TableFaults)));
    }

    /// <summary>Stops every silo: the whole cluster is down until <see cref="StartSilos"/>.</summary>
    public async Task StopSilos()
    {
        foreach (var silo in silos)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        silos.Clear();
    }

    /// <summary>A new tenant, signed up through the API, with its administrator signed in.</summary>
    public Task<TenantSession> NewTenant() => TenantSession.Create(Web);

    public IConversationGrain Conversation(ConversationKey key) => Client.GetGrain<IConversationGrain>(key.ToString());

    public Task Deactivate(IAddressable grain) => Client.GetGrain<IManagementGrain>(0).DeactivateGrain(grain.GetGrainId());
}

[CollectionDefinition(Name)]
public sealed class ChatClusterCollection : ICollectionFixture<ChatCluster>
{
    public const string Name = "chat cluster";
}

/// <summary>
/// A chat cluster of a service of its own, for the tests that count storage requests: no other test's tenants,
/// reminders (retention purges, erasure retries) or background work run on its silos and add to the counts.
/// </summary>
public sealed class StorageWorkCluster() : ChatCluster(null, new Dictionary<string, string?>
{
    ["Orleans:ServiceId"] = $"storage-work-{Guid.NewGuid():N}",

    // One returning visitor starts dozens of conversations here (one on every channel) and leaves them open: what is
    // measured is their storage work, not the visitors' limits (QuotaTests), which would refuse them.
    ["Quotas:Maxima:ConversationsPerVisitorPerHour"] = "100000",
    ["Quotas:Maxima:OpenConversationsPerVisitor"] = "100000",
    ["Quotas:Defaults:ConversationsPerVisitorPerHour"] = "100000",
    ["Quotas:Defaults:OpenConversationsPerVisitor"] = "100000",
});

/// <summary>
/// Run alone, after the other collections: batching depends on how many appends queue while a transaction is in flight,
/// and the suite's other collections competing for the two cores turned 0.146 requests per message into 0.206.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StorageWorkClusterCollection : ICollectionFixture<StorageWorkCluster>
{
    public const string Name = "storage work cluster";
}
