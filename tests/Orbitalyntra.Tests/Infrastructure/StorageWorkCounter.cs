using Azure.Core;
using Azure.Core.Pipeline;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>Counts the requests an Azure SDK client sends to storage, and their body bytes, retries included.</summary>
public sealed class StorageWorkCounter : HttpPipelineSynchronousPolicy
{
    private long requests;
    private long bytes;

    public StorageWork Total => new(Interlocked.Read(ref requests), Interlocked.Read(ref bytes));

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref requests);
        if (message.Request.Content is { } content && content.TryComputeLength(out var length))
        {
            Interlocked.Add(ref bytes, length);
        }
    }
}

public readonly record struct StorageWork(long Requests, long Bytes)
{
    public static StorageWork operator -(StorageWork after, StorageWork before) =>
        new(after.Requests - before.Requests, after.Bytes - before.Bytes);
}
