using Microsoft.Extensions.Configuration;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>The Azurite the test command started (ORBITALYNTRA_TEST_STORAGE), or a local one on the default ports.</summary>
public static class TestStorage
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("ORBITALYNTRA_TEST_STORAGE") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    public const string ServiceId = "orbitalyntra-tests";

    public static string NewClusterId() => $"tests-{Guid.NewGuid():N}";

    /// <summary>
    /// The tests' key for personal data at rest, derived from the storage they use: no secret is committed, and test runs
    /// against the same (local, throwaway) storage can read each other's tenants, as the seeded demo tenant requires.
    /// </summary>
    public static string MasterKey { get; } = Convert.ToBase64String(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("orbitalyntra-tests:" + ConnectionString)));

    /// <summary>
    /// How often test silos retry an unfinished erasure, check request deadlines, snoozes and closed tenants' grace periods
    /// (production: a minute, an hour, a minute, an hour).
    /// </summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(2);

    /// <summary>How often test silos persist the analytics counts they hold in memory (production: 10 s).</summary>
    public static readonly TimeSpan AnalyticsFlushPeriod = TimeSpan.FromSeconds(1);

    /// <summary>A blob client for this storage whose every request (retries included) passes through <paramref name="policy"/>.</summary>
    public static Azure.Storage.Blobs.BlobServiceClient BlobService(Azure.Core.Pipeline.HttpPipelinePolicy policy)
    {
        var options = new Azure.Storage.Blobs.BlobClientOptions();
        options.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerRetry);
        return new Azure.Storage.Blobs.BlobServiceClient(ConnectionString, options);
    }

    public static IConfiguration Configuration(IDictionary<string, string?>? extra = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = ConnectionString,
                ["Privacy:MasterKey"] = MasterKey,
                ["Privacy:ErasureRetryPeriod"] = ReminderPeriod.ToString(),
                ["Retention:HeldErasureRetryPeriod"] = ReminderPeriod.ToString(),
                ["Privacy:DeadlineCheckPeriod"] = ReminderPeriod.ToString(),
                ["Desk:SnoozeCheckPeriod"] = ReminderPeriod.ToString(),
                ["Analytics:FlushPeriod"] = AnalyticsFlushPeriod.ToString(),
                ["Notifications:Smtp:Host"] = MailDev.SmtpHost,
                ["Notifications:Smtp:Port"] = MailDev.SmtpPort.ToString(),
                ["Notifications:RetryCheckPeriod"] = ReminderPeriod.ToString(),
                ["Notifications:PollPeriod"] = "00:00:00.200",
                ["Notifications:BaseBackoff"] = "00:00:01",
                ["Closure:CheckPeriod"] = ReminderPeriod.ToString(),
                ["Integrations:Webhooks:AllowLoopback"] = "true",
                ["Integrations:Webhooks:Timeout"] = WebhookReceiver.SenderTimeout.ToString(),
                ["Integrations:Webhooks:PollPeriod"] = "00:00:00.200",
                ["Integrations:Webhooks:BaseBackoff"] = "00:00:01",
                ["Integrations:Webhooks:MaxBackoff"] = "00:00:02",
                ["Integrations:Webhooks:RetryCheckPeriod"] = ReminderPeriod.ToString(),
            })
            .AddInMemoryCollection(extra ?? new Dictionary<string, string?>())
            .Build();
}
