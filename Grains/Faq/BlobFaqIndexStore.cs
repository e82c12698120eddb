using Azure.Storage.Blobs;
using Orbitalyntra.Storage;

namespace Orbitalyntra.Faq;

/// <summary>Indexes in the Azure Blob container <c>faq-indexes</c>, one blob per index, named <c>{tenantId}/{language}</c>.</summary>
public sealed class BlobFaqIndexStore(BlobServiceClient blobs) : BlobContainerStore(blobs, ContainerName), IFaqIndexStore
{
    public const string ContainerName = "faq-indexes";
}
