using Orbitalyntra.Storage;
using Azure;
using Azure.Data.Tables;

namespace Orbitalyntra.Privacy;

/// <summary>
/// Subjects' places in the Azure Table <c>subjectplaces</c>: a partition per subject, a row per holder
/// (<c>{grain type}|{grain key}</c>: a grain id's string form has a '/', which a row key may not).
/// </summary>
public sealed class TableSubjectPlaces(TableServiceClient tables) : ISubjectPlaces, ITenantStorage
{
    public const string TableName = "subjectplaces";

    private readonly TableClient table = tables.GetTableClient(TableName);

    public Task EnsureCreated(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public string Name => $"table {TableName}";

    /// <summary>A partition per subject, keyed <c>{tenant}:{subject}</c>.</summary>
    public Task<int> DeleteTenant(string tenantId) => table.DeleteWhere(TableRows.PartitionsStartingWith(tenantId + ":"));

    public Task Add(SubjectKey subject, GrainId holder) =>
        table.UpsertEntityAsync(new TableEntity(subject.ToString(), RowKey(holder)), TableUpdateMode.Replace);

    public async Task Remove(SubjectKey subject, GrainId holder)
    {
        try
        {
            await table.DeleteEntityAsync(subject.ToString(), RowKey(holder));
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // Removed before: removing is idempotent.
        }
    }

    public async Task<IReadOnlyList<GrainId>> List(SubjectKey subject)
    {
        var places = new List<GrainId>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == subject.ToString(), select: ["RowKey"]))
        {
            var separator = row.RowKey.IndexOf('|', StringComparison.Ordinal);
            places.Add(GrainId.Create(row.RowKey[..separator], row.RowKey[(separator + 1)..]));
        }

        return places;
    }

    private static string RowKey(GrainId holder) => $"{holder.Type}|{holder.Key}";
}
