using System.Text.RegularExpressions;

namespace Orbitalyntra.Benchmarks.Storage;

/// <summary>The storage services a request can go to.</summary>
public enum StorageService
{
    Blob,
    Queue,
    Table,
}

/// <summary>What a storage request's name is made from.</summary>
/// <param name="Service">Which service's port it came to.</param>
/// <param name="Method">Its HTTP method.</param>
/// <param name="Path">The request's path, account first (path-style, as Azurite serves): /devstoreaccount1/....</param>
/// <param name="Query">Its query string (the component it addresses: comp=block, comp=lease...).</param>
/// <param name="Conditional">Whether it carries If-Match: an update of what is there rather than an upsert.</param>
/// <param name="BlobType">x-ms-blob-type, for a blob put.</param>
/// <param name="BatchBody">For a table batch, its body: the table is named in each operation inside it.</param>
/// <param name="Status">The storage's answer.</param>
public sealed record StorageRequest(StorageService Service, string Method, string Path, string Query, bool Conditional, string? BlobType, string? BatchBody, int Status);

/// <summary>
/// Names a storage request by what it does, so that a count says which writes a message or a conversation costs:
/// "table messages batch", "blob grainstate/conversation put", "table subjectplaces upsert (merge)". A request that
/// failed carries its status ("blob pubsub get → 404": a grain reading state it never wrote).
/// </summary>
public static partial class StorageRequestNames
{
    public static string Of(StorageRequest request)
    {
        var resource = request.Path.TrimStart('/').Split('/', 2) is [_, var rest] ? rest : "";
        var name = request.Service switch
        {
            StorageService.Table => Table(request.Method, Uri.UnescapeDataString(resource), request.Conditional, request.BatchBody),
            StorageService.Blob => Blob(request.Method, Uri.UnescapeDataString(resource), Comp(request.Query), request.BlobType),
            _ => $"queue {resource.Split('/')[0]} {request.Method.ToLowerInvariant()}",
        };
        return request.Status >= 400 ? $"{name} → {request.Status}" : name;
    }

    private static string Table(string method, string resource, bool conditional, string? batchBody)
    {
        if (resource == "$batch")
        {
            return $"table {(batchBody is null ? "?" : BatchTable().Match(batchBody).Groups["table"].Value)} batch";
        }

        if (resource.StartsWith("Tables", StringComparison.Ordinal))
        {
            return $"table {method switch { "POST" => "create", "DELETE" => "delete", _ => "list" }} table";
        }

        var parenthesis = resource.IndexOf('(');
        var table = parenthesis < 0 ? resource : resource[..parenthesis];
        var entity = parenthesis >= 0 && resource.Length > parenthesis + 2;
        var operation = (method, entity) switch
        {
            ("GET", true) => "get",
            ("GET", false) => "query",
            ("POST", _) => "insert",
            ("PUT", _) => conditional ? "replace" : "upsert (replace)",
            ("PATCH" or "MERGE", _) => conditional ? "merge" : "upsert (merge)",
            ("DELETE", _) => "delete",
            _ => method.ToLowerInvariant(),
        };
        return $"table {table} {operation}";
    }

    private static string Blob(string method, string resource, string? comp, string? blobType)
    {
        var parts = resource.Split('/', 2);
        if (parts is not [var container, var blob])
        {
            return $"blob {(parts[0].Length == 0 ? "account" : parts[0])} {method.ToLowerInvariant()} {comp ?? "container"}";
        }

        var operation = (method, comp) switch
        {
            ("GET", null) => "get",
            ("HEAD", null) => "get properties",
            ("PUT", null) => blobType == "AppendBlob" ? "create append blob" : "put",
            ("DELETE", null) => "delete",
            (_, { } component) => $"{method.ToLowerInvariant()} {component}",
            _ => method.ToLowerInvariant(),
        };
        return $"blob {container}/{GrainType(blob)} {operation}";
    }

    /// <summary>
    /// What kind of blob this is, without its key. Orleans names a grain's state blob "{storage name}-{grain id}.json",
    /// and a grain id is its type, a slash, its key: the type says whose state it is. A key with slashes of its own (the
    /// pub-sub rendezvous's: provider/namespace/stream) keeps all but its last part, so a conversation's stream and an
    /// inbox's stand apart.
    /// </summary>
    private static string GrainType(string blob)
    {
        var segments = blob.Split('/');
        var type = segments[0][(segments[0].LastIndexOf('-') + 1)..];
        return string.Join('/', segments[1..^1].Prepend(type));
    }

    private static string? Comp(string query) =>
        query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2)).FirstOrDefault(pair => pair[0] == "comp") is [_, var value] ? value : null;

    // An operation inside a batch's change set: "POST http://host:port/account/table HTTP/1.1" or ".../account/table(PartitionKey=...".
    [GeneratedRegex(@"^(?:POST|PUT|PATCH|MERGE|DELETE|GET) \S+?//[^/]+/[^/]+/(?<table>[A-Za-z][A-Za-z0-9]*)", RegexOptions.Multiline)]
    private static partial Regex BatchTable();
}
