namespace Orbitalyntra.Faq;

/// <summary>Where search indexes are kept between activations: one item per tenant and language, holding public articles only.</summary>
public interface IFaqIndexStore
{
    /// <summary>The stored index, or null when there is none.</summary>
    Task<byte[]?> Read(string name);

    /// <summary>Replaces the stored index.</summary>
    Task Write(string name, byte[] content);
}

/// <summary>Indexes in process memory, for the memory storage mode.</summary>
public sealed class MemoryFaqIndexStore : Storage.MemoryItemStore, IFaqIndexStore;
