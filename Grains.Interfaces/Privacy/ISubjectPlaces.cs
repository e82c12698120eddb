namespace Orbitalyntra.Privacy;

/// <summary>
/// Where each subject's data lives: the grain ids of the <see cref="IPersonalDataHolder"/>s that keep some of it. Written
/// by each holder before it keeps anything of a subject (a conversation before it seals an author's first message), so
/// that recording a place costs one idempotent write wherever it happens, never a rewrite of the subject's state.
/// Every right lists the places and calls their holders.
/// </summary>
public interface ISubjectPlaces
{
    /// <summary>Records <paramref name="holder"/> among the subject's places; idempotent.</summary>
    Task Add(SubjectKey subject, GrainId holder);

    /// <summary>Forgets <paramref name="holder"/> as a place of the subject (it keeps nothing of them any more); idempotent.</summary>
    Task Remove(SubjectKey subject, GrainId holder);

    /// <summary>The subject's places.</summary>
    Task<IReadOnlyList<GrainId>> List(SubjectKey subject);
}
