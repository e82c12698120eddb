namespace Orbitalyntra.Privacy;

/// <summary>What a data subject asks for (GDPR art. 7(3), 15–18, 20, 21).</summary>
public enum RequestKind
{
    /// <summary>A copy of everything held (art. 15).</summary>
    Access = 1,

    /// <summary>The data in a structured, machine-readable form (art. 20).</summary>
    Portability = 2,

    /// <summary>Correct what is wrong (art. 16).</summary>
    Rectification = 3,

    /// <summary>Forget me (art. 17).</summary>
    Erasure = 4,

    /// <summary>Keep my data, but use it for nothing (art. 18).</summary>
    Restriction = 5,

    /// <summary>Stop processing based on legitimate interest, and marketing (art. 21).</summary>
    Objection = 6,

    /// <summary>Withdraw every consent given (art. 7(3)).</summary>
    ConsentWithdrawal = 7,
}

/// <summary>Where a request stands.</summary>
public enum RequestStatus
{
    /// <summary>Received and not answered yet: the deadline runs.</summary>
    Open = 1,

    /// <summary>Done.</summary>
    Completed = 2,

    /// <summary>Refused, with the reason in the resolution (e.g. the requester's identity could not be verified).</summary>
    Rejected = 3,
}

/// <summary>A deadline extended (art. 12(3): by up to two further months, with the reason told to the subject).</summary>
/// <param name="Until">The new deadline.</param>
/// <param name="Reason">Why, as told to the subject.</param>
/// <param name="By">Who extended it.</param>
/// <param name="At">When.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.request-extension")]
public sealed record RequestExtension(
    [property: Id(0)] DateTimeOffset Until,
    [property: Id(1)] string Reason,
    [property: Id(2)] Actor By,
    [property: Id(3)] DateTimeOffset At);

/// <summary>One data-subject request and its deadline.</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="SubjectId">Whose request (an opaque id).</param>
/// <param name="Kind">What is asked.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="ReceivedAt">When it was received: the deadline runs from here.</param>
/// <param name="DueAt">One month after <paramref name="ReceivedAt"/>.</param>
/// <param name="Extension">The extension, if any.</param>
/// <param name="ClosedAt">When it was completed or rejected.</param>
/// <param name="Resolution">What was done, or why it was refused (no personal data).</param>
/// <param name="Overdue">Flagged by the deadline reminder: still open after its deadline.</param>
/// <param name="ReceivedBy">Who recorded it (the visitor themself, or an administrator).</param>
/// <param name="HeldBecause">Why an erasure waits: the legal hold on the data, as told to the requester; null when none.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.subject-request")]
public sealed record SubjectRequest(
    [property: Id(0)] Guid RequestId,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] RequestKind Kind,
    [property: Id(3)] RequestStatus Status,
    [property: Id(4)] DateTimeOffset ReceivedAt,
    [property: Id(5)] DateTimeOffset DueAt,
    [property: Id(6)] RequestExtension? Extension,
    [property: Id(7)] DateTimeOffset? ClosedAt,
    [property: Id(8)] string? Resolution,
    [property: Id(9)] bool Overdue,
    [property: Id(10)] Actor ReceivedBy,
    [property: Id(11)] string? HeldBecause = null)
{
    /// <summary>The deadline in force: the extended one, or one month after receipt.</summary>
    public DateTimeOffset Deadline => Extension?.Until ?? DueAt;
}

/// <summary>
/// A tenant's queue of data-subject requests with their deadlines: one month from receipt, extendable once by up to
/// two further months with a reason. A reminder flags the open requests whose deadline has passed. Requests are filed
/// and carried out by <see cref="ISubjectRightsGrain"/>; closed ones go after the tenant's audit lifetime (a holder of
/// retention, <see cref="Retention.IRetentionHolder"/>). It calls no other grain.
/// </summary>
[Alias("orbitalyntra.privacy.IPrivacyRequestsGrain")]
public interface IPrivacyRequestsGrain : IGrainWithStringKey
{
    /// <summary>Records a new request, due one month from now; answers the subject's open request of that kind if there is one.</summary>
    [Alias("Receive")]
    Task<SubjectRequest> Receive(string subjectId, RequestKind kind, Actor by);

    /// <summary>
    /// Extends an open request's deadline to <paramref name="until"/>: later than the deadline in force, at most three
    /// months after receipt, before the first deadline has passed, with a reason. Null when there is no such request;
    /// <see cref="ArgumentException"/> (with what is wrong) when the extension is not allowed.
    /// </summary>
    [Alias("Extend")]
    Task<SubjectRequest?> Extend(Guid requestId, DateTimeOffset until, string reason, Actor by);

    /// <summary>Completes or rejects an open request; null when there is no such request, the request unchanged when already closed.</summary>
    [Alias("Close")]
    Task<SubjectRequest?> Close(Guid requestId, RequestStatus status, string resolution, Actor by);

    /// <summary>
    /// Records that an open request waits for a legal hold (<paramref name="because"/>, told to the requester), or no longer
    /// (null); audited. Null when there is no such request.
    /// </summary>
    [Alias("Hold")]
    Task<SubjectRequest?> Hold(Guid requestId, string? because, Actor by);

    /// <summary>Completes every open request of <paramref name="kind"/> by the subject (e.g. when an erasure finishes).</summary>
    [Alias("CompleteOpen")]
    Task CompleteOpen(string subjectId, RequestKind kind, string resolution);

    /// <summary>The requests, oldest first: the open ones only, or all kept.</summary>
    [Alias("List")]
    Task<IReadOnlyList<SubjectRequest>> List(bool openOnly);
}
