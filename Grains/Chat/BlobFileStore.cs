using Azure;
using Azure.Storage.Blobs;

namespace Orbitalyntra.Chat;

/// <summary>Files in the Azure Blob container <c>files</c>, one blob per file, named by opaque ids only.</summary>
public sealed class BlobFileStore(BlobServiceClient blobs) : IFileStore
{
    public const string ContainerName = "files";

    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(ContainerName);

    public Task EnsureCreated(CancellationToken cancellationToken) => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public Task Write(string name, byte[] content) => container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true);

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

    public Task Delete(string name) => container.GetBlobClient(name).DeleteIfExistsAsync();

    public async Task<int> DeleteAll(string prefix)
    {
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            if (await container.GetBlobClient(blob.Name).DeleteIfExistsAsync())
            {
                deleted++;
            }
        }

        return deleted;
    }
}
