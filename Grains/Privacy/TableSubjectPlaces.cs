using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Orbitalyntra.Privacy;

/// <summary>Subjects' places in the Azure Table <c>subjectplaces</c>: a partition per subject, a row per place.</summary>
public sealed class TableSubjectPlaces(TableServiceClient tables) : ISubjectPlaces
{
    public const string TableName = "subjectplaces";

    private readonly TableClient table = tables.GetTableClient(TableName);

    public Task EnsureCreated(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public Task Add(SubjectKey subject, DataPlace place) =>
        table.UpsertEntityAsync(new TableEntity(subject.ToString(), RowKey(place)), TableUpdateMode.Replace);

    public async Task Remove(SubjectKey subject, DataPlace place)
    {
        try
        {
            await table.DeleteEntityAsync(subject.ToString(), RowKey(place));
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // Removed before: removing is idempotent.
        }
    }

    public async Task<IReadOnlyList<DataPlace>> List(SubjectKey subject)
    {
        var places = new List<DataPlace>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == subject.ToString(), select: ["RowKey"]))
        {
            var separator = row.RowKey.IndexOf('|', StringComparison.Ordinal);
            places.Add(new DataPlace((DataPlaceKind)int.Parse(row.RowKey[..separator], CultureInfo.InvariantCulture), row.RowKey[(separator + 1)..]));
        }

        return places;
    }

    private static string RowKey(DataPlace place) => $"{(int)place.Kind}|{place.Id}";
}
