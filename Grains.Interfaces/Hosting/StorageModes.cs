using Microsoft.Extensions.Configuration;

namespace Orbitalyntra.Hosting;

/// <summary>
/// Where a cluster keeps its data, read from <c>Storage:Mode</c> by the silo and the web host alike:
/// <c>Azure</c> (the default: Azure Storage or Azurite) or <c>Memory</c> (one silo, nothing durable; for benchmarks
/// that measure the cost of durability, and quick experiments).
/// </summary>
public static class StorageModes
{
    /// <summary>True when <c>Storage:Mode</c> is <c>Memory</c>.</summary>
    public static bool UsesMemoryStorage(this IConfiguration configuration) =>
        string.Equals(configuration["Storage:Mode"], "Memory", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Azure Storage connection: <c>Storage:ConnectionString</c>, the local Azurite by default.</summary>
    public static string StorageConnectionString(this IConfiguration configuration) =>
        configuration["Storage:ConnectionString"] is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";
}
