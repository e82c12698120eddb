using Orbitalyntra.Storage;

namespace Orbitalyntra.Chat;

/// <summary>Files in process memory, for the memory storage mode.</summary>
public sealed class MemoryFileStore : MemoryItemStore, IFileStore;
