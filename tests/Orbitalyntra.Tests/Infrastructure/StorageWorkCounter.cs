using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// Counts the requests an Azure SDK client sends to storage, and their body bytes, retries included; keeps each
/// request's method and resource (table or container) so that a failed count can say what was sent.
/// </summary>
public sealed class StorageWorkCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> sent = new();
    private long requests;
    private long bytes;

    public StorageWork Total => new(Interlocked.Read(ref requests), Interlocked.Read(ref bytes));

    /// <summary>Every request so far as "METHOD resource", in the order they were sent.</summary>
    public IReadOnlyList<string> Sent => [.. sent];

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref requests);
        if (message.Request.Content is { } content && content.TryComputeLength(out var length))
        {
            Interlocked.Add(ref bytes, length);
        }

        sent.Enqueue($"{message.Request.Method} {Resource(message.Request.Uri.Path)}");
    }

    /// <summary>The table or container a path names, after the account (Azurite's paths start with it).</summary>
    private static string Resource(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : path;
        return resource.Split('(')[0];
    }
}

public readonly record struct StorageWork(long Requests, long Bytes)
{
    public static StorageWork operator -(StorageWork after, StorageWork before) =>
        new(after.Requests - before.Requests, after.Bytes - before.Bytes);

    public static StorageWork operator +(StorageWork one, StorageWork other) =>
        new(one.Requests + other.Requests, one.Bytes + other.Bytes);
}
