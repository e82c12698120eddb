using Azure.Storage.Blobs;
using Orbitalyntra.Accounts;
using Orbitalyntra.Storage;

namespace Orbitalyntra.Closure;

/// <summary>
/// The Orleans grain states a tenant's grains left in Azure Blob storage: the grain storage (<see cref="GrainStates"/>)
/// and the streams' pub-sub state (<see cref="PubSub"/>). The Azure blob provider names a state blob
/// <c>{state name}-{grain type}/{grain key}.json</c> (Orleans' <c>AzureBlobGrainStorage.GetBlobName</c>), so the grains of a
/// tenant are those whose key <see cref="TenantIds.Owns">is the tenant's</see>. The closing tenant's own closure state
/// is left to its grain, which clears it last.
/// </summary>
public sealed class BlobGrainStates(BlobServiceClient blobs, string containerName) : ITenantStorage
{
    /// <summary>The container of grain state.</summary>
    public const string GrainStates = "grainstate";

    /// <summary>The container of the streams' pub-sub state (the PubSubStore).</summary>
    public const string PubSub = "pubsub";

    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(containerName);

    public string Name => $"blob container {containerName}";

    /// <summary>The grains of <paramref name="tenantId"/> that have a state here, the closing grain excepted.</summary>
    public async IAsyncEnumerable<(GrainId Grain, string BlobName)> Grains(string tenantId)
    {
        await foreach (var blob in container.GetBlobsAsync())
        {
            if (GrainOf(blob.Name) is { } grain && TenantIds.Owns(tenantId, grain.Key.ToString()!) && grain.Type.ToString() != TenantClosureGrain.GrainTypeName)
            {
                yield return (grain, blob.Name);
            }
        }
    }

    public async Task<int> DeleteTenant(string tenantId)
    {
        var deleted = 0;
        await foreach (var (_, blobName) in Grains(tenantId))
        {
            if (await container.GetBlobClient(blobName).DeleteIfExistsAsync())
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>The grain a state blob belongs to, or null for a blob of another shape.</summary>
    private static GrainId? GrainOf(string blobName)
    {
        var name = blobName.EndsWith(".json", StringComparison.Ordinal) ? blobName[..^".json".Length] : blobName;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var dash = slash < 0 ? -1 : name.LastIndexOf('-', slash);
        return dash < 0 ? null : GrainId.Create(name[(dash + 1)..slash], name[(slash + 1)..]);
    }
}
