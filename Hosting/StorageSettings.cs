namespace Orbitalyntra.Hosting;

/// <summary>Where a cluster keeps its data.</summary>
public enum StorageMode
{
    /// <summary>Azure Storage (or Azurite): membership, grain state, reminders, logs. The default.</summary>
    Azure = 1,

    /// <summary>One silo, nothing durable: for benchmarks that measure the cost of durability, and quick experiments.</summary>
    Memory = 2,
}

/// <summary>Where the cluster keeps its data (configuration section <c>Storage</c>), read alike by the silo and the web host.</summary>
public sealed class StorageSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>Azure Storage, or memory.</summary>
    public StorageMode Mode { get; set; } = StorageMode.Azure;

    /// <summary>The Azure Storage account; the local Azurite by default.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>True in <see cref="StorageMode.Memory"/>.</summary>
    public bool InMemory => Mode == StorageMode.Memory;
}
