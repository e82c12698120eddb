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

    /// <summary>
    /// The Azure Storage account as a connection string: the local Azurite by default. Used when no service URIs are
    /// given; in Azure there is none (shared-key access is off), the URIs and a managed identity serve instead.
    /// </summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The account's Table endpoint (<c>https://{account}.table.core.windows.net</c>); with it, the account is reached through Microsoft Entra ID.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The account's Blob endpoint; required with <see cref="TableServiceUri"/>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>
    /// The client id of the user-assigned managed identity to sign in as (Azure's <c>AZURE_CLIENT_ID</c>); empty for the
    /// rest of <c>DefaultAzureCredential</c>'s chain (a developer's Azure CLI sign-in, for a benchmark against a real account).
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>True when the account is reached by its service URIs and a token credential rather than a connection string.</summary>
    public bool UsesServiceUris => TableServiceUri is not null;

    /// <summary>True in <see cref="StorageMode.Memory"/>.</summary>
    public bool InMemory => Mode == StorageMode.Memory;
}
