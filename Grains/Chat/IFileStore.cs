namespace Orbitalyntra.Chat;

/// <summary>Where the (sealed) contents of files sent in conversations are kept, by opaque name.</summary>
public interface IFileStore
{
    Task Write(string name, byte[] content);

    /// <summary>The content, or null when there is none (never written, or deleted).</summary>
    Task<byte[]?> Read(string name);

    /// <summary>Deletes the content; idempotent.</summary>
    Task Delete(string name);

    /// <summary>Deletes every file whose name starts with <paramref name="prefix"/>; idempotent. Answers how many it deleted.</summary>
    Task<int> DeleteAll(string prefix);
}
