using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Orbitalyntra.Analytics;
using Orbitalyntra.Chat;
using Orbitalyntra.Desk;
using Orbitalyntra.Hosting;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.UnitTests.Hosting;

/// <summary>
/// Each host's appsettings.json lists the defaults the settings classes hold (docs/decisions/0015): an operator who reads
/// the file reads what runs, and a default changed on one side only fails here.
/// </summary>
public sealed class AppSettingsTests
{
    [Fact]
    public void The_silos_appsettings_hold_the_defaults_of_its_settings()
    {
        var silo = AppSettings("Silo");

        AssertDefaults(silo.ClusterSettings());
        AssertDefaults(silo.StorageSettings());
        AssertDefaults(silo.StreamSettings());
        AssertDefaults(Bound<PrivacyOptions>(silo, PrivacyOptions.Section));
        AssertDefaults(Bound<RetentionOptions>(silo, RetentionOptions.Section));
        AssertDefaults(Bound<AnalyticsOptions>(silo, AnalyticsOptions.Section));
        AssertDefaults(Bound<DeskOptions>(silo, DeskOptions.Section));
        AssertDefaults(Bound<Orbitalyntra.Notifications.NotificationOptions>(silo, Orbitalyntra.Notifications.NotificationOptions.Section));
        AssertDefaults(Bound<ConversationLogOptions>(silo, "Storage:ConversationLog"));
    }

    [Fact]
    public void The_web_hosts_appsettings_hold_the_defaults_of_its_settings()
    {
        var web = AppSettings("Client.Web");

        AssertDefaults(web.ClusterSettings());
        AssertDefaults(web.StorageSettings());
        AssertDefaults(web.StreamSettings());
        Assert.Equal(RateLimits.DefaultPublicRequestsPerMinute, web.GetValue<int>("Auth:PublicRequestsPerMinute"));
    }

    [Fact]
    public void A_setting_changed_in_the_file_is_told_apart_from_the_default()
    {
        var changed = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:GatewayPort"] = "30001" }).Build();

        Assert.NotEqual(Json(new ClusterSettings()), Json(changed.ClusterSettings()));
    }

    private static IConfiguration AppSettings(string project) =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), project, "appsettings.json"), optional: false).Build();

    private static T Bound<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var settings = new T();
        configuration.GetSection(section).Bind(settings);
        return settings;
    }

    private static void AssertDefaults<T>(T settings)
        where T : new() => Assert.Equal(Json(new T()), Json(settings));

    private static string Json<T>(T settings) => JsonSerializer.Serialize(settings);

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "Orbitalyntra.sln")))
        {
            folder = folder.Parent ?? throw new InvalidOperationException("The tests run outside the repository.");
        }

        return folder.FullName;
    }
}
