using Microsoft.Extensions.Configuration;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>The Azurite the test command started (ORBITALYNTRA_TEST_STORAGE), or a local one on the default ports.</summary>
public static class TestStorage
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("ORBITALYNTRA_TEST_STORAGE") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    public const string ServiceId = "orbitalyntra-tests";

    public static string NewClusterId() => $"tests-{Guid.NewGuid():N}";

    public static IConfiguration Configuration(IDictionary<string, string?>? extra = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = ConnectionString })
            .AddInMemoryCollection(extra ?? new Dictionary<string, string?>())
            .Build();
}
