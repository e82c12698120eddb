using System.Collections.Concurrent;

namespace Orbitalyntra.Chat;

/// <summary>Files in process memory, for the memory storage mode.</summary>
public sealed class MemoryFileStore : IFileStore
{
    private readonly ConcurrentDictionary<string, byte[]> files = new(StringComparer.Ordinal);

    public Task Write(string name, byte[] content)
    {
        files[name] = content;
        return Task.CompletedTask;
    }

    public Task<byte[]?> Read(string name) => Task.FromResult(files.GetValueOrDefault(name));

    public Task Delete(string name)
    {
        files.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task<int> DeleteAll(string prefix) =>
        Task.FromResult(files.Keys.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Count(name => files.TryRemove(name, out _)));
}
