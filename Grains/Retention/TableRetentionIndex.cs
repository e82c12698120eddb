using Orbitalyntra.Storage;
using System.Globalization;
using System.Collections.Immutable;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Orbitalyntra.Retention;

/// <summary>
/// The retention index in the Azure Table <c>retention</c>: a partition per tenant and day (<c>{tenant}|yyyyMMdd</c>),
/// a row per kind and holder (<c>{kind}|{grain type}|{grain key}</c>: a grain id's string form has a '/', which a row key
/// may not), so that one holder's kinds are touched in one entity-group transaction and a purge reads the days before a
/// cutoff with one range query per kind.
/// </summary>
public sealed class TableRetentionIndex(TableServiceClient tables) : IRetentionIndex, ITenantStorage
{
    public const string TableName = "retention";

    private const string DayFormat = "yyyyMMdd";
    private const string PurgedInColumn = "PurgedIn";
    private const string ResultColumn = "Result";
    private const string RemovedColumn = "Removed";

    private readonly TableClient table = tables.GetTableClient(TableName);

    public Task EnsureCreated(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public string Name => $"table {TableName}";

    /// <summary>A partition per tenant and day, keyed <c>{tenant}|{day}</c>.</summary>
    public Task<int> DeleteTenant(string tenantId) => table.DeleteWhere(TableRows.PartitionsStartingWith(tenantId + "|"));

    public Task Touch(string tenantId, DateOnly day, GrainId holder, IReadOnlyList<RetentionKind> kinds) =>
        table.SubmitTransactionAsync(kinds.Select(kind =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition(tenantId, day), Row(kind, holder)))));

    public async IAsyncEnumerable<RetentionEntry> Before(string tenantId, RetentionKind kind, DateOnly day)
    {
        var rowPrefix = $"{(int)kind}|";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {tenantId + "|"} and PartitionKey lt {Partition(tenantId, day)} and RowKey ge {rowPrefix} and RowKey lt {(int)kind + "}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            var holder = row.RowKey[rowPrefix.Length..];
            var separator = holder.IndexOf('|', StringComparison.Ordinal);
            yield return new RetentionEntry(
                tenantId,
                DateOnly.ParseExact(row.PartitionKey[(tenantId.Length + 1)..], DayFormat, CultureInfo.InvariantCulture),
                kind,
                GrainId.Create(holder[..separator], holder[(separator + 1)..]),
                row.GetGuid(PurgedInColumn),
                row.GetInt32(ResultColumn) is { } result
                    ? new PurgeOutcome((PurgeResult)result, JsonSerializer.Deserialize<List<PurgeCount>>(row.GetString(RemovedColumn) ?? "[]")!.ToImmutableList())
                    : null);
        }
    }

    public Task Mark(RetentionEntry entry, Guid runId, PurgeOutcome outcome) =>
        table.UpsertEntityAsync(
            new TableEntity(Partition(entry.TenantId, entry.Day), Row(entry.Kind, entry.Holder))
            {
                [PurgedInColumn] = runId,
                [ResultColumn] = (int)outcome.Result,
                [RemovedColumn] = JsonSerializer.Serialize(outcome.Removed),
            },
            TableUpdateMode.Replace);

    public async Task Remove(RetentionEntry entry)
    {
        try
        {
            await table.DeleteEntityAsync(Partition(entry.TenantId, entry.Day), Row(entry.Kind, entry.Holder));
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // Removed before: removing is idempotent.
        }
    }

    private static string Partition(string tenantId, DateOnly day) => $"{tenantId}|{day.ToString(DayFormat, CultureInfo.InvariantCulture)}";

    private static string Row(RetentionKind kind, GrainId holder) => $"{(int)kind}|{holder.Type}|{holder.Key}";
}
