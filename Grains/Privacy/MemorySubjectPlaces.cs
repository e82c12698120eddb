using System.Collections.Concurrent;

namespace Orbitalyntra.Privacy;

/// <summary>Subjects' places in process memory, for the memory storage mode.</summary>
public sealed class MemorySubjectPlaces : ISubjectPlaces
{
    private readonly ConcurrentDictionary<SubjectKey, ConcurrentDictionary<GrainId, bool>> places = new();

    public Task Add(SubjectKey subject, GrainId holder)
    {
        places.GetOrAdd(subject, _ => new())[holder] = true;
        return Task.CompletedTask;
    }

    public Task Remove(SubjectKey subject, GrainId holder)
    {
        if (places.TryGetValue(subject, out var held))
        {
            held.TryRemove(holder, out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GrainId>> List(SubjectKey subject) =>
        Task.FromResult<IReadOnlyList<GrainId>>(places.TryGetValue(subject, out var held) ? [.. held.Keys] : []);
}
