using Azure.Storage.Blobs;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Chat;

/// <summary>What every <see cref="IFileStore"/> does; each implementation runs it through a subclass below.</summary>
public abstract class FileStoreContract(IFileStore store, Func<CancellationToken, Task>? create = null) : StorageContract(create)
{
    // Fresh per test: implementations on one storage account share the files container.
    private readonly string folder = $"contract/{Guid.NewGuid():N}/";

    private IFileStore Store => store;

    private string Name(string file) => folder + file;

    protected override Task CleanUp() => Store.DeleteAll(folder);

    [Fact]
    public async Task A_file_never_written_reads_as_nothing() => Assert.Null(await Store.Read(Name("missing")));

    [Fact]
    public async Task A_written_file_reads_back_byte_for_byte_and_a_second_write_replaces_it()
    {
        byte[] first = [0, 1, 2, 255], second = [42];

        await Store.Write(Name("f"), first);
        Assert.Equal(first, await Store.Read(Name("f")));
        await Store.Write(Name("f"), second);
        Assert.Equal(second, await Store.Read(Name("f")));
    }

    [Fact]
    public async Task An_empty_file_reads_back_empty_not_as_nothing()
    {
        await Store.Write(Name("empty"), []);

        Assert.Empty(Assert.IsType<byte[]>(await Store.Read(Name("empty"))));
    }

    [Fact]
    public async Task A_deleted_file_reads_as_nothing_and_deleting_again_or_a_missing_file_is_harmless()
    {
        await Store.Write(Name("f"), [1]);

        await Store.Delete(Name("f"));
        await Store.Delete(Name("f"));
        await Store.Delete(Name("never-written"));

        Assert.Null(await Store.Read(Name("f")));
    }

    [Fact]
    public async Task Deleting_by_prefix_deletes_exactly_the_names_that_start_with_it_and_answers_how_many()
    {
        foreach (var file in new[] { "a/1", "a/2", "ab/1", "b/1" })
        {
            await Store.Write(Name(file), [1]);
        }

        Assert.Equal(2, await Store.DeleteAll(Name("a/")));
        Assert.Equal(0, await Store.DeleteAll(Name("a/")));
        Assert.Null(await Store.Read(Name("a/1")));
        Assert.NotNull(await Store.Read(Name("ab/1")));
        Assert.NotNull(await Store.Read(Name("b/1")));
    }
}

public sealed class MemoryFileStoreContract() : FileStoreContract(new MemoryFileStore());

/// <summary>The blob store on the tests' Azurite (its container is fixed; a folder per test keeps the tests apart).</summary>
public sealed class BlobFileStoreContract() : FileStoreContract(Store, Store.EnsureCreated)
{
    private static readonly BlobFileStore Store = new(new BlobServiceClient(TestStorage.ConnectionString));
}
