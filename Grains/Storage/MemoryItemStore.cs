using System.Collections.Concurrent;

namespace Orbitalyntra.Storage;

/// <summary>Items by name in process memory, for the memory storage mode: the counterpart of <see cref="BlobContainerStore"/>.</summary>
public abstract class MemoryItemStore
{
    private readonly ConcurrentDictionary<string, byte[]> items = new(StringComparer.Ordinal);

    /// <inheritdoc cref="BlobContainerStore.Write"/>
    public Task Write(string name, byte[] content)
    {
        items[name] = content;
        return Task.CompletedTask;
    }

    /// <inheritdoc cref="BlobContainerStore.Read"/>
    public Task<byte[]?> Read(string name) => Task.FromResult(items.GetValueOrDefault(name));

    /// <inheritdoc cref="BlobContainerStore.Delete"/>
    public Task Delete(string name)
    {
        items.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc cref="BlobContainerStore.DeleteAll"/>
    public Task<int> DeleteAll(string prefix) =>
        Task.FromResult(items.Keys.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Count(name => items.TryRemove(name, out _)));
}
