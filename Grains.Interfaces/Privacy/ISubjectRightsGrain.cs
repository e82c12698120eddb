namespace Orbitalyntra.Privacy;

/// <summary>
/// Carries out one data subject's rights across every holder of their data, keyed by <see cref="SubjectKey"/>: the one
/// path of a data-subject request, from filing it in the tenant's queue (<see cref="IPrivacyRequestsGrain"/>) to its
/// completion. It calls the subject's record (<see cref="IDataSubjectGrain"/>), the holders
/// (<see cref="IPersonalDataHolder"/>) and the queue, and none of them calls it: no call cycle can form.
/// </summary>
[Alias("orbitalyntra.privacy.ISubjectRightsGrain")]
public interface ISubjectRightsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Files a request of <paramref name="kind"/> (an open one of that kind is answered instead of a new one) and carries
    /// out at once what needs nobody else: an erasure (the key destroyed before this returns, every place cleared at once
    /// or by reminder; the request completes when the last place is), a restriction, an objection, a consent withdrawal.
    /// Access and portability complete when the export is delivered (<see cref="Export"/>); rectification stays open
    /// until an administrator closes it.
    /// </summary>
    [Alias("File")]
    Task<FiledRequest> File(RequestKind kind, Actor by);

    /// <summary>
    /// Everything held about the subject, as a machine-readable export (art. 15, 20): their record and every holder's
    /// section. Recorded in the audit trail as exported by <paramref name="by"/>; completes the subject's open access and
    /// portability requests. Null when nothing is held or the subject was erased.
    /// </summary>
    [Alias("Export")]
    Task<SubjectExport?> Export(Actor by);
}

/// <summary>A request as filed and carried out.</summary>
/// <param name="Request">The tracked request, completed when it was carried out at once.</param>
/// <param name="Erasure">For an erasure, how far it has gone.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.filed-request")]
public sealed record FiledRequest([property: Id(0)] SubjectRequest Request, [property: Id(1)] ErasureProgress? Erasure);
