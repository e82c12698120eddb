using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Orbitalyntra.Storage;

/// <summary>
/// Items of one Azure Blob container, one blob per item, by name: what the stores of files and of search indexes have in
/// common. Names are opaque ids chosen by the callers, each starting with its tenant's id and a slash; nothing personal
/// goes into them.
/// </summary>
public abstract class BlobContainerStore(BlobServiceClient blobs, string containerName) : ITenantStorage
{
    /// <inheritdoc/>
    public string Name => $"blob container {containerName}";

    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(containerName);

    /// <summary>Creates the container if it is missing; the silo calls this once while it starts.</summary>
    public Task EnsureCreated(CancellationToken cancellationToken) => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/>, replacing what was there.</summary>
    public Task Write(string name, byte[] content) => container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true);

    /// <summary>The content, or null when there is none (never written, or deleted).</summary>
    public async Task<byte[]?> Read(string name)
    {
        try
        {
            return (await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Deletes the item; idempotent.</summary>
    public Task Delete(string name) => container.GetBlobClient(name).DeleteIfExistsAsync();

    /// <summary>Deletes every item whose name starts with <paramref name="prefix"/>; idempotent. Answers how many it deleted.</summary>
    public async Task<int> DeleteAll(string prefix)
    {
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            if (await container.GetBlobClient(blob.Name).DeleteIfExistsAsync())
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <inheritdoc/>
    public Task<int> DeleteTenant(string tenantId) => DeleteAll(tenantId + "/");
}
