using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Orbitalyntra.Retention;

/// <summary>
/// The retention index in the Azure Table <c>retention</c>: a partition per tenant and day (<c>{tenant}|yyyyMMdd</c>),
/// a row per kind and item (<c>{kind}|{itemId}</c>), so that one item's kinds are touched in one entity-group
/// transaction and a purge reads the days before a cutoff with one range query per kind.
/// </summary>
public sealed class TableRetentionIndex(TableServiceClient tables) : IRetentionIndex
{
    public const string TableName = "retention";

    private const string DayFormat = "yyyyMMdd";

    private readonly TableClient table = tables.GetTableClient(TableName);

    public Task EnsureCreated(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public Task Touch(string tenantId, DateOnly day, string itemId, IReadOnlyList<RetentionKind> kinds) =>
        table.SubmitTransactionAsync(kinds.Select(kind =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition(tenantId, day), Row(kind, itemId)))));

    public async IAsyncEnumerable<RetentionEntry> Before(string tenantId, RetentionKind kind, DateOnly day)
    {
        var rowPrefix = $"{(int)kind}|";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {tenantId + "|"} and PartitionKey lt {Partition(tenantId, day)} and RowKey ge {rowPrefix} and RowKey lt {(int)kind + "}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            yield return new RetentionEntry(
                tenantId,
                DateOnly.ParseExact(row.PartitionKey[(tenantId.Length + 1)..], DayFormat, CultureInfo.InvariantCulture),
                kind,
                row.RowKey[rowPrefix.Length..],
                row.GetGuid("PurgedIn"),
                row.GetInt32(nameof(PurgeOutcome.Result)) is { } result
                    ? new PurgeOutcome(
                        (PurgeResult)result,
                        row.GetInt32(nameof(PurgeOutcome.Messages)) ?? 0,
                        row.GetInt32(nameof(PurgeOutcome.Files)) ?? 0,
                        row.GetInt32(nameof(PurgeOutcome.PageViews)) ?? 0,
                        row.GetBoolean(nameof(PurgeOutcome.DeviceData)) ?? false)
                    : null);
        }
    }

    public Task Mark(RetentionEntry entry, Guid runId, PurgeOutcome outcome) =>
        table.UpsertEntityAsync(
            new TableEntity(Partition(entry.TenantId, entry.Day), Row(entry.Kind, entry.ItemId))
            {
                ["PurgedIn"] = runId,
                [nameof(PurgeOutcome.Result)] = (int)outcome.Result,
                [nameof(PurgeOutcome.Messages)] = outcome.Messages,
                [nameof(PurgeOutcome.Files)] = outcome.Files,
                [nameof(PurgeOutcome.PageViews)] = outcome.PageViews,
                [nameof(PurgeOutcome.DeviceData)] = outcome.DeviceData,
            },
            TableUpdateMode.Replace);

    public async Task Remove(RetentionEntry entry)
    {
        try
        {
            await table.DeleteEntityAsync(Partition(entry.TenantId, entry.Day), Row(entry.Kind, entry.ItemId));
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // Removed before: removing is idempotent.
        }
    }

    private static string Partition(string tenantId, DateOnly day) => $"{tenantId}|{day.ToString(DayFormat, CultureInfo.InvariantCulture)}";

    private static string Row(RetentionKind kind, string itemId) => $"{(int)kind}|{itemId}";
}
