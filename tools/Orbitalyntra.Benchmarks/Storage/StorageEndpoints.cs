namespace Orbitalyntra.Benchmarks.Storage;

/// <summary>The three services of a storage account's connection string, with their endpoints given explicitly (as Azurite's are).</summary>
public sealed record StorageEndpoints(string ConnectionString, Uri Blob, Uri Queue, Uri Table)
{
    public static StorageEndpoints Parse(string connectionString)
    {
        var settings = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair.Length > 1 ? pair[1] : "", StringComparer.OrdinalIgnoreCase);
        Uri Endpoint(string name) => settings.TryGetValue(name, out var value)
            ? new Uri(value)
            : throw new ArgumentException($"Counting storage requests needs {name} in the connection string, as scripts/azurite.sh writes it.");
        return new StorageEndpoints(connectionString, Endpoint("BlobEndpoint"), Endpoint("QueueEndpoint"), Endpoint("TableEndpoint"));
    }

    /// <summary>The same account reached through the proxy's ports on loopback (paths, account name and key unchanged).</summary>
    public StorageEndpoints Through(ProxyPorts ports)
    {
        Uri Moved(Uri endpoint, int port) => new UriBuilder(endpoint) { Host = "127.0.0.1", Port = port }.Uri;
        var (blob, queue, table) = (Moved(Blob, ports.Blob), Moved(Queue, ports.Queue), Moved(Table, ports.Table));
        var text = ConnectionString
            .Replace(Blob.OriginalString, blob.OriginalString, StringComparison.Ordinal)
            .Replace(Queue.OriginalString, queue.OriginalString, StringComparison.Ordinal)
            .Replace(Table.OriginalString, table.OriginalString, StringComparison.Ordinal);
        return new StorageEndpoints(text, blob, queue, table);
    }
}

/// <summary>The loopback ports the counting proxy listens on: one per storage service, and one to read its counts.</summary>
public sealed record ProxyPorts(int Blob, int Queue, int Table, int Control)
{
    public static ProxyPorts Free() => new(Targets.FreePort.Next(), Targets.FreePort.Next(), Targets.FreePort.Next(), Targets.FreePort.Next());

    public override string ToString() => $"{Blob},{Queue},{Table},{Control}";

    public static ProxyPorts Parse(string text) => text.Split(',').Select(int.Parse).ToArray() is [var blob, var queue, var table, var control]
        ? new ProxyPorts(blob, queue, table, control)
        : throw new ArgumentException($"Expected four ports, blob,queue,table,control: '{text}'.");
}
