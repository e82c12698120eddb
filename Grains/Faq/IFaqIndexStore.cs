namespace Orbitalyntra.Faq;

/// <summary>Where search indexes are kept between activations: one item per tenant and language, holding public articles only.</summary>
public interface IFaqIndexStore
{
    /// <summary>The stored index, or null when there is none.</summary>
    Task<byte[]?> Read(string key);

    /// <summary>Replaces the stored index.</summary>
    Task Write(string key, byte[] content);
}

/// <summary>Indexes in process memory, for the memory storage mode.</summary>
public sealed class MemoryFaqIndexStore : IFaqIndexStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> indexes = new(StringComparer.Ordinal);

    public Task<byte[]?> Read(string key) => Task.FromResult(indexes.GetValueOrDefault(key));

    public Task Write(string key, byte[] content)
    {
        indexes[key] = content;
        return Task.CompletedTask;
    }
}
