using Azure;
using Azure.Data.Tables;
using Orbitalyntra.Storage;

namespace Orbitalyntra.Privacy;

/// <summary>Tenants' key material in the Azure table <c>tenantkeys</c>: a row per tenant (partition: the tenant id).</summary>
public sealed class TableTenantKeyMaterial(TableServiceClient tables) : ITenantKeyMaterial, ITenantStorage
{
    public const string TableName = "tenantkeys";

    private const string Row = "material";
    private const string MaterialColumn = "Sealed";

    private readonly TableClient table = tables.GetTableClient(TableName);

    public string Name => $"table {TableName}";

    public Task EnsureCreated(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<byte[]?> Read(string tenantId) =>
        await table.GetEntityIfExistsAsync<TableEntity>(tenantId, Row) is { HasValue: true } row ? row.Value!.GetBinary(MaterialColumn) : null;

    public async Task<byte[]> AddOrRead(string tenantId, byte[] sealedMaterial)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(tenantId, Row) { [MaterialColumn] = sealedMaterial });
            return sealedMaterial;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            // Another silo made the tenant's material first: every silo must use that one.
            return (await Read(tenantId))!;
        }
    }

    public async Task<bool> Destroy(string tenantId) => await table.DeleteWhere(TableRows.Partition(tenantId)) > 0;

    Task<int> ITenantStorage.DeleteTenant(string tenantId) => table.DeleteWhere(TableRows.Partition(tenantId));
}
