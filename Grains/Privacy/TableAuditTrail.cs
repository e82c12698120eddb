using Orbitalyntra.Storage;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;

namespace Orbitalyntra.Privacy;

/// <summary>
/// The audit trail in the Azure Table <c>audit</c>: a partition per tenant, a row per entry keyed by inverted time
/// (newest first) and a random suffix. Rows are only ever added, and deleted by retention when they are older than the tenant's audit lifetime.
/// </summary>
public sealed class TableAuditTrail(TableServiceClient tables) : IAuditTrail, ITenantStorage
{
    public const string TableName = "audit";

    private readonly TableClient table = tables.GetTableClient(TableName);

    public Task EnsureCreated(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public string Name => $"table {TableName}";

    public Task<int> DeleteTenant(string tenantId) => table.DeleteWhere(TableRows.Partition(tenantId));

    public Task Append(string tenantId, AuditEntry entry) => table.AddEntityAsync(new TableEntity(tenantId, RowKey(entry.At))
    {
        [nameof(AuditEntry.At)] = entry.At,
        ["ByRole"] = entry.By.Role,
        ["ById"] = entry.By.Id,
        [nameof(AuditEntry.Action)] = entry.Action,
        [nameof(AuditEntry.SubjectId)] = entry.SubjectId,
        [nameof(AuditEntry.Detail)] = entry.Detail,
    });

    public async Task<IReadOnlyList<AuditEntry>> Read(string tenantId, DateTimeOffset? before, int limit)
    {
        var filter = before is { } at
            ? TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey gt {RowKeyPrefix(at) + "~~"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}");
        var entries = new List<AuditEntry>(limit);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: limit))
        {
            entries.Add(EntryOf(entity));
            if (entries.Count == limit)
            {
                break;
            }
        }

        return entries;
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadBy(string tenantId, string actorId)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and ById eq {actorId}")))
        {
            entries.Add(EntryOf(entity));
        }

        return entries;
    }

    private static AuditEntry EntryOf(TableEntity entity) => new(
        entity.GetDateTimeOffset(nameof(AuditEntry.At))!.Value,
        new Actor(entity.GetString("ByRole"), entity.GetString("ById")),
        entity.GetString(nameof(AuditEntry.Action)),
        entity.GetString(nameof(AuditEntry.SubjectId)),
        entity.GetString(nameof(AuditEntry.Detail)));

    public async Task<int> Purge(string tenantId, DateTimeOffset before)
    {
        var older = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey gt {RowKeyPrefix(before) + "~~"}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(older, select: ["PartitionKey", "RowKey"]))
        {
            rows.Add(row);
        }

        foreach (var chunk in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row)));
        }

        return rows.Count;
    }

    private static string RowKeyPrefix(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    // The prefix orders rows newest first. Suffixes are "~" and hex digits, all below "~~", so "RowKey gt prefix(at)~~"
    // means strictly older than `at`, like the memory trail.
    private static string RowKey(DateTimeOffset at) => $"{RowKeyPrefix(at)}~{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
