using System.Collections.Concurrent;

namespace Orbitalyntra.Privacy;

/// <summary>Subjects' places in process memory, for the memory storage mode.</summary>
public sealed class MemorySubjectPlaces : ISubjectPlaces
{
    private readonly ConcurrentDictionary<SubjectKey, ConcurrentDictionary<DataPlace, bool>> places = new();

    public Task Add(SubjectKey subject, DataPlace place)
    {
        places.GetOrAdd(subject, _ => new())[place] = true;
        return Task.CompletedTask;
    }

    public Task Remove(SubjectKey subject, DataPlace place)
    {
        if (places.TryGetValue(subject, out var held))
        {
            held.TryRemove(place, out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DataPlace>> List(SubjectKey subject) =>
        Task.FromResult<IReadOnlyList<DataPlace>>(places.TryGetValue(subject, out var held) ? [.. held.Keys] : []);
}
