using Microsoft.Extensions.Configuration;

namespace Orbitalyntra.Hosting;

/// <summary>The shared settings as a silo's or a web host's configuration gives them, defaults filled in.</summary>
public static class HostingConfiguration
{
    /// <summary>The <c>Orleans</c> section.</summary>
    public static ClusterSettings ClusterSettings(this IConfiguration configuration) => Read<ClusterSettings>(configuration, Hosting.ClusterSettings.Section);

    /// <summary>The <c>Storage</c> section.</summary>
    public static StorageSettings StorageSettings(this IConfiguration configuration) => Read<StorageSettings>(configuration, Hosting.StorageSettings.Section);

    /// <summary>The <c>Streams</c> section.</summary>
    public static StreamSettings StreamSettings(this IConfiguration configuration) => Read<StreamSettings>(configuration, Hosting.StreamSettings.Section);

    /// <summary>A section bound to its settings; a value that does not convert fails the start with the key and the value named.</summary>
    private static T Read<T>(IConfiguration configuration, string section)
        where T : new() => configuration.GetSection(section).Get<T>() ?? new T();
}
