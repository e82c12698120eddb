using Azure;
using Azure.Data.Tables;

namespace Orbitalyntra.Storage;

/// <summary>Deleting rows of an Azure table by a query, for stores that remove a tenant's rows.</summary>
public static class TableRows
{
    /// <summary>Deletes every row <paramref name="filter"/> selects; a row deleted meanwhile counts as gone. Answers how many it deleted.</summary>
    public static async Task<int> DeleteWhere(this TableClient table, string filter)
    {
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"]))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
                deleted++;
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
                // Deleted meanwhile: gone either way.
            }
        }

        return deleted;
    }

    /// <summary>The filter of the partitions whose key starts with <paramref name="prefix"/>.</summary>
    public static string PartitionsStartingWith(string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");

    /// <summary>The filter of the rows of partition <paramref name="partitionKey"/> whose key starts with <paramref name="prefix"/>.</summary>
    public static string RowsStartingWith(string partitionKey, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");

    /// <summary>The filter of one partition.</summary>
    public static string Partition(string partitionKey) => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
}
