namespace Orbitalyntra.Chat;

/// <summary>
/// The stored state of Orleans streams: the pub-sub rendezvous keeps each stream's producers and subscribers in the
/// <c>PubSubStore</c>, and the pulling agents never unregister a producer whose stream merely went idle, so that state
/// stays as long as nobody deletes it. A purge deletes it along with the conversation whose id names the stream.
/// </summary>
public interface IStreamStateStore
{
    /// <summary>Deletes the stored pub-sub state of <paramref name="stream"/> of the chat provider; idempotent.</summary>
    Task Forget(StreamId stream);
}

/// <summary>
/// The pub-sub state in the blob container <c>pubsub</c>, named as Orleans' blob grain storage names it:
/// <c>{state name}-{grain id}.json</c>, the rendezvous grain's id being <c>pubsubrendezvous/{provider}/{stream}</c>. A
/// rendezvous activation still holding the deleted state fails its next write on the ETag and reactivates empty.
/// </summary>
public sealed class BlobStreamStateStore(Azure.Storage.Blobs.BlobServiceClient blobs) : IStreamStateStore
{
    public const string ContainerName = "pubsub";

    private readonly Azure.Storage.Blobs.BlobContainerClient container = blobs.GetBlobContainerClient(ContainerName);

    public Task Forget(StreamId stream) => container
        .GetBlobClient($"PubSubRendezvousGrain-pubsubrendezvous/{ChatStreams.Provider}/{stream.GetNamespace()}/{stream.GetKeyAsString()}.json")
        .DeleteIfExistsAsync();
}

/// <summary>In the memory storage mode the pub-sub state lives in memory only: nothing to delete.</summary>
public sealed class NoStoredStreamState : IStreamStateStore
{
    public Task Forget(StreamId stream) => Task.CompletedTask;
}
