using System.Net.Http.Json;

namespace Orbitalyntra.Benchmarks.Storage;

/// <summary>Storage requests by name, as the counting proxy saw them; subtract two readings for what happened between.</summary>
public sealed record RequestTally(IReadOnlyDictionary<string, long> ByName)
{
    public static RequestTally None { get; } = new(new Dictionary<string, long>());

    public long Total => ByName.Values.Sum();

    public static RequestTally operator -(RequestTally after, RequestTally before) => new(after.ByName
        .Select(count => (count.Key, Count: count.Value - before.ByName.GetValueOrDefault(count.Key)))
        .Where(count => count.Count != 0)
        .OrderByDescending(count => count.Count)
        .ToDictionary(count => count.Key, count => count.Count));
}

/// <summary>Reads the counting proxy's counts from its control port.</summary>
public sealed class StorageRequestCounter(int controlPort) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri($"http://127.0.0.1:{controlPort}/"), Timeout = TimeSpan.FromSeconds(10) };

    public async Task<RequestTally> Read() =>
        new(await http.GetFromJsonAsync<Dictionary<string, long>>("counts") ?? throw new InvalidOperationException("The storage proxy answered no counts."));

    public void Dispose() => http.Dispose();
}
