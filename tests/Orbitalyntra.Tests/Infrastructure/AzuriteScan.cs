using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>Reads everything stored in the test storage account — every blob, table entity and queue message — as text.</summary>
public static class AzuriteScan
{
    /// <summary>
    /// Where each of <paramref name="needles"/> occurs in storage — in a blob's name or content, a table entity's keys or
    /// properties, a queue message — as "needle in location".
    /// </summary>
    public static async Task<List<string>> Find(params string[] needles)
    {
        var found = new List<string>();
        await foreach (var (location, text) in Everything())
        {
            found.AddRange(needles
                .Where(n => location.Contains(n, StringComparison.Ordinal) || text.Contains(n, StringComparison.Ordinal))
                .Select(n => $"'{n}' in {location}"));
        }

        return found;
    }

    public static async IAsyncEnumerable<(string Location, string Text)> Everything()
    {
        var blobs = new BlobServiceClient(TestStorage.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                // A blob deleted between listing and reading (a grain clearing its state meanwhile) holds nothing any more.
                Azure.Response<Azure.Storage.Blobs.Models.BlobDownloadResult> content;
                try
                {
                    content = await client.GetBlobClient(blob.Name).DownloadContentAsync();
                }
                catch (Azure.RequestFailedException gone) when (gone.Status == 404)
                {
                    continue;
                }

                yield return ($"blob {container.Name}/{blob.Name}", Encoding.UTF8.GetString(content.Value.Content.ToArray()));
            }
        }

        var tables = new TableServiceClient(TestStorage.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = string.Join("\n", entity.Select(property => $"{property.Key}={Describe(property.Value)}"));
                yield return ($"table {table.Name} {entity.PartitionKey}/{entity.RowKey}", text);
            }
        }

        var queues = new QueueServiceClient(TestStorage.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            var messages = await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32);
            foreach (var message in messages.Value)
            {
                yield return ($"queue {queue.Name} {message.MessageId}", message.Body.ToString());
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        BinaryData data => Encoding.UTF8.GetString(data.ToArray()),
        _ => value?.ToString() ?? "",
    };
}
