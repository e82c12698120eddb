namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// The frame of a storage port's contract suite (Chat/ConversationLogContract and the like): the store is made ready
/// before each test, and what the test wrote is removed after it, since the implementations on Azurite share their
/// tables and containers with every other test.
/// </summary>
/// <param name="create">Creates the store's table or container; null for stores in memory.</param>
public abstract class StorageContract(Func<CancellationToken, Task>? create) : IAsyncLifetime
{
    public Task InitializeAsync() => create is null ? Task.CompletedTask : create(CancellationToken.None);

    public Task DisposeAsync() => CleanUp();

    /// <summary>Removes what the test wrote.</summary>
    protected abstract Task CleanUp();
}
