namespace Orbitalyntra.Privacy;

/// <summary>
/// A grain that keeps some of a data subject's personal data: a conversation, a visitor session, an account, a directory
/// entry, an outbox... Before it keeps anything of a subject it records itself among the subject's places
/// (<see cref="ISubjectPlaces"/>, by its own grain id); every right then reaches it through this contract, called by that
/// grain id, so that Privacy knows no domain and a new kind of holder plugs in without a change to Privacy.
/// </summary>
[Alias("orbitalyntra.privacy.IPersonalDataHolder")]
public interface IPersonalDataHolder : IGrain
{
    /// <summary>
    /// Erases what this holder keeps of <paramref name="subject"/> (GDPR art. 17). Called after the subject's key was
    /// destroyed, so nothing sealed for the subject can be opened any more; idempotent, as a retry may call it again.
    /// </summary>
    [Alias("EraseSubject")]
    Task EraseSubject(SubjectKey subject);

    /// <summary>
    /// This holder's part of the subject's export (art. 15, 20): items of the export sections it writes, as the subject may
    /// see them; empty when it keeps nothing of the subject.
    /// </summary>
    [Alias("ExportSubject")]
    Task<IReadOnlyList<ExportItem>> ExportSubject(SubjectKey subject);
}
