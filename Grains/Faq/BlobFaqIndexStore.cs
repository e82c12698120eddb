using Azure;
using Azure.Storage.Blobs;

namespace Orbitalyntra.Faq;

/// <summary>Indexes in the Azure Blob container <c>faq-indexes</c>, one blob per index, named <c>{tenantId}/{language}</c>.</summary>
public sealed class BlobFaqIndexStore(BlobServiceClient blobs) : IFaqIndexStore
{
    public const string ContainerName = "faq-indexes";

    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(ContainerName);

    /// <summary>Creates the container if it is missing; the silo calls this once while it starts.</summary>
    public Task EnsureCreated(CancellationToken cancellationToken) => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public Task Write(string key, byte[] content) => container.GetBlobClient(key).UploadAsync(BinaryData.FromBytes(content), overwrite: true);

    public async Task<byte[]?> Read(string key)
    {
        try
        {
            return (await container.GetBlobClient(key).DownloadContentAsync()).Value.Content.ToArray();
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
    }
}
