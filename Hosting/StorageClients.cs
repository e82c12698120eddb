using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace Orbitalyntra.Hosting;

/// <summary>
/// The Azure Storage clients of a silo or a web host: through the service URIs and Microsoft Entra ID (a managed identity
/// in Azure) when <see cref="StorageSettings.UsesServiceUris"/>, through the connection string otherwise (Azurite).
/// </summary>
public static class StorageClients
{
    /// <summary>
    /// The Table service (membership, reminders, the conversation log, the indexes); for a health probe
    /// (<paramref name="probe"/>), one that does not retry and gives up after a few seconds.
    /// </summary>
    public static TableServiceClient Tables(this StorageSettings storage, bool probe = false)
    {
        var options = new TableClientOptions();
        if (probe)
        {
            options.Retry.MaxRetries = 0;
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
        }

        return storage.UsesServiceUris
            ? new TableServiceClient(storage.TableServiceUri, storage.Credential(), options)
            : new TableServiceClient(storage.ConnectionString, options);
    }

    /// <summary>The Blob service (grain state, files, search indexes).</summary>
    public static BlobServiceClient Blobs(this StorageSettings storage) =>
        storage.UsesServiceUris ? new BlobServiceClient(Required(storage.BlobServiceUri, nameof(StorageSettings.BlobServiceUri)), storage.Credential()) : new BlobServiceClient(storage.ConnectionString);

    private static TokenCredential Credential(this StorageSettings storage) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrEmpty(storage.ManagedIdentityClientId) ? null : storage.ManagedIdentityClientId });

    private static Uri Required(Uri? uri, string setting) =>
        uri ?? throw new InvalidOperationException($"Storage:{setting} is required when Storage:{nameof(StorageSettings.TableServiceUri)} is set.");
}
