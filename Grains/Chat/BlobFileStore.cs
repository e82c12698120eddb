using Azure.Storage.Blobs;
using Orbitalyntra.Storage;

namespace Orbitalyntra.Chat;

/// <summary>Files in the Azure Blob container <c>files</c>, one blob per file, named by opaque ids only.</summary>
public sealed class BlobFileStore(BlobServiceClient blobs) : BlobContainerStore(blobs, ContainerName), IFileStore
{
    public const string ContainerName = "files";
}
