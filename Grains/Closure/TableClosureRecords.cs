using Azure.Data.Tables;

namespace Orbitalyntra.Closure;

/// <summary>Closure records in the Azure table <c>closures</c>, one row per deleted tenant (partition: the tenant id).</summary>
public sealed class TableClosureRecords(TableServiceClient tables) : IClosureRecords
{
    public const string TableName = "closures";

    private const string Row = "closure";

    private readonly TableClient table = tables.GetTableClient(TableName);

    public Task EnsureCreated(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public Task Keep(ClosureRecord record) => table.UpsertEntityAsync(
        new TableEntity(record.TenantId, Row)
        {
            [nameof(ClosureRecord.ClosedAt)] = record.ClosedAt,
            [nameof(ClosureRecord.DeletedAt)] = record.DeletedAt,
            [nameof(ClosureRecord.BillingReference)] = record.BillingReference,
        },
        TableUpdateMode.Replace);

    public async Task<ClosureRecord?> Find(string tenantId) =>
        await table.GetEntityIfExistsAsync<TableEntity>(tenantId, Row) is { HasValue: true } found
            ? new ClosureRecord(
                tenantId, found.Value!.GetDateTimeOffset(nameof(ClosureRecord.ClosedAt))!.Value,
                found.Value.GetDateTimeOffset(nameof(ClosureRecord.DeletedAt))!.Value, found.Value.GetString(nameof(ClosureRecord.BillingReference)))
            : null;
}
