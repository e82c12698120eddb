using System.Collections.Immutable;

namespace Orbitalyntra.Privacy;

/// <summary>An e-mail address's directory entry, a holder of its subjects' data (the keyed hash of their address).</summary>
[GrainType("subjectdirectory")]
public sealed class SubjectDirectoryGrain(
    [PersistentState("directory")] IPersistentState<SubjectDirectoryState> state) : Grain, ISubjectDirectoryGrain, IPersonalDataHolder
{
    public async Task Add(string subjectId)
    {
        if (!state.State.SubjectIds.Contains(subjectId))
        {
            state.State = new SubjectDirectoryState(state.State.SubjectIds.Add(subjectId));
            await state.WriteStateAsync();
        }
    }

    public async Task Remove(string subjectId)
    {
        if (!state.State.SubjectIds.Contains(subjectId))
        {
            return;
        }

        state.State = new SubjectDirectoryState(state.State.SubjectIds.Remove(subjectId));
        if (state.State.SubjectIds.IsEmpty)
        {
            await state.ClearStateAsync();
        }
        else
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> Find() => Task.FromResult<IReadOnlyList<string>>([.. state.State.SubjectIds.Order(StringComparer.Ordinal)]);

    Task IPersonalDataHolder.EraseSubject(SubjectKey subject) => Remove(subject.SubjectId);

    /// <summary>Nothing to export: the entry holds a keyed hash, which tells the subject nothing their contact does not.</summary>
    Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject) => Task.FromResult<IReadOnlyList<ExportItem>>([]);
}

/// <summary>The subject ids that gave one e-mail address (opaque ids only).</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.subject-directory-state")]
public sealed record SubjectDirectoryState([property: Id(0)] ImmutableHashSet<string> SubjectIds)
{
    public SubjectDirectoryState()
        : this(ImmutableHashSet<string>.Empty)
    {
    }
}
