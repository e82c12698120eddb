using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Identity;
using Orbitalyntra.Accounts;
using Orbitalyntra.Analytics;
using Orbitalyntra.Chat;
using Orbitalyntra.Closure;
using Orbitalyntra.Desk;
using Orbitalyntra.Faq;
using Orbitalyntra.Hosting;
using Orbitalyntra.Integrations;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Quotas;
using Orbitalyntra.Retention;
using Orbitalyntra.Silo.StartupTasks;
using Orbitalyntra.Storage;
using Orleans.Configuration;
using Orbitalyntra.Operations;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orbitalyntra.Silo;

/// <summary>The silo's wiring, one named step per concern, shared by Program and the tests.</summary>
public static class SiloConfiguration
{
    /// <summary>Everything a silo of Orbitalyntra is made of, in the order it is wired.</summary>
    public static ISiloBuilder AddOrbitalyntraSilo(this ISiloBuilder silo, IConfiguration configuration) => silo
        .AddOrbitalyntraCluster(configuration)
        .AddActivityPropagation()
        .AddOrbitalyntraStorage(configuration)
        .AddOrbitalyntraAccounts()
        .AddOrbitalyntraQuotas(configuration)
        .AddOrbitalyntraStreams(configuration)
        .AddOrbitalyntraReminders(configuration)
        .AddOrbitalyntraPrivacy(configuration)
        .AddOrbitalyntraRetention(configuration)
        .AddOrbitalyntraHolders()
        .AddOrbitalyntraAnalytics(configuration)
        .AddOrbitalyntraNotifications(configuration)
        .AddOrbitalyntraBacklogGauges()
        .AddOrbitalyntraClosure(configuration)
        .AddOrbitalyntraIntegrations(configuration)
        .AddOrbitalyntraDashboard()
        .AddOrbitalyntraSeed();

    /// <summary>
    /// The operators' backlog gauges (requests open and overdue, mail waiting), published by the silo that hosts
    /// <see cref="BacklogsGrain"/>.
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraBacklogGauges(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<BacklogMeters>();
        return silo;
    }

    /// <summary>
    /// Cluster identity, endpoints and Azure Table membership from the <c>Orleans</c> section (<see cref="ClusterSettings"/>,
    /// shared with the web host; Membership:*, Messaging:*).
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = configuration.ClusterSettings();
        if (configuration.StorageSettings().InMemory)
        {
            return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
        }

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        if (string.IsNullOrEmpty(cluster.AdvertisedIPAddress))
        {
            // In a container the address is the replica's own, known only when it starts (docs/decisions/0030).
            silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, System.Net.Sockets.AddressFamily.InterNetwork, cluster.ListenOnAnyHostAddress);
        }
        else
        {
            silo.ConfigureEndpoints(
                IPAddress.Parse(cluster.AdvertisedIPAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.ListenOnAnyHostAddress);
        }

        return silo.AddOrbitalyntraMembership(configuration);
    }

    /// <summary>
    /// Azure Table membership, plus membership and messaging timings from <c>Orleans:Membership</c> and
    /// <c>Orleans:Messaging</c> (fault tests shorten them so a killed silo is declared dead in about a second).
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraMembership(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = configuration.StorageSettings();
        silo.UseAzureStorageClustering(options => options.TableServiceClient = storage.Tables());
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
        silo.Services.Configure<SiloMessagingOptions>(configuration.GetSection("Orleans:Messaging"));
        return silo;
    }

    /// <summary>
    /// Grain state (including the streams' subscriptions, the PubSubStore) in Azure Blob storage, written with the Orleans
    /// serializer so that stored state follows the [Id]/[Alias] contracts; the conversation log, audit trail, subjects' places,
    /// retention index and inboxes' entries in Azure Table storage; files in the blob container `files`, FAQ search indexes in
    /// `faq-indexes`.
    /// In memory mode, all of it in memory (a test may supply its own inbox entries, to count the work done).
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        var storage = configuration.StorageSettings();
        if (storage.InMemory)
        {
            silo.AddMemoryGrainStorageAsDefault().AddMemoryGrainStorage("PubSubStore");
            silo.Services.AddSingleton<IConversationLog, MemoryConversationLog>();
            silo.Services.AddSingleton<IAuditTrail, MemoryAuditTrail>();
            silo.Services.AddSingleton<ISubjectPlaces, MemorySubjectPlaces>();
            silo.Services.AddSingleton<IFileStore, MemoryFileStore>();
            silo.Services.AddSingleton<IRetentionIndex, MemoryRetentionIndex>();
            silo.Services.TryAddSingleton<IInboxEntries, MemoryInboxEntries>();
            silo.Services.AddSingleton<IFaqIndexStore, MemoryFaqIndexStore>();
            silo.Services.AddSingleton<ITenantKeyMaterial, MemoryTenantKeyMaterial>();
            silo.Services.AddSingleton<IClosureRecords, MemoryClosureRecords>();
            silo.Services.AddSingleton<IGrainStateDirectory, NoGrainStateDirectory>();
            return silo;
        }

        void Blob(OptionsBuilder<AzureBlobStorageOptions> options, string container) =>
            options.Configure<Serializer, BlobServiceClient>((o, serializer, blobs) =>
            {
                o.BlobServiceClient = blobs;
                o.ContainerName = container;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);

                // Cleared state (an erasure, a purge) leaves no blob behind.
                o.DeleteStateOnClear = true;
            });

        silo.AddAzureBlobGrainStorageAsDefault((OptionsBuilder<AzureBlobStorageOptions> options) => Blob(options, BlobGrainStates.GrainStates));
        silo.AddAzureBlobGrainStorage("PubSubStore", (OptionsBuilder<AzureBlobStorageOptions> options) => Blob(options, BlobGrainStates.PubSub));

        silo.Services.TryAddSingleton(_ => storage.Tables());
        silo.Services.Configure<ConversationLogOptions>(configuration.GetSection("Storage:ConversationLog"));
        silo.Services.AddSingleton<TableConversationLog>();
        silo.Services.AddSingleton<IConversationLog>(services => services.GetRequiredService<TableConversationLog>());
        silo.Services.AddSingleton<TableAuditTrail>();
        silo.Services.AddSingleton<IAuditTrail>(services => services.GetRequiredService<TableAuditTrail>());
        silo.Services.AddSingleton<TableSubjectPlaces>();
        silo.Services.AddSingleton<ISubjectPlaces>(services => services.GetRequiredService<TableSubjectPlaces>());
        silo.Services.TryAddSingleton(_ => storage.Blobs());
        silo.Services.AddSingleton<BlobFileStore>();
        silo.Services.AddSingleton<IFileStore>(services => services.GetRequiredService<BlobFileStore>());
        silo.Services.AddSingleton<TableRetentionIndex>();
        silo.Services.AddSingleton<IRetentionIndex>(services => services.GetRequiredService<TableRetentionIndex>());
        silo.Services.AddSingleton<TableInboxEntries>();
        silo.Services.AddSingleton<IInboxEntries>(services => services.GetRequiredService<TableInboxEntries>());
        silo.Services.AddSingleton<BlobFaqIndexStore>();
        silo.Services.AddSingleton<IFaqIndexStore>(services => services.GetRequiredService<BlobFaqIndexStore>());
        silo.Services.AddSingleton<TableTenantKeyMaterial>();
        silo.Services.AddSingleton<ITenantKeyMaterial>(services => services.GetRequiredService<TableTenantKeyMaterial>());
        silo.Services.AddSingleton<TableClosureRecords>();
        silo.Services.AddSingleton<IClosureRecords>(services => services.GetRequiredService<TableClosureRecords>());
        silo.Services.AddSingleton<IGrainStateDirectory>(s => new BlobGrainStateDirectory(s.GetRequiredService<BlobServiceClient>(), BlobGrainStates.GrainStates));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StorageSetup>();
        return silo.AddOrbitalyntraTenantStorage();
    }

    /// <summary>
    /// Every Azure store that keeps rows or items of many tenants, for a closed tenant's deletion (docs/decisions/0033);
    /// the tenant's key material last, so that a pass that recreated it (a straggling grain) removes it again.
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraTenantStorage(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddSingleton<ITenantStorage>(s => new BlobGrainStates(s.GetRequiredService<BlobServiceClient>(), BlobGrainStates.GrainStates));
        services.AddSingleton<ITenantStorage>(s => new BlobGrainStates(s.GetRequiredService<BlobServiceClient>(), BlobGrainStates.PubSub));
        services.AddSingleton<ITenantStorage>(s => s.GetRequiredService<TableConversationLog>());
        services.AddSingleton<ITenantStorage>(s => s.GetRequiredService<TableAuditTrail>());
        services.AddSingleton<ITenantStorage>(s => s.GetRequiredService<TableSubjectPlaces>());
        services.AddSingleton<ITenantStorage>(s => s.GetRequiredService<TableRetentionIndex>());
        services.AddSingleton<ITenantStorage>(s => s.GetRequiredService<TableInboxEntries>());
        services.AddSingleton<ITenantStorage>(s => s.GetRequiredService<BlobFileStore>());
        services.AddSingleton<ITenantStorage>(s => s.GetRequiredService<BlobFaqIndexStore>());
        services.AddSingleton<ITenantStorage>(s => s.GetRequiredService<TableTenantKeyMaterial>());
        return silo;
    }

    /// <summary>Agents' passwords are hashed with ASP.NET Core Identity's hasher (PBKDF2, versioned, rehashed when outdated).</summary>
    public static ISiloBuilder AddOrbitalyntraAccounts(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IPasswordHasher<AgentState>, PasswordHasher<AgentState>>();
        return silo;
    }

    /// <summary>The visitors' limits' defaults and maxima (section <c>Quotas</c>, docs/decisions/0043), checked at start: every default within its maximum.</summary>
    public static ISiloBuilder AddOrbitalyntraQuotas(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<QuotaOptions>().Bind(configuration.GetSection(QuotaOptions.Section))
            .Validate(options => options.Defaults.Problems(options.Maxima).Count == 0, "Every Quotas:Defaults value must be within its Quotas:Maxima.")
            .ValidateOnStart();
        return silo;
    }

    /// <summary>
    /// Encryption at rest and the data subjects' rights: tenant keys derived from <c>Privacy:MasterKey</c> (required,
    /// checked at start; in memory mode a random one is made, as nothing outlives the process anyway) and the erasure
    /// retry and deadline check periods.
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraPrivacy(this ISiloBuilder silo, IConfiguration configuration)
    {
        var section = configuration.GetSection(PrivacyOptions.Section);
        var inMemory = configuration.StorageSettings().InMemory;
        silo.Services.AddOptions<PrivacyOptions>().Bind(section).PostConfigure(options =>
        {
            if (inMemory && string.IsNullOrEmpty(options.MasterKey))
            {
                options.MasterKey = Convert.ToBase64String(Sealing.NewKey());
            }
        });
        silo.Services.AddSingleton<ITenantKeyProvider, LocalTenantKeyProvider>();
        silo.Services.AddSingleton<IValidateOptions<PrivacyOptions>, MasterKeyValidation>();
        silo.Services.AddOptions<PrivacyOptions>().ValidateOnStart();
        return silo;
    }

    /// <summary>Aggregated analytics: how often the day grains persist their in-memory counts (<c>Analytics:FlushPeriod</c>).</summary>
    public static ISiloBuilder AddOrbitalyntraAnalytics(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.Configure<AnalyticsOptions>(configuration.GetSection(AnalyticsOptions.Section));
        return silo;
    }

    private sealed class MasterKeyValidation : IValidateOptions<PrivacyOptions>
    {
        public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
        {
            try
            {
                LocalTenantKeyProvider.ReadMasterKey(options);
                return ValidateOptionsResult.Success;
            }
            catch (InvalidOperationException problem)
            {
                return ValidateOptionsResult.Fail(problem.Message);
            }
        }
    }

    /// <summary>
    /// The live chat stream (<see cref="StreamSettings"/>, shared with the web host): an in-memory provider polled often,
    /// for low latency. Durability comes from the conversation log, which receivers use to fill any gap.
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraStreams(this ISiloBuilder silo, IConfiguration configuration)
    {
        var streams = configuration.StreamSettings();
        return silo.AddMemoryStreams(ChatStreams.Provider, stream =>
        {
            stream.ConfigurePartitioning(streams.QueueCount);
            stream.ConfigurePullingAgent(agent => agent.Configure(options => options.GetQueueMsgsTimerPeriod = streams.PollPeriod));
        });
    }

    /// <summary>
    /// Retention's purge period (section <c>Retention</c>) and the snooze alarm's period (section <c>Desk</c>): each runs
    /// on one reminder per tenant.
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraRetention(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section));
        silo.Services.AddOptions<DeskOptions>().Bind(configuration.GetSection(DeskOptions.Section));
        return silo;
    }

    /// <summary>
    /// What each domain adds to the holder contracts: the sections every export carries (in this order), the counts every
    /// purge report shows (in this order), and the holders purged once per tenant rather than through the index. Privacy
    /// and Retention know holders only through these registrations and the places and index entries the holders write.
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraHolders(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddSingleton(new ExportSection(ExportedConversation.Section));
        services.AddSingleton(new ExportSection(Visitors.VisitorSession.ExportSection));
        services.AddSingleton(new ExportSection(Bans.VisitorBan.ExportSection));
        services.AddSingleton(new ExportSection(Faq.FaqQuestionsGrain.Section));
        services.AddSingleton(new ExportSection(Accounts.AgentGrain.AccountSection));
        services.AddSingleton(new ExportSection(Accounts.AgentGrain.ActionsSection));
        string[] counters =
        [
            .. ConversationGrain.PurgeCounters, .. Visitors.VisitorSessionGrain.PurgeCounters, AnalyticsDayGrain.DaysCounter,
            AuditTrailGrain.AuditEntriesCounter, PrivacyRequestsGrain.ClosedRequestsCounter, NotificationOutboxGrain.LogEntriesCounter,
            Faq.FaqQuestionsGrain.Section, Faq.FaqEffectivenessDayGrain.DaysCounter, WebhookLogGrain.LogEntriesCounter,
        ];
        foreach (var counter in counters)
        {
            services.AddSingleton(new PurgeCounter(counter));
        }

        services.AddSingleton(new TenantRetentionHolder(PrivacyRequestsGrain.GrainTypeName));
        services.AddSingleton(new TenantRetentionHolder(AuditTrailGrain.GrainTypeName));
        services.AddSingleton(new TenantRetentionHolder(NotificationOutboxGrain.GrainTypeName));
        services.AddSingleton(new TenantRetentionHolder(WebhookLogGrain.GrainTypeName));
        services.AddProcessingActivities();
        return silo;
    }

    /// <summary>The reminder periods a configuration may shorten; tests do, and the reminder minimum follows them down.</summary>
    private static readonly string[] ReminderPeriods =
    [
        $"{PrivacyOptions.Section}:{nameof(PrivacyOptions.ErasureRetryPeriod)}", $"{PrivacyOptions.Section}:{nameof(PrivacyOptions.DeadlineCheckPeriod)}",
        $"{RetentionOptions.Section}:{nameof(RetentionOptions.PurgePeriod)}", $"{RetentionOptions.Section}:{nameof(RetentionOptions.AfterPolicyChange)}",
        $"{RetentionOptions.Section}:{nameof(RetentionOptions.HeldErasureRetryPeriod)}",
        $"{DeskOptions.Section}:{nameof(DeskOptions.SnoozeCheckPeriod)}",
        $"{NotificationOptions.Section}:{nameof(NotificationOptions.RetryCheckPeriod)}",
        $"{ClosureOptions.Section}:{nameof(ClosureOptions.CheckPeriod)}",
        $"{WebhookOptions.Section}:{nameof(WebhookOptions.RetryCheckPeriod)}",
    ];

    /// <summary>
    /// Reminders in Azure Table storage (retention and erasure run on them); the minimum period is lowered when a
    /// configured period is shorter than a minute (tests).
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraReminders(this ISiloBuilder silo, IConfiguration configuration)
    {
        var shortest = ReminderPeriods.Select(key => configuration.GetValue<TimeSpan?>(key) ?? TimeSpan.MaxValue).Min();
        if (shortest < TimeSpan.FromMinutes(1))
        {
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = shortest);
        }

        var storage = configuration.StorageSettings();
        if (storage.InMemory)
        {
            return silo.UseInMemoryReminderService();
        }

        return silo.UseAzureTableReminderService(options => options.TableServiceClient = storage.Tables());
    }

    /// <summary>
    /// Mail: the outboxes' timings and the SMTP server or relay (section <c>Notifications</c>, credentials from a secret
    /// store), sent through MailKit (docs/notifications.md).
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraNotifications(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section));
        silo.Services.TryAddSingleton<IMailSender, SmtpMailSender>();
        silo.Services.AddSingleton<MailLinks>();
        silo.Services.AddSingleton<MailComposer>();
        return silo;
    }

    /// <summary>
    /// Closing tenants (section <c>Closure</c>): the grace period before a closed tenant is deleted (30 days unless the
    /// deployment says otherwise) and how often its reminder checks (docs/decisions/0033).
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraClosure(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<ClosureOptions>().Bind(configuration.GetSection(ClosureOptions.Section));
        return silo;
    }

    /// <summary>
    /// Webhooks: delivery timings and the loopback exception of the address guard (section <c>Integrations:Webhooks</c>,
    /// docs/integrations.md), sent by one shared HTTP client.
    /// </summary>
    public static ISiloBuilder AddOrbitalyntraIntegrations(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section));
        silo.Services.AddSingleton<WebhookSender>();
        silo.Services.AddSingleton<WebhookThrottle>();
        return silo;
    }

    /// <summary>Orleans Dashboard statistics collected on every silo; the UI is mapped by a web host.</summary>
    public static ISiloBuilder AddOrbitalyntraDashboard(this ISiloBuilder silo) => silo.AddDashboard();

    /// <summary>The seeded demo tenant, so that a fresh local run has something to chat in.</summary>
    public static ISiloBuilder AddOrbitalyntraSeed(this ISiloBuilder silo) => silo.AddStartupTask<SeedDemoTenantTask>();
}
