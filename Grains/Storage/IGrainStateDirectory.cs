using Azure.Storage.Blobs;

namespace Orbitalyntra.Storage;

/// <summary>
/// Which grains of a type have a stored state, by key prefix: for a feature that must forget many grains' states at once
/// (a removed webhook endpoint's deliveries, one per conversation) without keeping an index of them.
/// </summary>
public interface IGrainStateDirectory
{
    /// <summary>The keys of the grains of <paramref name="grainType"/> whose state <paramref name="stateName"/> is stored, starting with <paramref name="keyPrefix"/>.</summary>
    IAsyncEnumerable<string> Keys(string stateName, string grainType, string keyPrefix);
}

/// <summary>
/// Grain states in Azure Blob storage, listed by name: Orleans' blob provider names a state blob
/// <c>{state name}-{grain type}/{grain key}.json</c> (as <c>Closure.BlobGrainStates</c> reads them too).
/// </summary>
public sealed class BlobGrainStateDirectory(BlobServiceClient blobs, string containerName) : IGrainStateDirectory
{
    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(containerName);

    public async IAsyncEnumerable<string> Keys(string stateName, string grainType, string keyPrefix)
    {
        var prefix = $"{stateName}-{grainType}/";
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix + keyPrefix, CancellationToken.None))
        {
            var name = blob.Name[prefix.Length..];
            yield return name.EndsWith(".json", StringComparison.Ordinal) ? name[..^".json".Length] : name;
        }
    }
}

/// <summary>
/// The memory storage mode cannot list its grain states: it answers none, so such a feature forgets only the grains it
/// reaches otherwise (nothing outlives the process there).
/// </summary>
public sealed class NoGrainStateDirectory : IGrainStateDirectory
{
    public IAsyncEnumerable<string> Keys(string stateName, string grainType, string keyPrefix) => AsyncEnumerable.Empty<string>();
}
