namespace Orbitalyntra.Privacy;

/// <summary>
/// Where each subject's data lives, written by whoever puts it there (a conversation records itself before it seals
/// an author's first message) so that recording a place costs one idempotent write wherever it happens, never a
/// rewrite of the subject's state. Erasure lists and clears them.
/// </summary>
public interface ISubjectPlaces
{
    Task Add(SubjectKey subject, DataPlace place);

    Task Remove(SubjectKey subject, DataPlace place);

    Task<IReadOnlyList<DataPlace>> List(SubjectKey subject);
}
